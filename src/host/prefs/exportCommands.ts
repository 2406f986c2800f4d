/**
 * Export commands: `parallax.exportLog` (CSV / JSON / DPO pairs of the preference log to a file) and
 * `parallax.exportRunMarkdown` (one run as Markdown, to an untitled document or a file). The leaderboard's
 * export buttons run the same log export, limited to the runs its filter shows. `parallax.exportPromptfoo` (chosen runs
 * as a promptfoo config, promptfooExportCommand.ts) is registered here too and offered in the log export's format list.
 */
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { filterRuns } from '../../core/prefs/leaderboard';
import { runToMarkdown } from '../../core/prefs/exports';
import type { RunRecord } from '../../core/prefs/preferenceRecord';
import type { LeaderboardFilter } from '../../shared/leaderboardProtocol';
import type { PreferenceSource } from './leaderboardPanel';
import {
  formatInfo,
  isLogExportFormat,
  LOG_EXPORT_FORMATS,
  type LogExportFormat,
  logExportFileName,
  renderLogExport,
  runMarkdownFileName,
  runPickText,
  runsForPicker,
} from './leaderboardExports';
import { leaderboardQuery } from './leaderboardView';
import { loggedRunsOrSayNone } from './loggedRuns';
import { PROMPTFOO_COMMAND, registerPromptfooExport } from './promptfooExportCommand';

export interface LogExportOptions {
  /** Skip the format picker. */
  format?: LogExportFormat;
  /** Export only the runs this leaderboard filter shows. */
  filter?: LeaderboardFilter;
}

export function registerExportCommands(
  context: vscode.ExtensionContext,
  prefs: PreferenceSource,
  log: vscode.LogOutputChannel,
  latestRunId: () => string | undefined,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('parallax.exportLog', (format?: unknown) =>
      exportPreferenceLog(prefs, log, isLogExportFormat(format) ? { format } : {}),
    ),
    vscode.commands.registerCommand('parallax.exportRunMarkdown', (runId?: unknown) =>
      exportRunMarkdown(prefs, log, latestRunId(), typeof runId === 'string' ? runId : undefined),
    ),
    registerPromptfooExport(prefs, log, latestRunId, { defaultSaveUri, writeAndOfferToOpen, reportFailure }),
  );
}

/** Where a save dialog starts: the first workspace folder, else the home folder. */
function defaultSaveUri(fileName: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, fileName) : vscode.Uri.joinPath(vscode.Uri.file(homedir()), fileName);
}

async function writeAndOfferToOpen(uri: vscode.Uri, content: string, what: string, log: vscode.LogOutputChannel): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  log.info(`Exported ${what} to ${uri.toString(true)}`);
  const open = 'Open';
  const choice = await vscode.window.showInformationMessage(`Exported ${what} to ${uri.fsPath || uri.toString(true)}.`, open);
  if (choice === open) await vscode.window.showTextDocument(uri);
}

function reportFailure(log: vscode.LogOutputChannel, action: string, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  log.error(`${action} failed: ${message}`);
  void vscode.window.showErrorMessage(`Parallax: ${action} failed: ${message}`);
}

async function pickFormat(): Promise<LogExportFormat | 'promptfoo' | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      ...LOG_EXPORT_FORMATS.map((f) => ({ label: f.label, detail: f.detail, format: f.format })),
      { label: 'promptfoo config (YAML)…', detail: 'Chosen runs as a regression test the promptfoo CLI runs', format: 'promptfoo' as const },
    ],
    { title: 'Export Preference Log', placeHolder: 'Choose a format' },
  );
  return picked?.format;
}

export async function exportPreferenceLog(prefs: PreferenceSource, log: vscode.LogOutputChannel, options: LogExportOptions = {}): Promise<void> {
  try {
    const format = options.format ?? (await pickFormat());
    if (!format) return;
    if (format === 'promptfoo') {
      await vscode.commands.executeCommand(PROMPTFOO_COMMAND);
      return;
    }
    const { runs } = await prefs.readAll();
    const selected = options.filter ? filterRuns(runs, leaderboardQuery(options.filter)) : runs;
    const exported = renderLogExport(selected, format);
    if (exported.empty) {
      const why =
        format === 'dpo' || format === 'dpo-verified'
          ? 'No DPO pairs to export: pairs come from votes that pick a winner between finished answers (or, with verified pairs, from checks where one answer passed and another failed).'
          : options.filter
            ? 'No runs match the leaderboard filters.'
            : 'The preference log has no runs yet.';
      void vscode.window.showInformationMessage(why);
      return;
    }
    const info = formatInfo(format);
    const uri = await vscode.window.showSaveDialog({
      title: `Export ${exported.summary} as ${info.label}`,
      defaultUri: defaultSaveUri(logExportFileName(format, new Date())),
      filters: { [info.filterName]: [info.extension] },
      saveLabel: 'Export',
    });
    if (!uri) return;
    await writeAndOfferToOpen(uri, exported.content, exported.summary, log);
  } catch (err) {
    reportFailure(log, 'Exporting the preference log', err);
  }
}

async function pickRun(runs: readonly RunRecord[], latestRunId: string | undefined): Promise<RunRecord | undefined> {
  const items = runsForPicker(runs, latestRunId).map((run) => ({ ...runPickText(run, run.id === latestRunId), run }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Export Run as Markdown',
    placeHolder: 'Choose a run (the latest is first)',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.run;
}

type MarkdownDestination = 'document' | 'file';

async function pickDestination(): Promise<MarkdownDestination | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: '$(file) Open as Untitled Document', destination: 'document' as const },
      { label: '$(save) Save to File…', destination: 'file' as const },
    ],
    { title: 'Export Run as Markdown', placeHolder: 'Where should the Markdown go?' },
  );
  return picked?.destination;
}

/** With `runId` (e.g. from the results panel) that run is exported; otherwise the user picks one from history. */
export async function exportRunMarkdown(
  prefs: PreferenceSource,
  log: vscode.LogOutputChannel,
  latestRunId: string | undefined,
  runId?: string,
): Promise<void> {
  try {
    const runs = await loggedRunsOrSayNone(prefs);
    if (!runs) return;
    const run = runId !== undefined ? runs.find((r) => r.id === runId) : await pickRun(runs, latestRunId);
    if (!run) {
      if (runId !== undefined) void vscode.window.showWarningMessage(`Run ${runId} is not in the preference log.`);
      return;
    }
    const destination = await pickDestination();
    if (!destination) return;
    const markdown = runToMarkdown(run);
    if (destination === 'document') {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.window.showTextDocument(document, { preview: false });
      return;
    }
    const uri = await vscode.window.showSaveDialog({
      title: 'Save Run as Markdown',
      defaultUri: defaultSaveUri(runMarkdownFileName(run)),
      filters: { Markdown: ['md'] },
    });
    if (uri) await writeAndOfferToOpen(uri, markdown, 'the run', log);
  } catch (err) {
    reportFailure(log, 'Exporting the run', err);
  }
}
