/**
 * Tells the caller the moment a request is actually handed to the network, so the TTFT clock starts there and not
 * while the SDK is still building it (with eight requests built one after another, that is milliseconds early).
 * The hook rides in the SDK's per-request `fetchOptions` (both SDKs spread them into the `fetch` init unchanged);
 * the client's `fetch` wrapper takes it out, calls it, and sends the request without it. An SDK retry calls it
 * again, so the clock restarts at the try that answered.
 */

export type RequestSentHook = () => void;

/** The init key the hook travels under; never sent. */
const HOOK_KEY = 'parallaxOnRequestSent';

/** Per-request SDK options carrying `onSent` to the fetch wrapper. */
export function requestSentOptions(onSent: RequestSentHook | undefined): { fetchOptions?: Record<never, never> } {
  // Typed as an empty init: the key is ours, taken out again before `fetch` sees it.
  return onSent ? { fetchOptions: { [HOOK_KEY]: onSent } } : {};
}

/** Wraps `fetch` so a hook passed with {@link requestSentOptions} is called just before the request is sent. */
export function withRequestSentHook(inner: typeof fetch): typeof fetch {
  return (input, init) => {
    if (!init || !(HOOK_KEY in init)) return inner(input, init);
    const { [HOOK_KEY]: hook, ...rest } = init;
    if (typeof hook === 'function') (hook as RequestSentHook)();
    return inner(input, rest);
  };
}
