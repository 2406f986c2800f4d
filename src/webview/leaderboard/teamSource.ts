/**
 * The team board's parts of the leaderboard (issue 12): the source picker (Mine / Team / one person), a notice per
 * team file with unreadable lines, and how often a judge model agreed with the user. Small additions beside the
 * table; the table itself is unchanged.
 */
import type { LeaderboardView } from '../../shared/leaderboardProtocol';
import { codicon, element } from '../common/domBuilder';
import { countOf, formatPercent } from './leaderboardFormat';

const PERSON_PREFIX = 'person:';

/** The picker, or undefined when no team folder is set. */
export function renderSourcePicker(view: LeaderboardView, onSource: (source: string | undefined) => void): HTMLElement | undefined {
  const team = view.team;
  if (!team) return undefined;
  const control = element('select', { attrs: { id: 'board-source', 'data-testid': 'board-source' } }, [
    element('option', { attrs: { value: '' } }, ['Mine']),
    element('option', { attrs: { value: 'team' } }, ['Team']),
    ...team.people.map((person) => element('option', { attrs: { value: `${PERSON_PREFIX}${person}` } }, [person])),
  ]);
  const current = view.filter.source ?? '';
  // A person no longer in the folder stays selectable, so the control shows the truth.
  if (current !== '' && ![...control.options].some((o) => o.value === current)) control.append(element('option', { attrs: { value: current } }, [current.replace(PERSON_PREFIX, '')]));
  control.value = current;
  // The source this board was built for (the control's value changes before the host answers).
  control.dataset.shown = current;
  control.addEventListener('change', () => onSource(control.value === '' ? undefined : control.value));
  return element('div', { className: 'board-source filters', attrs: { role: 'group', 'aria-label': 'Whose votes' } }, [
    element('label', { className: 'filter-field', attrs: { for: 'board-source' } }, ['Votes of']),
    control,
  ]);
}

/** One warning per team file that had lines it could not read, naming the file. */
export function renderTeamNotices(view: LeaderboardView): HTMLElement[] {
  const team = view.team;
  if (!team) return [];
  const notices = team.problems.map((p) =>
    element('p', { className: 'notice warning', attrs: { role: 'status', 'data-testid': 'team-file-problem', 'data-file': p.file } }, [
      codicon('warning'),
      p.error !== undefined
        ? `Team log ${p.file} could not be read: ${p.error}`
        : `Team log ${p.file}: ${countOf(p.lines, 'line')} could not be read and ${p.lines === 1 ? 'was' : 'were'} skipped.`,
    ]),
  );
  if (team.error !== undefined) {
    notices.unshift(element('p', { className: 'notice warning', attrs: { role: 'status', 'data-testid': 'team-folder-problem' } }, [codicon('warning'), `The team log folder could not be read: ${team.error}`]));
  }
  return notices;
}

/** "The judge agreed with you in 3 of 4 runs (75%)", per judge model; undefined with no judged, voted run. */
export function renderJudgeAgreement(view: LeaderboardView): HTMLElement | undefined {
  const agreement = view.judgeAgreement;
  if (!agreement || agreement.runs === 0) return undefined;
  const rate = (agreed: number, runs: number): string => `${agreed} of ${countOf(runs, 'run')} (${formatPercent(agreed / runs)})`;
  const judges = agreement.judges.length > 1 ? ` By judge: ${agreement.judges.map((j) => `${j.label} ${rate(j.agreed, j.runs)}`).join('; ')}.` : '';
  const only = agreement.judges.length === 1 ? agreement.judges[0]?.label : undefined;
  return element('p', { className: 'summary judge-agreement', attrs: { 'data-testid': 'judge-agreement' } }, [
    codicon('law'),
    ` ${only ? `The judge (${only})` : 'Judges'} picked your winner in ${rate(agreement.agreed, agreement.runs)} with both a pick and your vote. The judge is never a vote.${judges}`,
  ]);
}
