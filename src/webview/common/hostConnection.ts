/**
 * The webview end of a host ↔ webview channel: zod-validated messages in and, when `outgoing` is given, out (invalid
 * ones are logged and dropped), and `getState`/`setState` for restoring after the view is hidden or reloaded.
 */
import type { z } from 'zod';
import { parseMessage } from '../../shared/protocol';

type VsCodeApi = {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
};

declare function acquireVsCodeApi(): VsCodeApi;

export type HostConnection<Out, State> = {
  post(message: Out): void;
  savedState(): State | undefined;
  saveState(state: State): void;
};

/**
 * Connects once per webview (`acquireVsCodeApi` may only be called once). `restoreSchema` validates the saved state
 * too, since it may come from an older version of the webview.
 */
export function connectToHost<In, Out, State>(options: {
  incoming: z.ZodType<In>;
  /** Checks each message before it is posted; one that fails is logged and not sent. */
  outgoing?: z.ZodType<Out> | undefined;
  savedStateSchema: z.ZodType<State>;
  onMessage: (message: In) => void;
}): HostConnection<Out, State> {
  const api = acquireVsCodeApi();
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const parsed = parseMessage(options.incoming, event.data);
    if (!parsed.ok) {
      console.warn(`Parallax: dropped an invalid message from the host (${parsed.error})`);
      return;
    }
    options.onMessage(parsed.message);
  });
  return {
    post: (message) => {
      const checked = options.outgoing ? parseMessage(options.outgoing, message) : { ok: true as const, message };
      if (checked.ok) api.postMessage(checked.message);
      else console.error(`Parallax: not sending an invalid message to the host (${checked.error})`);
    },
    savedState: () => {
      const parsed = parseMessage(options.savedStateSchema, api.getState());
      return parsed.ok ? parsed.message : undefined;
    },
    saveState: (state) => api.setState(state),
  };
}
