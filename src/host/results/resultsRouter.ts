/**
 * Routes the results panel's messages: votes, drafts, retries, cancels and blind mode go to the run coordinator;
 * diffs, apply and copy go to the VS Code actions, on the run the panel shows: live, or reopened from the log (whose
 * Apply first checks that the file still holds the logged original).
 */
import * as vscode from 'vscode';
import type { ResultsToHost } from '../../shared/protocol';
import type { ComparisonController } from '../run/comparisonController';
import type { JudgeService } from '../judge/judgeService';
import type { VerificationService } from '../verify/verificationService';
import type { ResultsActions } from './resultsActions';
import { openAllDiffs } from './resultsCommands';
import { shownReview } from './reviewedRun';

export async function routeResultsMessage(
  message: Exclude<ResultsToHost, { type: 'ready' }>,
  controller: ComparisonController,
  actions: ResultsActions,
  post: (level: 'info' | 'warning', text: string) => void,
  verification?: VerificationService,
  judge?: JudgeService,
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
      // A judge's opinion held back in blind mode is shown once the user has voted.
      judge?.refresh();
      return;
    case 'askJudge':
      return judge?.ask();
    case 'draft':
      return coordinator.saveDraft(message.runId, message.draft);
    case 'verify':
      return verification?.verify(message.columnId);
    case 'cancelVerify':
      return verification?.cancel();
    case 'openVerifyOutput':
      return verification?.openOutput(message.columnId, message.sample ?? 1);
    case 'toggleFocus':
      await vscode.commands.executeCommand('parallax.toggleFocus');
      return;
    case 'openAllDiffs':
      return openAllDiffs(controller, actions, false);
    default:
      break;
  }
  if (message.type === 'cancel' || message.type === 'retry') {
    if (!controller.live) return post('info', 'This run is from your log: re-run it to retry its answers.');
    return message.type === 'cancel' ? coordinator.cancel(message.columnId) : coordinator.retry(message.columnId);
  }
  if (message.type === 'showSample') {
    // The live run, or a Repeat N run reopened from the log (its samples are read back from the logged attempts).
    return void coordinator.showSample(message.columnId, message.sample);
  }
  // Diffs, Compare, Apply and Copy work on the live run and on a run reopened from the log alike.
  const live = await shownReview(controller);
  if (typeof live === 'string') return post('info', live);
  switch (message.type) {
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
