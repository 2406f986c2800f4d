/**
 * Entry of the results panel webview (bundled to dist/webview/results.js). Validates every host message, restores
 * the last run from the webview state, and tells the host it is ready.
 */
import '../common/cspSafeZod';
import { z } from 'zod';
import { hostToResultsSchema, runViewSchema, type HostToResults, type ResultsToHost, type RunView } from '../../shared/protocol';
import { connectToHost } from '../common/hostConnection';
import { ResultsView } from './resultsView';
import { RunStateSaver } from './runStateSaver';

const savedStateSchema = z.object({ run: runViewSchema });
type SavedState = z.infer<typeof savedStateSchema>;

let view: ResultsView | undefined;

const connection = connectToHost<HostToResults, ResultsToHost, SavedState>({
  incoming: hostToResultsSchema,
  savedStateSchema,
  onMessage: (message) => {
    if (!view) return;
    switch (message.type) {
      case 'run':
        view.showRun(message.run);
        break;
      case 'updates':
        view.applyUpdates(message.runId, message.updates);
        break;
      case 'notice':
        view.showNotice(message.level, message.message);
        break;
      case 'verification':
        view.showVerification(message.runId, message.columnId, message.verification, message.sample ?? 1);
        break;
      case 'judge':
        view.showJudge(message.runId, message.judge);
        break;
      case 'panelCommand':
        view.runCommand(message.command);
        break;
    }
  },
});

/** Saving the state serialises the whole run: not while streaming, and at once when the page is hidden. */
const saver = new RunStateSaver((run: RunView) => connection.saveState({ run }));

const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
view = new ResultsView(root, (message) => connection.post(message), (snapshot) => saver.changed(snapshot));
for (const event of ['visibilitychange', 'pagehide'] as const) {
  window.addEventListener(event, () => {
    view?.flushDraft();
    if (event === 'pagehide' || document.visibilityState === 'hidden') saver.flush();
  });
}
const saved = connection.savedState();
if (saved) view.showRun(saved.run);
connection.post({ type: 'ready' });
