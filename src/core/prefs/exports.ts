/**
 * Exports of logged runs: Markdown (one run, for sharing), CSV (one row per model per run, for spreadsheets),
 * JSON, and DPO preference pairs (JSONL `{prompt, chosen, rejected, meta}`) for fine-tuning.
 *
 * Every export scrubs key-like strings itself, whatever it is given: a log written by hand or by an older
 * version, or a run that never went through the log, must not carry a key into a shared file.
 */
import { modelKey } from './pairwiseOutcomes';
import { type RunModel, type RunOutput, type RunRecord, runNotes, votedOutput } from './preferenceRecord';
import { scrubStrings } from './secretScrubber';
import { latestVerifications } from './verifiedPassRate';

// ---------------------------------------------------------------------------------------------------- Markdown

/** A fence of backticks longer than any backtick run inside `text` (at least three). */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

function fenced(text: string, info = ''): string {
  const fence = fenceFor(text);
  return `${fence}${info}\n${text}${text.endsWith('\n') ? '' : '\n'}${fence}`;
}

function tableCell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function orderedModels(run: RunRecord): RunModel[] {
  const position = (id: string): number => {
    const i = run.shownOrder.indexOf(id);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...run.models].sort((a, b) => position(a.id) - position(b.id));
}

/** The answer the verdict is about: the attempt that was on screen when the user voted, else the latest one. */
function outputOf(run: RunRecord, modelId: string): RunOutput | undefined {
  return votedOutput(run, modelId);
}

