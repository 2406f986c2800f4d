/**
 * Registers verification with VS Code: the Verify All and Cancel Verification commands, the output documents,
 * the opt-in run when a comparison ends (`parallax.verify.autoRun`), and, on activation, the removal of stray
 * checkouts left by a Parallax that was killed.
 */
import * as vscode from 'vscode';
import { defaultCheckoutRoot, sweepStray } from '../../core/verify/checkoutRoot';
import type { HostToResults } from '../../shared/protocol';
import type { SettingsService } from '../config/settings';
import type { PreferenceService } from '../prefs/preferenceService';
import type { ComparisonController } from '../run/comparisonController';
import { VerificationOutputs, VERIFY_OUTPUT_SCHEME } from './verificationOutputs';
import { VerificationService } from './verificationService';
import { readVerifySettings } from './verifySettings';

export interface VerificationWiringDeps {
  context: vscode.ExtensionContext;
  controller: ComparisonController;
  preferences: PreferenceService;
  settings: SettingsService;
  post(message: HostToResults): void;
  log: vscode.LogOutputChannel;
}

export function wireVerification(d: VerificationWiringDeps): VerificationService {
  const outputs = new VerificationOutputs();
  const root = defaultCheckoutRoot();
  const service = new VerificationService({ controller: d.controller, preferences: d.preferences, settings: d.settings, outputs, globalState: d.context.globalState, post: (m) => d.post(m), log: d.log, checkoutRoot: root });
  d.context.subscriptions.push(
    outputs,
    service,
    vscode.workspace.registerTextDocumentContentProvider(VERIFY_OUTPUT_SCHEME, outputs),
    vscode.commands.registerCommand('parallax.verifyAll', () => service.verify()),
    vscode.commands.registerCommand('parallax.cancelVerification', () => service.cancel()),
    d.controller.onDidFinishRun((run) => {
      const live = d.controller.live;
      if (!live || live.session.runId !== run.runId || !live.session.isEditRun) return;
      if (readVerifySettings(d.settings.settings, live.prepared.captured.target.uri).autoRun) void service.verify();
    }),
  );
  sweepStray(root).then(
    (removed) => removed.length > 0 && d.log.info(`Removed ${removed.length} stray verification checkout(s): ${removed.join(', ')}`),
    (err: unknown) => d.log.warn(`Could not remove stray verification checkouts: ${String(err)}`),
  );
  return service;
}
