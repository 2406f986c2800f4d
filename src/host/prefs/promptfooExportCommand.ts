/**
 * `parallax.exportPromptfoo`, "Export Runs as promptfoo Config…" (issue 12, part 3): the user picks logged runs
 * (several at once), and, when a run has notes, the model that grades them; Parallax writes a `promptfooconfig.yaml`
 * (core/prefs/promptfooExport.ts) where the save dialog says.
 *
 * Endpoints come from the user's own `parallax.models` (never a workspace value, as SettingsService reads it): the
 * base URL and the NAME of the key variable. Keys are never read here, so none can reach the file.
 */
import * as vscode from 'vscode';
import { parseModelConfigs, type ModelConfig } from '../../core/config/modelConfig';
import type { RunModel, RunRecord } from '../../core/prefs/preferenceRecord';
import { runNotes } from '../../core/prefs/preferenceRecord';
import { type ExportEndpoint, PROMPTFOO_FILE_NAME, type PromptfooGrader, promptfooExport } from '../../core/prefs/promptfooExport';
import { loggedRunsOrSayNone } from './loggedRuns';
import type { PreferenceSource } from './leaderboardPanel';
import { runPickText, runsForPicker } from './leaderboardExports';

export const PROMPTFOO_COMMAND = 'parallax.exportPromptfoo';
const TITLE = 'Export Runs as promptfoo Config';

export interface PromptfooExportUi {
  /** Where a save dialog starts for `fileName`. */
  defaultSaveUri(fileName: string): vscode.Uri;
  /** Writes the file, logs it and offers to open it. */
  writeAndOfferToOpen(uri: vscode.Uri, content: string, what: string, log: vscode.LogOutputChannel): Promise<void>;
  reportFailure(log: vscode.LogOutputChannel, action: string, err: unknown): void;
}

/** The user's own model entries (global value or default; a workspace cannot redirect where the export points). */
function userModels(): ModelConfig[] {
  const inspected = vscode.workspace.getConfiguration('parallax').inspect('models');
  return parseModelConfigs(inspected?.globalValue ?? inspected?.defaultValue ?? []).models;
}

function endpointOf(entry: ModelConfig | undefined): ExportEndpoint | undefined {
  return entry ? { baseUrl: entry.baseUrl, preset: entry.preset, apiKeyEnv: entry.apiKeyEnv } : undefined;
}

/** A configured entry as the run model a grader is described with. */
function asRunModel(entry: ModelConfig): RunModel {
  return { id: entry.id, label: entry.label ?? entry.id, provider: entry.provider, model: entry.model, params: {} };
}

async function pickRuns(runs: readonly RunRecord[], latestRunId: string | undefined): Promise<RunRecord[] | undefined> {
  const ordered = runsForPicker(runs, latestRunId);
  const items = ordered.map((run, i) => ({ ...runPickText(run, run.id === latestRunId), run, picked: i === 0 }));
  const picked = await vscode.window.showQuickPick(items, {
    title: TITLE,
    placeHolder: 'Choose the runs to keep as regression tests (the latest is first)',
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.map((p) => p.run);
}

type GraderChoice = { grader: PromptfooGrader | undefined } | undefined;

async function pickGrader(models: readonly ModelConfig[]): Promise<GraderChoice> {
  const usable = models.filter((m) => m.provider !== 'vscode-lm');
  const items = [
    ...usable.map((m) => ({ label: m.label ?? m.id, description: `${m.provider}: ${m.model}`, entry: m })),
    { label: "promptfoo's default grader", description: 'an OpenAI model; needs OPENAI_API_KEY when the tests run', entry: undefined },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `${TITLE}: grader`, placeHolder: "Which model grades your notes (promptfoo's llm-rubric)?" });
  if (!picked) return undefined;
  return { grader: picked.entry ? { model: asRunModel(picked.entry), endpoint: endpointOf(picked.entry) } : undefined };
}

export async function exportPromptfooConfig(
  prefs: PreferenceSource,
  log: vscode.LogOutputChannel,
  latestRunId: string | undefined,
  ui: PromptfooExportUi,
): Promise<void> {
  try {
    const runs = await loggedRunsOrSayNone(prefs);
    if (!runs) return;
    const chosen = await pickRuns(runs, latestRunId);
    if (!chosen || chosen.length === 0) return;
    const models = userModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    let grader: PromptfooGrader | undefined;
    if (chosen.some((run) => runNotes(run).length > 0)) {
      const choice = await pickGrader(models);
      if (!choice) return;
      grader = choice.grader;
    }
    const timeoutSeconds = vscode.workspace.getConfiguration('parallax').get<number>('verify.timeoutSeconds');
    const exported = promptfooExport({
      runs: chosen,
      endpointOf: (model) => endpointOf(byId.get(model.id)),
      grader,
      verifyTimeoutMs: typeof timeoutSeconds === 'number' && timeoutSeconds > 0 ? timeoutSeconds * 1000 : undefined,
      exportedAt: new Date(),
      yaml: await import('yaml'),
    });
    const what = chosen.length === 1 ? '1 run' : `${chosen.length} runs`;
    const uri = await vscode.window.showSaveDialog({
      title: `Export ${what} as a promptfoo config`,
      defaultUri: ui.defaultSaveUri(PROMPTFOO_FILE_NAME),
      filters: { YAML: ['yaml', 'yml'] },
      saveLabel: 'Export',
    });
    if (!uri) return;
    for (const why of exported.skipped) log.warn(`promptfoo export left out: ${why}`);
    if (exported.skipped.length > 0) {
      void vscode.window.showWarningMessage(`The promptfoo config leaves out: ${exported.skipped.join('; ')}.`);
    }
    await ui.writeAndOfferToOpen(uri, exported.yaml, `${what} as a promptfoo config`, log);
  } catch (err) {
    ui.reportFailure(log, 'Exporting a promptfoo config', err);
  }
}

export function registerPromptfooExport(
  prefs: PreferenceSource,
  log: vscode.LogOutputChannel,
  latestRunId: () => string | undefined,
  ui: PromptfooExportUi,
): vscode.Disposable {
  return vscode.commands.registerCommand(PROMPTFOO_COMMAND, () => exportPromptfooConfig(prefs, log, latestRunId(), ui));
}
