/**
 * Routes the results panel's messages: votes, drafts, retries, cancels and blind mode go to the run coordinator;
 * diffs, apply and copy go to the VS Code actions, on the live run the panel shows. A restored run (from the log)
 * takes votes and notes only.
 */
import * as vscode from 'vscode';
import type { ResultsToHost } from '../../shared/protocol';
import type { ComparisonController } from '../run/comparisonController';
import type { VerificationService } from '../verify/verificationService';
import type { ResultsActions } from './resultsActions';
import { openAllDiffs } from './resultsCommands';

export async function routeResultsMessage(
  message: Exclude<ResultsToHost, { type: 'ready' }>,
  controller: ComparisonController,
  actions: ResultsActions,
  post: (level: 'info' | 'warning', text: string) => void,
  verification?: VerificationService,
): Promise<void> {
  const { coordinator } = controller;
  switch (message.type) {
    case 'rerun':
      if (coordinator.running) return post('info', 'This comparison is still running: cancel it first, or wait for it to finish.');
      return coordinator.session ? controller.rerun(message.repeat) : controller.rerunLogged(coordinator.shownRunId ?? '', message.repeat);
    case 'setBlind':
      return controller.setBlind(message.blind);
    case 'exportMarkdown': {
      const runId = coordinator.shownRunId;
      if (runId) await vscode.commands.executeCommand('parallax.exportRunMarkdown', runId);
      return;
    }
    case 'vote':
      await coordinator.vote(message.vote);
      return;
    case 'draft':
      return coordinator.saveDraft(message.runId, message.draft);
    case 'verify':
      return verification?.verify(message.columnId);
    case 'cancelVerify':
      return verification?.cancel();
    case 'openVerifyOutput':
      return verification?.openOutput(message.columnId);
    case 'toggleFocus':
      await vscode.commands.executeCommand('parallax.toggleFocus');
      return;
    case 'openAllDiffs':
      return openAllDiffs(controller, actions, false);
    default:
      break;
  }
  const live = controller.live;
  if (!live) return post('info', 'This run is read-only: re-run it to work with its answers.');
  switch (message.type) {
    case 'cancel':
      return coordinator.cancel(message.columnId);
    case 'retry':
      return coordinator.retry(message.columnId);
    case 'showSample':
      return void coordinator.showSample(message.columnId, message.sample);
    case 'diffOriginal':
      return actions.diffOriginal(live, message.columnId);
    case 'diffPair':
      return actions.diffPair(live, message.columnId, message.otherColumnId);
    case 'apply':
      return actions.apply(live, message.columnId);
    case 'copy':
      return actions.copy(live, message.columnId);
    case 'reviewFiles':
      return actions.reviewFiles(live, message.columnId);
  }
}
