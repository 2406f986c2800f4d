/** The prompt templates Parallax offers: defined once in the shared vocabulary. */
export { TEMPLATE_IDS, type TemplateId } from '../../shared/vocabulary';
