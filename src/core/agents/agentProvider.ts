/**
 * An agent CLI as a contestant: a `ChatProvider` whose stream is the agent's work. It makes an isolated checkout
 * (the verification mechanism), writes the task there (outside the checkout), runs the agent in it, streams its
 * steps as Markdown `text`, forwards the usage it reports, and ends with the checkout's diff against its base in a
 * ```diff fence, so the answer is a patch set like a model's multi-file answer. The checkout is removed once the
 * diff is taken; the transcript is handed to `onTranscript`.
 */
import type { ChatProvider, ProviderErrorKind, ProviderRequest, StreamEvent } from '../providers/provider';
import type { AgentEvent, AgentStreamParser } from './agentEvents';
import { AgentCheckout } from './agentCheckout';
import { agentEnvironment } from './agentEnvironment';
import { type AgentRun, runAgentProcess } from './agentProcess';
import { type AgentProfileId, agentLaunch } from './agentProfiles';
import { AgentStepRenderer } from './agentSteps';
import { agentTaskText } from './agentTask';
import type { AgentTranscript } from './agentTranscript';

export interface AgentProviderOptions {
  profile: AgentProfileId;
  /** "Claude Code", "Codex", or the entry's label. */
  name: string;
  program: string;
  commandArgs?: readonly string[];
  model?: string;
  baseUrl?: string;
  key?: { variable: string; value: string };
  /** The workspace folder the checkout is made of. */
  folder: string;
  checkoutRoot: string;
  userEnv: NodeJS.ProcessEnv;
  /** Makes the stream parser; `cwd` is the checkout, so tools that print absolute paths read as relative ones. */
  parser: (cwd: string) => AgentStreamParser;
  timeoutMs: number;
  hangMs: number;
  onTranscript?: (transcript: AgentTranscript) => void;
  onSpawn?: (pid: number) => void;
}

type Queued = { kind: 'event'; event: AgentEvent; atMs: number } | { kind: 'done'; run: AgentRun };

export class AgentProvider implements ChatProvider {
  private attempts = 0;

  constructor(private readonly o: AgentProviderOptions) {}

  async *stream(request: ProviderRequest, signal: AbortSignal, onSent?: () => void): AsyncIterable<StreamEvent> {
    const renderer = new AgentStepRenderer(this.o.name);
    const transcript: AgentTranscript = { agent: this.o.name, program: this.o.program, args: [], cwd: '', startedAt: new Date().toISOString(), events: [] };
    let checkout: AgentCheckout | undefined;
    try {
      checkout = await AgentCheckout.create({ folder: this.o.folder, root: this.o.checkoutRoot, key: `agent-${this.o.profile}-${++this.attempts}` });
      transcript.cwd = checkout.cwd;
      const task = agentTaskText(request);
      const taskFile = await checkout.writeTask(task);
      const launch = agentLaunch({
        profile: this.o.profile,
        program: this.o.program,
        task,
        taskFile,
        ...(this.o.model ? { model: this.o.model } : {}),
        ...(this.o.commandArgs ? { commandArgs: this.o.commandArgs } : {}),
        ...(this.o.baseUrl ? { baseUrl: this.o.baseUrl } : {}),
      });
      transcript.args = launch.args.map((a) => (a === task ? '<task>' : a.split(task).join('<task>')));
      const env = agentEnvironment({ profile: this.o.profile, extra: launch.env, ...(this.o.key ? { key: this.o.key } : {}) }, this.o.userEnv);
      if (signal.aborted) return;

      const queue: Queued[] = [];
      let wake: (() => void) | undefined;
      const push = (item: Queued): void => {
        queue.push(item);
        wake?.();
      };
      const started = performance.now();
      void runAgentProcess({
        program: launch.program,
        args: launch.args,
        cwd: checkout.cwd,
        env,
        parser: this.o.parser(checkout.cwd),
        signal,
        timeoutMs: this.o.timeoutMs,
        hangMs: this.o.hangMs,
        onEvent: (event) => push({ kind: 'event', event, atMs: performance.now() - started }),
        onSpawn: (pid) => {
          onSent?.();
          this.o.onSpawn?.(pid);
        },
      }).then((run) => push({ kind: 'done', run }));

      let run: AgentRun | undefined;
      while (run === undefined) {
        const item = queue.shift();
        if (!item) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        if (item.kind === 'done') {
          run = item.run;
          break;
        }
        transcript.events.push({ atMs: item.atMs, event: item.event });
        const text = renderer.render(item.event);
        if (text !== '') yield { type: 'text', text };
        if (item.event.type === 'usage' && !item.event.estimated) {
          yield { type: 'usage', ...(item.event.inputTokens !== undefined ? { inputTokens: item.event.inputTokens } : {}), ...(item.event.outputTokens !== undefined ? { outputTokens: item.event.outputTokens } : {}) };
        }
      }
      transcript.run = run;
      if (run.ended === 'cancelled' || signal.aborted) {
        yield { type: 'error', kind: 'cancelled', message: `${this.o.name} was cancelled; its process tree was ended.` };
        return;
      }
      let diff: string | undefined;
      let note: string | undefined;
      try {
        diff = await checkout.diff();
        transcript.diff = diff;
      } catch (err) {
        note = `The diff could not be taken: ${err instanceof Error ? err.message : String(err)}`;
        transcript.problem = note;
      }
      const failure = failureOf(run, renderer.tally.result, this.o);
      yield { type: 'text', text: renderer.closing(diff, note) };
      if (failure) {
        transcript.problem = failure.message;
        yield { type: 'error', kind: failure.kind, message: failure.message };
      } else yield { type: 'done', finishReason: 'agent-finished' };
    } catch (err) {
      const message = `${this.o.name} could not run: ${err instanceof Error ? err.message : String(err)}`;
      transcript.problem = message;
      yield { type: 'error', kind: 'unknown', message };
    } finally {
      this.o.onTranscript?.(transcript);
      await checkout?.dispose().catch(() => undefined);
    }
  }
}

/** Why the run counts as failed, if it does: a stop, a spawn failure, a non-zero exit or a failed result. */
function failureOf(run: AgentRun, result: { ok: boolean; text?: string } | undefined, o: AgentProviderOptions): { kind: ProviderErrorKind; message: string } | undefined {
  const lastErr = run.stderr.trim().split('\n').filter((l) => l.trim() !== '').slice(-1)[0];
  const why = lastErr ? ` (${lastErr.slice(0, 300)})` : '';
  switch (run.ended) {
    case 'timed-out':
      return { kind: 'timeout', message: `${o.name} took longer than ${Math.round(o.timeoutMs / 1000)} s and was stopped.` };
    case 'hung':
      return { kind: 'timeout', message: `${o.name} printed nothing for ${Math.round(o.hangMs / 1000)} s and was stopped as hung.` };
    case 'output-limit':
      return { kind: 'unknown', message: `${o.name} printed more output than Parallax reads and was stopped.` };
    case 'spawn-failed':
      return { kind: 'not-found', message: `${o.name} could not be started (${o.program}): ${run.error ?? 'unknown error'}.` };
    case 'cancelled':
      return { kind: 'cancelled', message: `${o.name} was cancelled.` };
    case 'exited':
      if (run.exitCode !== 0) return { kind: 'unknown', message: `${o.name} exited with code ${run.exitCode ?? run.signal ?? '?'}${why}.` };
      if (result && !result.ok) return { kind: 'unknown', message: `${o.name} reported that the task failed${result.text ? `: ${result.text.slice(0, 300)}` : '.'}` };
      return undefined;
  }
}
