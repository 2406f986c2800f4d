/**
 * Lets a caller stop waiting on a promise the moment its signal aborts. The openai SDK sleeps between retries
 * without watching the signal, so awaiting its request promise alone would not end promptly on cancel.
 */

export class AbortedError extends Error {
  override readonly name = 'AbortError';
  constructor() {
    super('The operation was aborted.');
  }
}

/** Resolves or rejects like `promise`, or rejects with AbortedError as soon as `signal` aborts. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  // The abandoned promise may still reject later (with the SDK's own abort error): keep that from going unhandled.
  promise.catch(() => undefined);
  if (signal.aborted) return Promise.reject(new AbortedError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new AbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the provider's own rejection passes through unchanged
        reject(err);
      },
    );
  });
}
