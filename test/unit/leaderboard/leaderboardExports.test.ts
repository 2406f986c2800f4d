import assert from 'node:assert/strict';
import {
  formatRunDate,
  isLogExportFormat,
  LOG_EXPORT_FORMATS,
  logExportFileName,
  renderLogExport,
  runMarkdownFileName,
  runPickText,
  runsForPicker,
} from '../../../src/host/prefs/leaderboardExports';
import { ALPHA, BETA, GAMMA, makeRun, wins } from './runFixtures';

describe('leaderboard exports', () => {
  it('offers exactly CSV, JSON, DPO pairs and DPO pairs with verified pairs', () => {
    assert.deepEqual(LOG_EXPORT_FORMATS.map((f) => f.format), ['csv', 'json', 'dpo', 'dpo-verified']);
    assert.ok(isLogExportFormat('dpo'));
    assert.ok(!isLogExportFormat('xml'));
    assert.ok(!isLogExportFormat(undefined));
  });

  it('renders CSV with one row per model per run and counts runs', () => {
    const runs = [makeRun({ models: [ALPHA, BETA] }), makeRun({ models: [ALPHA, BETA, GAMMA] })];
    const csv = renderLogExport(runs, 'csv');
    assert.equal(csv.content.trimEnd().split('\r\n').length, 1 + 2 + 3);
    assert.equal(csv.summary, '2 runs');
    assert.equal(csv.empty, false);
  });

  it('renders JSON that parses back to the runs', () => {
    const runs = [makeRun({ models: [ALPHA] })];
    const json = renderLogExport(runs, 'json');
    assert.deepEqual(JSON.parse(json.content), runs);
    assert.equal(json.summary, '1 run');
  });

  it('counts DPO pairs, and calls a log without winner votes empty', () => {
    const dpo = renderLogExport([...wins(2, [ALPHA, BETA, GAMMA], ALPHA), makeRun({ models: [ALPHA, BETA], vote: { kind: 'tie' } })], 'dpo');
    assert.equal(dpo.summary, '4 DPO pairs');
    assert.equal(dpo.content.trimEnd().split('\n').length, 4);
    const none = renderLogExport([makeRun({ models: [ALPHA, BETA], vote: { kind: 'tie' } })], 'dpo');
    assert.equal(none.empty, true);
    assert.equal(none.summary, '0 DPO pairs');
    assert.equal(renderLogExport([], 'csv').empty, true);
  });

  it('names files by date and format', () => {
    const now = new Date(2025, 0, 9, 15, 4);
    assert.equal(logExportFileName('csv', now), 'parallax-preferences-2025-01-09.csv');
    assert.equal(logExportFileName('dpo', now), 'parallax-preferences-2025-01-09.jsonl');
    const run = makeRun({ models: [ALPHA], template: 'refactor', createdAt: new Date(2025, 0, 9, 15, 4).toISOString() });
    assert.equal(runMarkdownFileName(run), 'parallax-run-refactor-2025-01-09-1504.md');
  });

  it('formats run dates in local time and passes non-dates through', () => {
    assert.equal(formatRunDate(new Date(2024, 11, 31, 9, 7).toISOString()), '2024-12-31 09:07');
    assert.equal(formatRunDate('yesterday'), 'yesterday');
  });

  it('describes a run for the picker: template, file, date, models and verdict', () => {
    const run = makeRun({ models: [ALPHA, BETA], vote: { kind: 'winner', winner: 'b' }, filePath: 'src/dates.ts', createdAt: new Date(2025, 1, 3, 8, 0).toISOString() });
    assert.deepEqual(runPickText(run, true), {
      label: 'Fix: src/dates.ts',
      description: 'latest · 2025-02-03 08:00',
      detail: 'Alpha, Beta · winner: Beta',
    });
    const unvoted = makeRun({ models: [GAMMA], template: 'custom', languageId: 'go' });
    assert.equal(runPickText(unvoted, false).label, 'Ask: go');
    assert.match(runPickText(unvoted, false).detail, /no vote$/);
  });

  it('lists the latest run first, then the rest newest first', () => {
    const day = (d: number): string => new Date(2025, 3, d).toISOString();
    const old = makeRun({ models: [ALPHA], id: 'old', createdAt: day(1) });
    const mid = makeRun({ models: [ALPHA], id: 'mid', createdAt: day(2) });
    const recent = makeRun({ models: [ALPHA], id: 'recent', createdAt: day(3) });
    assert.deepEqual(runsForPicker([old, recent, mid], undefined).map((r) => r.id), ['recent', 'mid', 'old']);
    assert.deepEqual(runsForPicker([old, recent, mid], 'old').map((r) => r.id), ['old', 'recent', 'mid']);
    assert.deepEqual(runsForPicker([old, mid], 'gone').map((r) => r.id), ['mid', 'old']);
  });
});
