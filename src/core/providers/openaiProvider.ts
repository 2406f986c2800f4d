/**
 * ChatProvider over the official `openai` SDK's streaming chat completions, for OpenAI and compatible servers.
 * The SDK is imported on the first call (or `prepare()`), so loading this file costs nothing at extension activation.
 */
import { abortable } from './abortable';
import { readOpenAIChunk, toOpenAIParams, type OpenAIFlavor } from './openaiConversion';
import type { ChatProvider, ProviderRequest, StreamEvent } from './provider';
import { toProviderError, type SdkErrorClasses } from './providerErrors';
import { RequestClock, stampFirstText, type RequestSentHook } from './requestSentClock';
import { LazySdkClient, sdkClientOptions, withoutSdkEnvironment, type SdkClientConfig } from './sdkClientConfig';

async function loadClient(config: SdkClientConfig) {
  const sdk = await import('openai');
  const errors: SdkErrorClasses = sdk;
  const client = withoutSdkEnvironment(() => new sdk.OpenAI({ ...sdkClientOptions(config), organization: null, project: null }));
  return { client, errors };
}

export class OpenAIProvider implements ChatProvider {
  private readonly sdk = new LazySdkClient(() => loadClient(this.config));

  constructor(
    private readonly config: SdkClientConfig,
    private readonly flavor: OpenAIFlavor,
  ) {}

  /** Imports the SDK and builds the client, so the first request is timed from when it is sent. */
  prepare(): Promise<void> {
    return this.sdk.prepare();
  }

  async *stream(request: ProviderRequest, signal: AbortSignal, onSent?: RequestSentHook): AsyncIterable<StreamEvent> {
    const clock = new RequestClock(onSent);
    let stamped = false;
    try {
      const { client } = await abortable(this.sdk.load(), signal);
      const stream = await abortable(client.chat.completions.create(toOpenAIParams(request, this.flavor), { signal, ...clock.options() }), signal);
      let finishReason: string | undefined;
      for await (const chunk of stream) {
        const reading = readOpenAIChunk(chunk);
        if (!stamped) stamped = stampFirstText(reading.events, clock);
        // A for-of, not yield*: yield* over an array in an async generator awaits each item once more.
        for (const event of reading.events) yield event;
        finishReason = reading.finishReason ?? finishReason;
      }
      // The SDK ends the iteration silently on abort, and also when the body ends without [DONE].
      if (signal.aborted) yield { type: 'error', kind: 'cancelled', message: 'The request was cancelled.' };
      else if (finishReason !== undefined) yield { type: 'done', finishReason };
    } catch (err) {
      const failure = toProviderError(err, { sdk: this.sdk.errors, secrets: this.config.secrets, aborted: signal.aborted });
      yield { type: 'error', ...failure };
    }
  }
}
