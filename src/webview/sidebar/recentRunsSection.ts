/**
 * Recent runs with a search box: typing asks the host (`searchHistory`, debounced); the host's `history` reply fills
 * the list. An empty query shows the recent runs from the state. Clicking a run opens it in the results panel.
 */
import type { RecentRunView, SidebarToHost } from '../../shared/protocol';
import { TEMPLATE_TITLES } from '../../shared/vocabulary';
import { codicon, element } from '../common/domBuilder';

const SEARCH_DELAY_MS = 200;

export class RecentRunsSection {
  readonly root: HTMLElement;
  private readonly list: HTMLElement;
  private readonly search: HTMLInputElement;
  private recent: readonly RecentRunView[] = [];
  private results: { query: string; runs: readonly RecentRunView[] } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(initialQuery: string, private readonly post: (message: SidebarToHost) => void, onQueryChange: (query: string) => void) {
    this.search = element('input', { attrs: { type: 'search', 'data-testid': 'history-search', placeholder: 'Search runs', 'aria-label': 'Search runs' } });
    this.search.value = initialQuery;
    this.search.addEventListener('input', () => {
      onQueryChange(this.search.value);
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        const query = this.search.value.trim();
        if (query) this.post({ type: 'searchHistory', query });
        this.render();
      }, SEARCH_DELAY_MS);
    });
    this.list = element('ul', { className: 'recent-runs', attrs: { 'aria-label': 'Recent runs' } });
    this.root = element('section', { className: 'section', attrs: { 'aria-label': 'Recent runs' } }, [
      element('div', { className: 'section-title', text: 'Recent runs' }),
      this.search,
      this.list,
    ]);
  }

  setRecent(runs: readonly RecentRunView[]): void {
    this.recent = runs;
    this.render();
  }

  setResults(query: string, runs: readonly RecentRunView[]): void {
    this.results = { query, runs };
    this.render();
  }

  private render(): void {
    const query = this.search.value.trim();
    const runs = !query ? this.recent : this.results?.query === query ? this.results.runs : undefined;
    if (runs === undefined) {
      this.list.replaceChildren(element('li', { className: 'muted', text: 'Searching…' }));
      return;
    }
    if (runs.length === 0) {
      this.list.replaceChildren(element('li', { className: 'muted', text: query ? 'No runs match.' : 'No runs yet.' }));
      return;
    }
    this.list.replaceChildren(...runs.map((run) => element('li', {}, [
      element('button', {
        className: 'recent-run',
        attrs: { type: 'button', 'data-testid': 'recent-run', 'data-run-id': run.runId, 'aria-label': `Open run: ${run.title}` },
        onClick: () => this.post({ type: 'openRun', runId: run.runId }),
      }, [
        element('span', { className: 'recent-title' }, [
          run.voted ? codicon('pass-filled') : undefined,
          element('span', { text: run.title }),
        ]),
        element('span', { className: 'recent-meta', text: `${TEMPLATE_TITLES[run.template]} · ${formatWhen(run.createdAt)} · ${run.models.join(', ')}` }),
        run.note ? element('span', { className: 'recent-note', text: run.note }) : undefined,
      ]),
    ])));
  }
}

function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
}
