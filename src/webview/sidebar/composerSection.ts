/**
 * The prompt composer: template picker, instruction box, context chips with a preview, the estimate line and the
 * Run / Cancel buttons (Ctrl+Enter or Cmd+Enter runs). Built once; `update` refreshes it from each host state so the
 * textarea keeps its focus and caret.
 */
import { templateIdSchema, type SidebarStateView, type SidebarToHost, type TemplateId } from '../../shared/protocol';
import { MAX_REPEAT, REPEAT_CHOICES, TEMPLATE_TITLES } from '../../shared/vocabulary';
import { codicon, element, iconButton } from '../common/domBuilder';
import { diagnosticsChip, estimateLine, estimateTooltip, instructionField, runBlocker, selectionChip } from './sidebarFormat';

/** Typing in the instruction box re-estimates once the user pauses. */
const ESTIMATE_DEBOUNCE_MS = 250;

export type ComposerDraft = { template: TemplateId; instruction: string; includeWholeFile: boolean; historyQuery: string };

export class ComposerSection {
  readonly root: HTMLElement;
  private readonly template: HTMLSelectElement;
  private readonly instructionLabel: HTMLLabelElement;
  private readonly instruction: HTMLTextAreaElement;
  private readonly context: HTMLElement;
  private readonly estimate: HTMLElement;
  private readonly run: HTMLButtonElement;
  private readonly cancel: HTMLButtonElement;
  private readonly blocker: HTMLElement;
  /** Repeat N: samples per model (×1 is a plain run). */
  private readonly repeat: HTMLSelectElement;
  private state: SidebarStateView | undefined;
  private estimateTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly draft: ComposerDraft,
    private readonly post: (message: SidebarToHost) => void,
    private readonly onDraftChange: () => void,
    private readonly selectedModelIds: () => string[],
  ) {
    this.template = element('select', { attrs: { id: 'template', 'data-testid': 'template', 'aria-label': 'Template' } },
      templateIdSchema.options.map((id) => element('option', { text: TEMPLATE_TITLES[id], attrs: { value: id, selected: id === draft.template } })));
    this.template.addEventListener('change', () => {
      const parsed = templateIdSchema.safeParse(this.template.value);
      if (parsed.success) this.draft.template = parsed.data;
      this.changed();
    });
    this.instruction = element('textarea', { attrs: { id: 'instruction', 'data-testid': 'instruction', rows: '4' } });
    this.instruction.value = draft.instruction;
    this.instruction.addEventListener('input', () => {
      this.draft.instruction = this.instruction.value;
      this.changed();
    });
    this.instructionLabel = element('label', { attrs: { for: 'instruction' } });
    this.context = element('div', { className: 'context', attrs: { 'data-testid': 'context', role: 'group', 'aria-label': 'Context' } });
    this.estimate = element('div', { className: 'estimate', attrs: { 'data-testid': 'estimate', 'aria-live': 'polite' } });
    this.run = iconButton({ testId: 'run', label: 'Run the comparison (Ctrl+Enter)', icon: 'play', text: 'Run', className: 'button primary', onClick: () => this.submit() });
    this.cancel = iconButton({ testId: 'cancel', label: 'Cancel the comparison', icon: 'debug-stop', text: 'Cancel', onClick: () => this.post({ type: 'cancel' }) });
    this.blocker = element('div', { className: 'hint', attrs: { 'data-testid': 'run-hint' } });
    this.repeat = element('select', {
      className: 'repeat-select',
      attrs: { 'data-testid': 'repeat', 'aria-label': 'Samples per model (Repeat N)', title: 'Run each model N times: each column shows the distribution of its samples' },
    }, [1, ...REPEAT_CHOICES].map((n) => element('option', { text: `×${n}`, attrs: { value: String(n) } })));
    this.repeat.addEventListener('change', () => this.refreshButtons());

    this.root = element('section', { className: 'section composer', attrs: { 'aria-label': 'Prompt' } }, [
      element('label', { text: 'Template', attrs: { for: 'template' } }),
      this.template,
      this.instructionLabel,
      this.instruction,
      this.context,
      this.estimate,
      element('div', { className: 'button-row' }, [this.run, this.repeat, this.cancel]),
      this.blocker,
    ]);
    this.root.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.submit();
      }
    });
    this.refreshInstruction();
  }

  update(state: SidebarStateView): void {
    // The host estimates the `fix` prompt until it hears which template a restored draft chose.
    const first = this.state === undefined;
    this.state = state;
    if (first && (this.draft.template !== 'fix' || this.draft.instruction.trim() !== '')) this.post(this.estimateRequest());
    this.renderContext(state);
    this.refreshButtons();
  }

  /** Recomputes what depends on the selected models (after a checkbox toggle). */
  refreshButtons(): void {
    const state = this.state;
    const selected = this.selectedModelIds().length;
    const running = state?.running ?? false;
    const estimate = state?.estimate ?? null;
    const samples = repeatOf(this.repeat.value).repeat ?? 1;
    this.estimate.textContent = estimateLine(estimate, selected, samples);
    this.estimate.title = estimate ? estimateTooltip(estimate, selected, samples) : '';
    const blocker = runBlocker({ running, selected, template: this.draft.template, instruction: this.draft.instruction });
    this.run.disabled = blocker !== undefined;
    this.blocker.textContent = running ? '' : (blocker ?? '');
    this.cancel.hidden = !running;
  }

  /** The estimate of the prompt the chosen template and instruction build (typing is debounced). */
  estimateRequest(): Extract<SidebarToHost, { type: 'estimate' }> {
    const field = instructionField(this.draft.template);
    const instruction = this.draft.instruction.trim();
    return {
      type: 'estimate',
      modelIds: this.selectedModelIds(),
      includeWholeFile: this.draft.includeWholeFile,
      template: this.draft.template,
      ...(field.shown && instruction ? { instruction: instruction.slice(0, 20_000) } : {}),
    };
  }

  private changed(): void {
    this.refreshInstruction();
    this.refreshButtons();
    this.onDraftChange();
    if (this.estimateTimer !== undefined) clearTimeout(this.estimateTimer);
    // An estimate carries the selection, which is unknown until the host's first state: a change made before it
    // (the view just opened) would have turned every model off. The first state asks for the estimate instead.
    if (!this.state) return;
    this.estimateTimer = setTimeout(() => this.post(this.estimateRequest()), ESTIMATE_DEBOUNCE_MS);
  }

  private refreshInstruction(): void {
    const field = instructionField(this.draft.template);
    this.instructionLabel.textContent = field.label;
    this.instructionLabel.hidden = !field.shown;
    this.instruction.hidden = !field.shown;
    this.instruction.disabled = !field.shown;
    this.instruction.placeholder = field.placeholder;
    this.instruction.setAttribute('aria-label', field.label || 'Instruction');
  }

  private submit(): void {
    const modelIds = this.selectedModelIds();
    if (runBlocker({ running: this.state?.running ?? false, selected: modelIds.length, template: this.draft.template, instruction: this.draft.instruction })) return;
    const field = instructionField(this.draft.template);
    const instruction = this.draft.instruction.trim();
    this.post({
      type: 'run',
      template: this.draft.template,
      ...(field.shown && instruction ? { instruction } : {}),
      modelIds,
      includeWholeFile: this.draft.includeWholeFile,
      ...repeatOf(this.repeat.value),
    });
  }

  private renderContext(state: SidebarStateView): void {
    const context = state.context;
    if (!context) {
      this.context.replaceChildren(element('span', { className: 'chip muted', text: 'No selection: select code in an editor' }));
      return;
    }
    const wholeFile = element('input', { attrs: { type: 'checkbox', id: 'whole-file', 'data-testid': 'whole-file', checked: this.draft.includeWholeFile } });
    wholeFile.addEventListener('change', () => {
      this.draft.includeWholeFile = wholeFile.checked;
      this.post(this.estimateRequest());
      this.onDraftChange();
    });
    this.context.replaceChildren(
      element('div', { className: 'chips' }, [
        element('span', { className: 'chip', attrs: { title: context.filePath, 'data-testid': 'selection-chip' } }, [codicon('selection'), element('span', { text: selectionChip(context) })]),
        element('span', { className: `chip${context.diagnosticsCount > 0 ? ' warning' : ''}`, attrs: { 'data-testid': 'diagnostics-chip' } },
          [codicon(context.diagnosticsCount > 0 ? 'warning' : 'pass'), element('span', { text: diagnosticsChip(context.diagnosticsCount) })]),
        element('label', { className: 'chip toggle-chip' }, [wholeFile, element('span', { text: 'Include whole file' })]),
      ]),
      element('details', { className: 'preview' }, [
        element('summary', { text: `Preview (${context.languageId}, ${context.chars} chars)` }),
        element('pre', { text: context.preview }),
      ]),
    );
  }
}

function repeatOf(value: string): { repeat?: number } {
  const n = Number.parseInt(value, 10);
  return Number.isInteger(n) && n > 1 && n <= MAX_REPEAT ? { repeat: n } : {};
}
