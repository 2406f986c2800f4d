/**
 * What a column's verification reads as: the state's words and the detail lines. Pure (no DOM), unit-tested.
 */
import type { VerificationStateView, VerificationView } from '../../shared/verificationProtocol';
import { formatDuration } from '../common/metricFormat';

export const VERIFICATION_STATE_TEXT: Record<VerificationStateView, string> = {
  queued: 'check queued',
  running: 'checking…',
  passed: 'passed',
  failing: 'still failing',
  broke: 'broke something',
  error: 'check error',
  'timed-out': 'check timed out',
  cancelled: 'check cancelled',
};

export interface VerificationLines {
  state: string;
  duration?: string;
  counts?: string;
  failing?: string;
  broke?: string;
  errors?: string;
  message?: string;
}

export function verificationLines(v: VerificationView): VerificationLines {
  const lines: VerificationLines = { state: VERIFICATION_STATE_TEXT[v.state] };
  if (v.durationMs !== undefined && v.state !== 'queued' && v.state !== 'running') lines.duration = formatDuration(v.durationMs);
  if (v.passedCount !== undefined || v.failedCount !== undefined) lines.counts = `${v.passedCount ?? '?'} passed, ${v.failedCount ?? '?'} failed`;
  const stillFailing = v.failing.filter((n) => !v.broke.includes(n));
  if (stillFailing.length > 0) lines.failing = `Failing: ${stillFailing.join(', ')}`;
  if (v.broke.length > 0) lines.broke = `Broke (passed before): ${v.broke.join(', ')}`;
  if (v.errors !== undefined) {
    const delta = v.baselineErrors === undefined ? '' : ` (${signed(v.errors - v.baselineErrors)} vs the original's ${v.baselineErrors})`;
    lines.errors = `${v.errors} error${v.errors === 1 ? '' : 's'}${delta}`;
  }
  if (v.message) lines.message = v.message;
  return lines;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0';
}

/** The summary line: which candidates pass. */
export function passingSummary(labels: ReadonlyArray<{ label: string; v: VerificationView | undefined }>): string | undefined {
  const checked = labels.filter((l) => l.v && l.v.state !== 'queued' && l.v.state !== 'running');
  if (checked.length === 0) return undefined;
  const passing = checked.filter((l) => l.v?.state === 'passed').map((l) => l.label);
  return passing.length > 0 ? passing.join(', ') : 'none';
}
