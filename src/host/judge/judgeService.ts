/**
 * Ask the Judge (issue 12): sends the live run's task, original code and answers — under neutral labels, never the
 * model names — to the model named by `parallax.judge.model`, streams its opinion into the panel's judge section,
 * and appends a `judge` event when it ends. The judge is never the user's vote. In blind mode its text stays in the
 * host until the user has voted, and any model name it writes is masked by the candidate's blind label.
 */
import * as vscode from 'vscode';
import { maskModelNames, parsePick } from '../../core/prefs/judgeVerdict';
import { buildJudgePrompt, labelLetter } from '../../core/prompts/judgePrompt';
import type { HostToResults } from '../../shared/protocol';
import type { SettingsService } from '../config/settings';
import type { ApiKeyStore } from '../keys/apiKeyStore';
import type { PreferenceService } from '../prefs/preferenceService';
import { runModelOf } from '../prefs/runRecorder';
import type { ComparisonController } from '../run/comparisonController';
import { compareModelFor } from '../run/modelProviders';
import { ensureTrusted } from '../run/runPreflight';
import { type Judgement, judgeCandidates, judgeTask, judgeViewOf, namesToMask } from './judgeCandidates';

export interface JudgeDeps {
  controller: ComparisonController;
  settings: SettingsService;
  keys: ApiKeyStore;
  preferences: PreferenceService;
  post(message: HostToResults): void;
  log: vscode.LogOutputChannel;
}

/** Streamed text reaches the panel at most this often. */
const STREAM_POST_MS = 150;

export class JudgeService implements vscode.Disposable {
  private current: (Judgement & { abort: AbortController }) | undefined;
  private postTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly d: JudgeDeps) {}

  async ask(): Promise<void> {
    const live = this.d.controller.live;
    if (!live) {
      void vscode.window.showInformationMessage('There is no comparison to judge: run one first (a run from your log is read-only).');
      return;
    }
    const { session } = live;
    if (session.running) {
      void vscode.window.showInformationMessage('The comparison is still running: ask the judge once its answers are in.');
      return;
    }
    if (this.current?.state === 'running' && this.current.runId === session.runId) {
      void vscode.window.showInformationMessage('The judge is already looking at this comparison.');
      return;
    }
    const { settings } = this.d.settings;
    const judgeId = settings['judge.model'].trim();
    const config = settings.models.find((m) => m.id === judgeId);
    if (!config) {
      const message = judgeId === '' ? 'No judge model is set: choose one of your models in "parallax.judge.model".' : `The judge model "${judgeId}" is not one of your configured models.`;
      const choice = await vscode.window.showWarningMessage(message, 'Open Settings');
      if (choice) await vscode.commands.executeCommand('workbench.action.openSettings', 'parallax.judge.model');
      return;
    }
    if (!(await ensureTrusted())) return;

    const view = session.view([]);
    const specs = session.state.specs;
    const candidates = judgeCandidates(view, specs, (c) => session.state.modelIdOf(c), (m) => session.shownAttempt(m));
    if (candidates.length === 0) return;
    const prompt = buildJudgePrompt(judgeTask(session), candidates);
    const built = await compareModelFor(config, this.d.keys, prompt, settings.prices);
    if ('problem' in built) {
      void vscode.window.showWarningMessage(`The judge ${config.label} cannot run: ${built.problem.message ?? built.problem.status}`);
      return;
    }
    this.current?.abort.abort();
    const blind = session.state.isBlind;
    const mask = blind ? namesToMask(candidates, specs, settings.models) : [];
    const judgement: Judgement & { abort: AbortController } = {
      runId: session.runId,
      judgeLabel: config.label,
      blind,
      candidates,
      state: 'running',
      text: '',
      abort: new AbortController(),
    };
    this.current = judgement;
    this.show(judgement);
    this.d.log.info(`Judge ${config.id} on run ${session.runId} (${candidates.length} candidates${blind ? ', blind' : ''})`);

    const timer = setTimeout(() => judgement.abort.abort(), settings.limits.totalMs);
    let raw = '';
    let failure: string | undefined;
    let finished = false;
    try {
      await built.provider.prepare?.(judgement.abort.signal);
      for await (const event of built.provider.stream(built.request, judgement.abort.signal)) {
        if (event.type === 'text') {
          raw += event.text;
          judgement.text = maskModelNames(raw, mask);
          this.scheduleShow(judgement);
        } else if (event.type === 'error') {
          failure = event.message;
        } else if (event.type === 'done') {
          finished = true;
        }
      }
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    } finally {
      clearTimeout(timer);
    }
    const cancelled = judgement.abort.signal.aborted && failure === undefined && !finished;
    judgement.text = maskModelNames(raw, mask);
    judgement.pick = parsePick(raw, candidates.map((c) => labelLetter(c.label)));
    if (failure !== undefined || cancelled) {
      judgement.state = 'error';
      judgement.error = failure ?? 'The judge was stopped (it took too long, or a new judge was asked).';
    } else {
      judgement.state = 'done';
    }
    await this.d.preferences.append({
      schemaVersion: 2,
      type: 'judge',
      runId: judgement.runId,
      at: new Date().toISOString(),
      judge: runModelOf(built.spec),
      blind,
      candidates: candidates.map((c) => ({ modelId: c.modelId, label: c.label, attempt: c.attempt })),
      state: failure !== undefined ? 'error' : cancelled ? 'cancelled' : 'done',
      ...(judgement.pick === undefined
        ? {}
        : { pick: judgement.pick.kind === 'none' ? { kind: 'none' as const } : { kind: 'model' as const, modelId: candidates[judgement.pick.index]?.modelId ?? '', label: candidates[judgement.pick.index]?.label ?? '' } }),
      text: judgement.text,
      ...(judgement.error === undefined ? {} : { error: judgement.error.slice(0, 2_000) }),
    });
    if (this.current === judgement) this.show(judgement);
  }

  /** The user voted (or the panel reloaded): the held opinion may be shown now. */
  refresh(): void {
    if (this.current) this.show(this.current);
  }

  private scheduleShow(judgement: Judgement): void {
    if (this.postTimer !== undefined) return;
    this.postTimer = setTimeout(() => {
      this.postTimer = undefined;
      if (this.current === judgement) this.show(judgement);
    }, STREAM_POST_MS);
  }

  private show(judgement: Judgement): void {
    const live = this.d.controller.live;
    if (!live || live.session.runId !== judgement.runId) return;
    const voted = live.session.state.currentVote !== undefined;
    this.d.post({ type: 'judge', runId: judgement.runId, judge: judgeViewOf(judgement, voted, !live.session.state.masked) });
  }

  dispose(): void {
    this.current?.abort.abort();
    if (this.postTimer !== undefined) clearTimeout(this.postTimer);
  }
}
