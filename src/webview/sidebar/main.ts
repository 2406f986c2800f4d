/**
 * Entry of the sidebar webview (bundled to dist/webview/sidebar.js). Validates every host message, keeps the
 * composer draft in the webview state, and tells the host it is ready.
 */
import '../common/cspSafeZod';
import { z } from 'zod';
import { hostToSidebarSchema, sidebarToHostSchema, templateIdSchema, type HostToSidebar, type SidebarToHost } from '../../shared/protocol';
import { TEXT_CAPS } from '../../shared/vocabulary';
import { connectToHost } from '../common/hostConnection';
import type { ComposerDraft } from './composerSection';
import { SidebarView } from './sidebarView';

const savedStateSchema = z.object({
  template: templateIdSchema,
  instruction: z.string().max(TEXT_CAPS.instruction),
  includeWholeFile: z.boolean(),
  historyQuery: z.string().max(TEXT_CAPS.query),
});

let view: SidebarView | undefined;

const connection = connectToHost<HostToSidebar, SidebarToHost, ComposerDraft>({
  incoming: hostToSidebarSchema,
  outgoing: sidebarToHostSchema,
  savedStateSchema,
  onMessage: (message) => {
    if (message.type === 'state') view?.showState(message.state);
    else view?.showHistory(message.query, message.runs);
  },
});

const draft: ComposerDraft = connection.savedState() ?? { template: 'fix', instruction: '', includeWholeFile: false, historyQuery: '' };
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
view = new SidebarView(root, draft, (message) => connection.post(message), () => connection.saveState({ ...draft }));
connection.post({ type: 'ready' });
if (draft.historyQuery.trim()) connection.post({ type: 'searchHistory', query: draft.historyQuery.trim() });
