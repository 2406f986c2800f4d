/** The prompt templates Parallax offers. One list, shared by prompts, the preference log and the webview protocol. */
export const TEMPLATE_IDS = ['fix', 'refactor', 'explain', 'tests', 'custom'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];
