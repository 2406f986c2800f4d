/**
 * The whole sidebar: restricted-mode banner, composer, models, configuration problems, recent runs. The composer is
 * built once (so typing is never interrupted); the rest is re-rendered from each `state` message.
 */
import type { RecentRunView, SidebarStateView, SidebarToHost } from '../../shared/protocol';
import { codicon, element, iconButton } from '../common/domBuilder';
import { ComposerSection, type ComposerDraft } from './composerSection';
import { renderModelList, renderProblems } from './modelList';
import { RecentRunsSection } from './recentRunsSection';

export class SidebarView {
  private state: SidebarStateView | undefined;
  private readonly composer: ComposerSection;
  private readonly models = element('div', { className: 'models' });
  private readonly problems = element('section', { className: 'section problems-section', attrs: { 'aria-label': 'Configuration problems', hidden: true } });
  private readonly restricted = element('div', { className: 'banner restricted', attrs: { 'data-testid': 'restricted', role: 'note', hidden: true } },
    [codicon('shield'), element('span', { text: 'Restricted Mode: Parallax does not send workspace code to model providers until you trust this folder.' })]);
  private readonly recent: RecentRunsSection;

  constructor(
    host: HTMLElement,
    private readonly draft: ComposerDraft,
    private readonly post: (message: SidebarToHost) => void,
    onDraftChange: () => void,
  ) {
    this.composer = new ComposerSection(draft, post, onDraftChange, () => this.selectedModelIds());
    this.recent = new RecentRunsSection(draft.historyQuery, post, (query) => {
      this.draft.historyQuery = query;
      onDraftChange();
    });
    const modelsSection = element('section', { className: 'section', attrs: { 'aria-label': 'Models' } }, [
      element('div', { className: 'section-header' }, [
        element('span', { className: 'section-title', text: 'Models' }),
        iconButton({ testId: 'configure', label: 'Configure Models', icon: 'gear', className: 'icon-button', onClick: () => post({ type: 'configureModels' }) }),
        iconButton({ testId: 'leaderboard', label: 'Show Leaderboard', icon: 'graph', className: 'icon-button', onClick: () => post({ type: 'showLeaderboard' }) }),
      ]),
      this.models,
    ]);
    host.replaceChildren(element('main', { className: 'sidebar' }, [this.restricted, this.composer.root, modelsSection, this.problems, this.recent.root]));
  }

  showState(state: SidebarStateView): void {
    this.state = state;
    this.restricted.hidden = state.trusted;
    renderModelList(this.models, state.models, this.post, (modelId, selected) => this.toggle(modelId, selected));
    renderProblems(this.problems, state.problems);
    this.recent.setRecent(state.recentRuns);
    this.composer.update(state);
  }

  showHistory(query: string, runs: readonly RecentRunView[]): void {
    this.recent.setResults(query, runs);
  }

  private selectedModelIds(): string[] {
    return (this.state?.models ?? []).filter((m) => m.selected && m.status !== 'invalid').map((m) => m.id);
  }

  private toggle(modelId: string, selected: boolean): void {
    const model = this.state?.models.find((m) => m.id === modelId);
    if (model) model.selected = selected;
    this.post({ type: 'toggleModel', modelId, selected });
    this.post(this.composer.estimateRequest());
    this.composer.refreshButtons();
  }
}
