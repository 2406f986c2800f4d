/** Filters (template, language, date range) and export buttons. Every change reports the whole filter. */
import type { LeaderboardFilter, LeaderboardView } from '../../shared/leaderboardProtocol';
import { templateIdSchema } from '../../shared/protocol';
import { EXPORT_FORMATS, type ExportFormat, TEMPLATE_TITLES } from '../../shared/vocabulary';
import { codicon, element } from '../common/domBuilder';

export interface FilterBarHandlers {
  onFilter(filter: LeaderboardFilter): void;
  onExport(format: ExportFormat): void;
}

/** One button per export format. */
const EXPORT_BUTTONS: Readonly<Record<ExportFormat, { label: string; icon: string }>> = {
  csv: { label: 'Export CSV', icon: 'table' },
  json: { label: 'Export JSON', icon: 'json' },
  dpo: { label: 'Export DPO pairs', icon: 'export' },
};

function select(testId: string, label: string, allLabel: string, options: readonly { value: string; text: string }[], current: string | undefined) {
  const control = element('select', { attrs: { id: testId, 'data-testid': testId } }, [element('option', { attrs: { value: '' } }, [allLabel])]);
  for (const option of options) control.append(element('option', { attrs: { value: option.value } }, [option.text]));
  // A filtered value that no longer occurs in the log stays selectable, so the control shows the truth.
  if (current && !options.some((o) => o.value === current)) control.append(element('option', { attrs: { value: current } }, [current]));
  control.value = current ?? '';
  return { control, field: element('label', { className: 'filter-field', attrs: { for: testId } }, [label]) };
}

function dateInput(testId: string, label: string, current: string | undefined) {
  const control = element('input', { attrs: { id: testId, type: 'date', 'data-testid': testId } });
  control.value = current?.slice(0, 10) ?? '';
  return { control, field: element('label', { className: 'filter-field', attrs: { for: testId } }, [label]) };
}

export function renderFilterBar(view: LeaderboardView, handlers: FilterBarHandlers): HTMLElement {
  const template = select(
    'filter-template',
    'Template',
    'All templates',
    view.templates.map((t) => ({ value: t, text: TEMPLATE_TITLES[t] })),
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

  const clear = element('button', { className: 'secondary', attrs: { type: 'button', 'data-testid': 'filter-clear' } }, [codicon('clear-all'), 'Clear filters']);
  clear.addEventListener('click', () => handlers.onFilter({}));

  const filters = element('div', { className: 'filters', attrs: { role: 'group', 'aria-label': 'Filters' } }, [
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
  const exports = element('div', { className: 'exports', attrs: { role: 'group', 'aria-label': 'Export the preference log' } });
  for (const format of EXPORT_FORMATS) {
    const { label, icon } = EXPORT_BUTTONS[format];
    // One primary action on the page: the first export; the others are secondary.
    const button = element('button', { className: format === EXPORT_FORMATS[0] ? '' : 'secondary', attrs: { type: 'button', 'data-testid': `export-${format}` } }, [codicon(icon), label]);
    button.addEventListener('click', () => handlers.onExport(format));
    exports.append(button);
  }
  return element('div', { className: 'toolbar' }, [filters, exports]);
}
