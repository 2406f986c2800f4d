/**
 * The model checklist (with status and a fix button per model), the first-run state when there are no models, and
 * configuration problems in plain words.
 */
import type { ConfigProblemView, ModelEntryView, SidebarToHost } from '../../shared/protocol';
import { codicon, element, iconButton } from '../common/domBuilder';
import { modelStatusText } from './sidebarFormat';

export function renderModelList(
  target: HTMLElement,
  models: readonly ModelEntryView[],
  post: (message: SidebarToHost) => void,
  onToggle: (modelId: string, selected: boolean) => void,
): void {
  if (models.length === 0) {
    target.replaceChildren(element('div', { className: 'first-run', attrs: { 'data-testid': 'first-run' } }, [
      element('p', { text: 'No models are configured yet. Add one (an OpenAI, Anthropic or OpenAI-compatible endpoint, or a VS Code language model), then set its API key.' }),
      iconButton({ testId: 'configure-models', label: 'Configure Models', icon: 'gear', text: 'Configure Models', className: 'button primary', onClick: () => post({ type: 'configureModels' }) }),
      iconButton({ testId: 'open-walkthrough', label: 'Open the getting-started walkthrough', icon: 'book', text: 'Getting started', onClick: () => post({ type: 'openWalkthrough' }) }),
    ]));
    return;
  }
  target.replaceChildren(element('ul', { className: 'model-list', attrs: { 'aria-label': 'Models' } }, models.map((model) => {
    const checkboxId = `model-checkbox-${model.id}`;
    const checkbox = element('input', {
      attrs: { type: 'checkbox', id: checkboxId, 'data-testid': `model-${model.id}`, checked: model.selected, disabled: model.status === 'invalid' },
    });
    checkbox.addEventListener('change', () => onToggle(model.id, checkbox.checked));
    const status = modelStatusText(model);
    const fix = model.status === 'missing-key'
      ? iconButton({ testId: `set-key-${model.id}`, label: `Set the API key for ${model.label}`, icon: 'key', text: 'Set key', className: 'button link', onClick: () => post({ type: 'setApiKey', modelId: model.id }) })
      : model.status === 'invalid'
        ? iconButton({ testId: `fix-config-${model.id}`, label: `Fix the configuration of ${model.label}`, icon: 'gear', text: 'Fix', className: 'button link', onClick: () => post({ type: 'configureModels' }) })
        : undefined;
    return element('li', { className: `model status-${model.status}` }, [
      element('label', { className: 'model-label', attrs: { for: checkboxId } }, [
        checkbox,
        element('span', { className: 'model-name', text: model.label }),
        model.demo ? element('span', { className: 'tag demo-tag', text: 'demo' }) : undefined,
      ]),
      element('div', { className: 'model-detail', text: `${model.provider} · ${model.model}` }),
      status ? element('div', { className: 'model-status', attrs: { 'data-testid': `status-${model.id}` } }, [codicon(model.status === 'untrusted' ? 'shield' : 'warning'), element('span', { text: status }), fix]) : undefined,
    ]);
  })));
}

export function renderProblems(target: HTMLElement, problems: readonly ConfigProblemView[]): void {
  target.hidden = problems.length === 0;
  target.replaceChildren(
    element('div', { className: 'section-title', text: 'Configuration problems' }),
    element('ul', { className: 'problems', attrs: { 'data-testid': 'problems' } }, problems.map((p) =>
      element('li', {}, [codicon('error'), element('span', { text: `${p.entry}${p.field ? ` › ${p.field}` : ''}: ${p.message}` })]))),
  );
}
