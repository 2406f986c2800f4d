/**
 * Everything checked before a comparison starts, each failure told to the user with a way out: Restricted Mode,
 * no selection, no models, a model without a key or with a bad configuration. Then the prompt is built and each
 * model gets its provider.
 */
import * as vscode from 'vscode';
import type { CompareModel } from '../../core/compare/compareEngine';
import { needsConfirmation, repeatedEstimate, type RunEstimate } from '../../core/compare/runEstimate';
import type { ModelConfig } from '../../core/config/modelConfig';
import type { ParallaxSettings } from '../../core/config/settingsSchema';
import { assembleContext } from '../../core/prompts/contextAssembly';
import { type BuiltPrompt, buildPrompt, type PromptExtra } from '../../core/prompts/promptTemplates';
import type { TemplateId } from '../../shared/protocol';
import type { ApiKeyStore } from '../keys/apiKeyStore';
import { confirmKeyOrigin } from '../keys/apiKeyPrompt';
import { estimateCaveats, estimateSummary, usd } from '../../shared/estimateText';
import { type CapturedContext, captureContext } from './editorContext';
import { compareModelFor } from './modelProviders';
import { MAX_MODELS_PER_RUN } from './modelSelection';
import { estimateFigures, estimatePrompt } from './preRunEstimate';

export interface LaunchRequest {
  template: TemplateId;
  /** Refactor goal, custom prompt, or (fix) an error text. */
  instruction?: string;
  /** Default: the remembered selection. */
  modelIds?: readonly string[];
  includeWholeFile?: boolean;
  /** Instead of the editor's selection (the lightbulb passes the diagnostic's lines). */
  range?: vscode.Range;
  editor?: vscode.TextEditor;
  /** Repeat N: samples per model (2–10; absent: one). */
  repeat?: number;
}

export interface PreparedRun {
  template: TemplateId;
  instruction?: string;
  captured: CapturedContext;
  prompt: BuiltPrompt;
  configs: ModelConfig[];
  models: CompareModel[];
  /** What the run was estimated to use and cost before it was sent. */
  estimate: RunEstimate;
  /** Repeat N: samples per model (absent: one). */
  repeat?: number;
}

export async function ensureTrusted(): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const choice = await vscode.window.showWarningMessage(
    'Parallax does not send workspace code to model providers in Restricted Mode. Trust this workspace to compare.',
    'Manage Workspace Trust',
  );
  if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}

/** What the template's prompt takes from the instruction (also used by the sidebar's estimate). */
export function promptExtra(template: TemplateId, instruction: string | undefined): PromptExtra {
  if (template === 'refactor' && instruction?.trim()) return { goal: instruction };
  if (template === 'custom') return { userText: instruction ?? '' };
  return {};
}

/** Checks, captures the context and builds everything a run needs; undefined (the user was told) when it cannot start. */
export async function prepareRun(request: LaunchRequest, settings: ParallaxSettings, keys: ApiKeyStore, defaultIds: readonly string[]): Promise<PreparedRun | undefined> {
  const editor = request.editor ?? vscode.window.activeTextEditor;
  const captured =
    editor &&
    captureContext(editor, {
      ...(request.range ? { range: request.range } : {}),
      includeWholeFile: request.includeWholeFile ?? settings.context.includeWholeFile,
      surroundingLines: settings.context.surroundingLines,
      ...(request.template === 'fix' && request.instruction ? { errorText: request.instruction } : {}),
    });
  if (!captured) {
    void vscode.window.showInformationMessage('Select the code to compare.');
    return undefined;
  }
  return prepareFromContext({ ...request, captured }, settings, keys, defaultIds);
}

/** The same, for an already captured context (a re-run). */
export async function prepareFromContext(
  request: Omit<LaunchRequest, 'editor' | 'range'> & { captured: CapturedContext },
  settings: ParallaxSettings,
  keys: ApiKeyStore,
  defaultIds: readonly string[],
): Promise<PreparedRun | undefined> {
  if (!(await ensureTrusted())) return undefined;
  const wanted = request.modelIds ?? defaultIds;
  const configs = settings.models.filter((m) => m.enabled && wanted.includes(m.id)).slice(0, MAX_MODELS_PER_RUN);
  if (configs.length === 0) {
    const anyModel = settings.models.some((m) => m.enabled);
    const choice = await vscode.window.showWarningMessage(
      anyModel ? 'No models are selected for this comparison.' : 'No models are configured.',
      'Configure Models',
    );
    if (choice) await vscode.commands.executeCommand('parallax.configureModels');
    return undefined;
  }
  const prompt = buildPrompt(request.template, assembleContext(request.captured.context, settings.context), promptExtra(request.template, request.instruction));
  const models: CompareModel[] = [];
  for (const config of configs) {
    let built = await compareModelFor(config, keys, prompt, settings.prices, request.captured.target.uri);
    // A stored key meant for another origin goes there only after the user agrees (once; then it is bound to it).
    const mismatch = 'problem' in built ? built.problem.mismatch : undefined;
    if (mismatch) {
      if (!(await confirmKeyOrigin(keys, mismatch, config.label))) return undefined;
      built = await compareModelFor(config, keys, prompt, settings.prices, request.captured.target.uri);
    }
    if ('problem' in built) {
      await explainProblem(config, built.problem.status, built.problem.message);
      return undefined;
    }
    models.push(built);
  }
  const estimate = repeatedEstimate(await estimatePrompt(prompt, configs, settings.prices), request.repeat ?? 1);
  if (!(await confirmCost(estimate, settings.confirmAboveUsd))) return undefined;
  return {
    template: request.template,
    ...(request.instruction ? { instruction: request.instruction } : {}),
    captured: request.captured,
    prompt,
    configs,
    models,
    estimate,
    ...(request.repeat !== undefined && request.repeat > 1 ? { repeat: request.repeat } : {}),
  };
}

/** Above `parallax.confirmAboveUsd` (upper estimate), a modal asks first; anything but "Send" sends nothing. */
async function confirmCost(estimate: RunEstimate, confirmAboveUsd: number): Promise<boolean> {
  if (!needsConfirmation(estimate, confirmAboveUsd)) return true;
  const figures = estimateFigures(estimate);
  const send = 'Send';
  const choice = await vscode.window.showWarningMessage(
    `This comparison may cost up to ≈${usd(estimate.costHighUsd ?? 0)}, above your limit of ${usd(confirmAboveUsd)}. Send it?`,
    { modal: true, detail: `${estimateSummary(figures)}.\n\n${estimateCaveats(figures)}\n\nThe limit is the setting parallax.confirmAboveUsd.` },
    send,
  );
  return choice === send;
}

async function explainProblem(config: ModelConfig, status: string, message: string | undefined): Promise<void> {
  if (status === 'missing-key') {
    const choice = await vscode.window.showWarningMessage(`No API key is set for ${config.label} (${config.model}).`, 'Set API Key');
    if (choice) await vscode.commands.executeCommand('parallax.setApiKey', config.id);
    return;
  }
  const choice = await vscode.window.showErrorMessage(`${config.label}: ${message ?? 'this model cannot run.'}`, 'Configure Models');
  if (choice) await vscode.commands.executeCommand('parallax.configureModels');
}
