/** Filters (template, language, date range) and export buttons. Every change reports the whole filter. */
import type { LeaderboardFilter, LeaderboardView, TemplateId } from '../../shared/protocol';
import { templateIdSchema } from '../../shared/protocol';
import { codicon, html } from './domBuilder';

export type ExportFormat = 'csv' | 'json' | 'dpo';

export interface FilterBarHandlers {
  onFilter(filter: LeaderboardFilter): void;
  onExport(format: ExportFormat): void;
}

const TEMPLATE_NAMES: Record<TemplateId, string> = {
  fix: 'Fix',
  refactor: 'Refactor',
  explain: 'Explain',
  tests: 'Tests',
  custom: 'Custom',
};

const EXPORTS: readonly { format: ExportFormat; label: string; icon: string }[] = [
  { format: 'csv', label: 'Export CSV', icon: 'table' },
  { format: 'json', label: 'Export JSON', icon: 'json' },
  { format: 'dpo', label: 'Export DPO pairs', icon: 'export' },
];

function select(testId: string, label: string, allLabel: string, options: readonly { value: string; text: string }[], current: string | undefined) {
  const control = html('select', { id: testId, 'data-testid': testId }, [html('option', { value: '' }, [allLabel])]);
  for (const option of options) control.append(html('option', { value: option.value }, [option.text]));
  // A filtered value that no longer occurs in the log stays selectable, so the control shows the truth.
  if (current && !options.some((o) => o.value === current)) control.append(html('option', { value: current }, [current]));
  control.value = current ?? '';
  return { control, field: html('label', { class: 'filter-field', for: testId }, [label]) };
}

function dateInput(testId: string, label: string, current: string | undefined) {
  const control = html('input', { id: testId, type: 'date', 'data-testid': testId });
  control.value = current?.slice(0, 10) ?? '';
  return { control, field: html('label', { class: 'filter-field', for: testId }, [label]) };
}

export function renderFilterBar(view: LeaderboardView, handlers: FilterBarHandlers): HTMLElement {
  const template = select(
    'filter-template',
    'Template',
    'All templates',
    view.templates.map((t) => ({ value: t, text: TEMPLATE_NAMES[t] })),
    view.filter.template,
  );
  const language = select(
    'filter-language',
    'Language',
    'All languages',
    view.languages.map((l) => ({ value: l, text: l })),
    view.filter.languageId,
  );
  const from = dateInput('filter-from', 'From', view.filter.from);
  const to = dateInput('filter-to', 'To', view.filter.to);

  const current = (): LeaderboardFilter => {
    const parsedTemplate = templateIdSchema.safeParse(template.control.value);
    return {
      template: parsedTemplate.success ? parsedTemplate.data : undefined,
      languageId: language.control.value || undefined,
      from: from.control.value || undefined,
      to: to.control.value || undefined,
    };
  };
  for (const control of [template.control, language.control, from.control, to.control]) {
    control.addEventListener('change', () => handlers.onFilter(current()));
  }

  const clear = html('button', { type: 'button', class: 'secondary', 'data-testid': 'filter-clear' }, [codicon('clear-all'), 'Clear filters']);
  clear.addEventListener('click', () => handlers.onFilter({}));

  const filters = html('div', { class: 'filters', role: 'group', 'aria-label': 'Filters' }, [
    template.field,
    template.control,
    language.field,
    language.control,
    from.field,
    from.control,
    to.field,
    to.control,
    clear,
  ]);
  const exports = html('div', { class: 'exports', role: 'group', 'aria-label': 'Export the preference log' });
  for (const entry of EXPORTS) {
    const button = html('button', { type: 'button', 'data-testid': `export-${entry.format}` }, [codicon(entry.icon), entry.label]);
    button.addEventListener('click', () => handlers.onExport(entry.format));
    exports.append(button);
  }
  return html('div', { class: 'toolbar' }, [filters, exports]);
}
