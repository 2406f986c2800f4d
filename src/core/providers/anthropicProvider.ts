/**
 * ChatProvider over the official `@anthropic-ai/sdk` raw message stream.
 * The SDK is imported on the first call (or `prepare()`), so loading this file costs nothing at extension activation.
 */
import { abortable } from './abortable';
import { isOfficialEndpoint } from './endpoints';
import { readAnthropicEvent, toAnthropicParams } from './anthropicConversion';
import type { ChatProvider, ProviderRequest, StreamEvent } from './provider';
import { toProviderError, type SdkErrorClasses } from './providerErrors';
import { RequestClock, stampFirstText, type RequestSentHook } from './requestSentClock';
import { LazySdkClient, sdkClientOptions, withoutSdkEnvironment, type SdkClientConfig } from './sdkClientConfig';

async function loadClient(config: SdkClientConfig) {
  const sdk = await import('@anthropic-ai/sdk');
  const errors: SdkErrorClasses = sdk;
  const client = withoutSdkEnvironment(() => new sdk.Anthropic({ ...sdkClientOptions(config), authToken: null }));
  return { client, errors };
}

export class AnthropicProvider implements ChatProvider {
  private readonly sdk = new LazySdkClient(() => loadClient(this.config));

  /** Only compatible servers get `temperature`; the official API refuses it. */
  private readonly sendsTemperature: boolean;

  constructor(private readonly config: SdkClientConfig) {
    this.sendsTemperature = !isOfficialEndpoint('anthropic', config.baseUrl);
  }

  /** Imports the SDK and builds the client, so the first request is timed from when it is sent. */
  prepare(): Promise<void> {
    return this.sdk.prepare();
  }

  async *stream(request: ProviderRequest, signal: AbortSignal, onSent?: RequestSentHook): AsyncIterable<StreamEvent> {
    const clock = new RequestClock(onSent);
    let stamped = false;
    try {
      const { client } = await abortable(this.sdk.load(), signal);
      const stream = await abortable(client.messages.create(toAnthropicParams(request, { temperature: this.sendsTemperature }), { signal, ...clock.options() }), signal);
      let stopReason: string | undefined;
      for await (const event of stream) {
        const reading = readAnthropicEvent(event);
        if (!stamped) stamped = stampFirstText(reading.events, clock);
        // A for-of, not yield*: yield* over an array in an async generator awaits each item once more.
        for (const event of reading.events) yield event;
        stopReason = reading.stopReason ?? stopReason;
        if (reading.stopped) {
          yield { type: 'done', finishReason: stopReason ?? 'end_turn' };
          return;
        }
      }
      // Reaching here means no message_stop: aborted (the raw stream ends silently) or cut short (incomplete).
      if (signal.aborted) yield { type: 'error', kind: 'cancelled', message: 'The request was cancelled.' };
    } catch (err) {
      const failure = toProviderError(err, { sdk: this.sdk.errors, secrets: this.config.secrets, aborted: signal.aborted });
      yield { type: 'error', ...failure };
    }
  }
}