/** Provider text outside a code fence, made inert: no links, images, HTML or emphasis. */
export function escapeMarkdownInline(text: string): string {
  return text.replace(/[\\`*_[\]()!<>#|~{}]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function show(value: number | undefined, digits = 0, unit = ''): string {
  return value === undefined ? '—' : `${value.toFixed(digits)}${unit}`;
}

export function runToMarkdown(record: RunRecord): string {
  const run = scrubStrings(record);
  const labelOf = new Map(run.models.map((m) => [m.id, m.label]));
  const out: string[] = [
    `# Parallax run: ${run.template} (${run.languageId})`,
    '',
    `- Run: \`${run.id}\`, ${run.createdAt}${run.blind ? ', blind' : ''}`,
    `- Request hash: \`${run.requestHash}\``,
  ];
  if (run.context.filePath) {
    const s = run.context.selection;
    const range = s ? `, lines ${s.startLine + 1}–${s.endLine + 1}` : '';
    out.push(`- File: \`${run.context.filePath}\`${range}`);
  }
  const truncated = Object.entries(run.context.truncated).filter(([, cut]) => cut).map(([part]) => part);
  if (truncated.length > 0) out.push(`- Truncated: ${truncated.join(', ')}`);
  out.push('', '## Prompt', '', '**System**', '', fenced(run.prompt.system), '', '**User**', '', fenced(run.prompt.user));

  out.push('', '## Answers');
  for (const model of orderedModels(run)) {
    const output = outputOf(run, model.id);
    out.push('', `### ${model.label} (${model.provider}: ${model.model})`, '');
    if (!output) {
      out.push('_No answer recorded._');
      continue;
    }
    if (output.state !== 'done') out.push(`_State: ${output.state}${output.error ? `: ${escapeMarkdownInline(output.error)}` : ''}_`, '');
    out.push(fenced(output.text, 'markdown'));
  }

  out.push('', '## Metrics', '', '| Model | State | TTFT | Total | Input tok | Output tok | Tok/s | Cost |');
  out.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const model of orderedModels(run)) {
    const o = outputOf(run, model.id);
    const m = o?.metrics;
    const estimated = m?.tokensEstimated ? '~' : '';
    const tokens = (n: number | undefined): string => (n === undefined ? '—' : `${estimated}${n}`);
    out.push(
      `| ${tableCell(model.label)} | ${o?.state ?? '—'} | ${show(m?.ttftMs, 0, ' ms')} | ${show(m?.totalMs, 0, ' ms')} | ` +
        `${tokens(m?.inputTokens)} | ${tokens(m?.outputTokens)} | ${show(m?.tokensPerSecond, 1)} | ` +
        `${m?.costUsd === undefined ? 'unknown' : `$${m.costUsd.toFixed(4)}`} |`,
    );
  }

  if (run.vote) {
    const v = run.vote;
    const verdict = v.kind === 'winner' ? `Winner: **${labelOf.get(v.winner ?? '') ?? v.winner}**` : v.kind === 'tie' ? 'Tie' : 'All bad';
    out.push('', '## Vote', '', `- ${verdict}`);
    if (v.ranking && v.ranking.length > 0) out.push(`- Ranking: ${v.ranking.map((id) => labelOf.get(id) ?? id).join(' > ')}`);
    if (v.tags.length > 0) out.push(`- Tags: ${v.tags.join(', ')}`);
  }
  const notes = runNotes(run);
  if (notes.length > 0) out.push('', '## Note', '', ...notes.flatMap((n, i) => (i === 0 ? [n] : ['', n])));
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------- CSV

const CSV_COLUMNS = [
  'runId', 'createdAt', 'template', 'languageId', 'requestHash', 'modelId', 'label', 'provider', 'model',
  'temperature', 'maxTokens', 'reasoning', 'state', 'ttftMs', 'totalMs', 'inputTokens', 'outputTokens',
  'reasoningTokens', 'tokensEstimated', 'tokensPerSecond', 'costUsd', 'followedFormat', 'blind', 'shownPosition',
  'voteKind', 'isWinner', 'rankPosition', 'tags', 'note', 'prompt', 'answer', 'verification', 'verificationFailing',
] as const;

type CsvValue = string | number | boolean | undefined;

/** RFC 4180 quoting, plus a guard against spreadsheet formula injection for text cells. */
export function csvCell(value: CsvValue): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per model per run, with a header row. CRLF line breaks, as RFC 4180 asks. */
export function runsToCsv(records: readonly RunRecord[]): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const run of scrubStrings(records)) {
    const notes = runNotes(run).join('\n');
    const verified = latestVerifications(run);
    for (const model of run.models) {
      const check = verified.get(model.id);
      const o = outputOf(run, model.id);
      const rankIndex = run.vote?.ranking?.indexOf(model.id) ?? -1;
      const shownIndex = run.shownOrder.indexOf(model.id);
      const record: Record<(typeof CSV_COLUMNS)[number], CsvValue> = {
        runId: run.id, createdAt: run.createdAt, template: run.template, languageId: run.languageId,
        requestHash: run.requestHash, modelId: model.id, label: model.label, provider: model.provider, model: model.model,
        temperature: model.params.temperature, maxTokens: model.params.maxTokens, reasoning: model.params.reasoning,
        state: o?.state, ttftMs: o?.metrics.ttftMs, totalMs: o?.metrics.totalMs, inputTokens: o?.metrics.inputTokens,
        outputTokens: o?.metrics.outputTokens, reasoningTokens: o?.metrics.reasoningTokens,
        tokensEstimated: o?.metrics.tokensEstimated, tokensPerSecond: o?.metrics.tokensPerSecond,
        costUsd: o?.metrics.costUsd, followedFormat: o?.followedFormat, blind: run.blind,
        shownPosition: shownIndex === -1 ? undefined : shownIndex + 1,
        voteKind: run.vote?.kind, isWinner: run.vote ? run.vote.winner === model.id : undefined,
        rankPosition: rankIndex === -1 ? undefined : rankIndex + 1, tags: run.vote?.tags.join(';'),
        note: notes === '' ? undefined : notes, prompt: run.prompt.user, answer: o?.text,
        verification: check?.state, verificationFailing: check ? [...check.broke, ...check.failing.filter((n) => !check.broke.includes(n))].join(';') : undefined,
      };
      rows.push(CSV_COLUMNS.map((c) => csvCell(record[c])).join(','));
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------------- JSON

export function runsToJson(runs: readonly RunRecord[]): string {
  return `${JSON.stringify(scrubStrings(runs), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------------- DPO

export interface DpoPair {
  prompt: string;
  chosen: string;
  rejected: string;
  meta: {
    runId: string;
    system: string;
    template: RunRecord['template'];
    languageId: string;
    chosenModel: string;
    rejectedModel: string;
    /** Where the preference came from: the ranking order, the winner against an unranked column, or the check (one passed, the other did not). */
    source: 'ranking' | 'winner' | 'verified';
  };
}

function usable(output: RunOutput | undefined): output is RunOutput {
  return output !== undefined && output.state === 'done' && output.text.trim() !== '';
}

/**
 * Preference pairs from one run's 'winner' vote (ties and all-bad give none): every ordered pair of a ranking,
 * then the winner against each other column not in the ranking. Both answers must be finished and non-empty.
 */
export interface DpoOptions {
  /** Also pairs where one answer passed its check and the other failed it (not only voted pairs). */
  verified?: boolean;
}

export function dpoPairsFromRun(record: RunRecord, options: DpoOptions = {}): DpoPair[] {
  const run = scrubStrings(record);
  const vote = run.vote;
  const ordered: Array<[string, string, DpoPair['meta']['source']]> = [];
  if (vote?.kind === 'winner' && vote.winner !== undefined) {
    const winner = vote.winner;
    const ranking = vote.ranking ?? [];
    ranking.forEach((better, i) => ranking.slice(i + 1).forEach((worse) => ordered.push([better, worse, 'ranking'])));
    for (const m of run.models) {
      if (m.id !== winner && !ranking.includes(m.id)) ordered.push([winner, m.id, 'winner']);
    }
  }
  if (options.verified) ordered.push(...verifiedPairs(run, ordered));
  const keyOf = new Map(run.models.map((m) => [m.id, modelKey(m)]));
  return ordered.flatMap(([better, worse, source]): DpoPair[] => {
    const chosen = outputOf(run, better);
    const rejected = outputOf(run, worse);
    if (!usable(chosen) || !usable(rejected)) return [];
    return [
      {
        prompt: run.prompt.user,
        chosen: chosen.text,
        rejected: rejected.text,
        meta: {
          runId: run.id,
          system: run.prompt.system,
          template: run.template,
          languageId: run.languageId,
          chosenModel: keyOf.get(better) ?? better,
          rejectedModel: keyOf.get(worse) ?? worse,
          source,
        },
      },
    ];
  });
}

/** Passed ↔ failed (still failing or broke) pairs from the latest checks, skipping pairs the vote already gave. */
function verifiedPairs(run: RunRecord, voted: ReadonlyArray<[string, string, unknown]>): Array<[string, string, 'verified']> {
  const checks = latestVerifications(run);
  const seen = new Set(voted.map(([a, b]) => [a, b].sort().join('\u0000')));
  const passed = run.models.filter((m) => checks.get(m.id)?.state === 'passed').map((m) => m.id);
  const failed = run.models.filter((m) => ['failing', 'broke'].includes(checks.get(m.id)?.state ?? '')).map((m) => m.id);
  return passed.flatMap((p) => failed.filter((f) => !seen.has([p, f].sort().join('\u0000'))).map((f): [string, string, 'verified'] => [p, f, 'verified']));
}

/** JSONL: one DPO pair per line. */
export function runsToDpoPairs(runs: readonly RunRecord[], options: DpoOptions = {}): string {
  return runs.flatMap((run) => dpoPairsFromRun(run, options)).map((pair) => `${JSON.stringify(pair)}\n`).join('');
}
