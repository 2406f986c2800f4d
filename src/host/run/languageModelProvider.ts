/**
 * A core `ChatProvider` over VS Code's Language Model API (`vscode.lm`): chat models that other extensions
 * provide, e.g. Copilot. Usage is not reported by the API: input tokens come from `countTokens` and output tokens
 * are left to the engine's estimate, so the metrics are marked estimated.
 */
import * as vscode from 'vscode';
import type { ChatProvider, ProviderErrorKind, ProviderRequest, StreamEvent } from '../../core/providers/provider';

export interface LanguageModelSelector {
  vendor?: string;
  family?: string;
  /** Usually the entry's `model` field. */
  id?: string;
}

function describeSelector(s: LanguageModelSelector): string {
  const parts = Object.entries(s).filter(([, v]) => v !== undefined).map(([k, v]) => `${k} "${v}"`);
  return parts.length > 0 ? parts.join(', ') : 'any model';
}

/** LanguageModelError codes as user-facing errors. */
function errorEvent(err: unknown, selector: LanguageModelSelector): StreamEvent {
  if (err instanceof vscode.LanguageModelError) {
    const byCode: Record<string, { kind: ProviderErrorKind; message: string }> = {
      [vscode.LanguageModelError.NoPermissions.name]: {
        kind: 'permission',
        message: 'Parallax may not use this VS Code language model: allow it in the consent dialog, or under "Manage Language Model Access".',
      },
      [vscode.LanguageModelError.NotFound.name]: { kind: 'not-found', message: `No VS Code language model matches ${describeSelector(selector)}.` },
      [vscode.LanguageModelError.Blocked.name]: {
        kind: 'rate-limit',
        message: 'The language model provider blocked this request (quota or rate limit). Try again later.',
      },
    };
    const mapped = byCode[err.code];
    if (mapped) return { type: 'error', ...mapped };
    return { type: 'error', kind: 'unknown', message: `The VS Code language model failed: ${err.message}` };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { type: 'error', kind: 'unknown', message: `The VS Code language model failed: ${message}` };
}

export class LanguageModelProvider implements ChatProvider {
  constructor(private readonly selector: LanguageModelSelector) {}

  async *stream(request: ProviderRequest, signal: AbortSignal): AsyncIterable<StreamEvent> {
    const cancellation = new vscode.CancellationTokenSource();
    const onAbort = () => cancellation.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const [model] = await vscode.lm.selectChatModels(this.selector);
      if (!model) {
        yield { type: 'error', kind: 'not-found', message: `No VS Code language model matches ${describeSelector(this.selector)}. Is the extension that provides it installed and signed in?` };
        return;
      }
      // The stable API has no system role: the system prompt goes first as a user message.
      const messages = [
        ...(request.system ? [vscode.LanguageModelChatMessage.User(request.system)] : []),
        ...request.messages.map((m) =>
          m.role === 'user' ? vscode.LanguageModelChatMessage.User(m.content) : vscode.LanguageModelChatMessage.Assistant(m.content),
        ),
      ];
      const response = await model.sendRequest(
        messages,
        { justification: 'Parallax compares answers from the models you selected.', modelOptions: modelOptions(request) },
        cancellation.token,
      );
      // Counted alongside the stream, so it does not delay the first token.
      const inputCount = countInput(model, messages, cancellation.token);
      for await (const text of response.text) {
        if (signal.aborted) break;
        if (text) yield { type: 'text', text };
      }
      if (signal.aborted) {
        yield { type: 'error', kind: 'cancelled', message: 'Cancelled.' };
        return;
      }
      const inputTokens = await inputCount;
      if (inputTokens !== undefined) yield { type: 'usage', inputTokens };
      yield { type: 'done', finishReason: 'stop' };
    } catch (err) {
      if (signal.aborted || err instanceof vscode.CancellationError) yield { type: 'error', kind: 'cancelled', message: 'Cancelled.' };
      else yield errorEvent(err, this.selector);
    } finally {
      signal.removeEventListener('abort', onAbort);
      cancellation.dispose();
    }
  }
}

function modelOptions(request: ProviderRequest): Record<string, number> {
  return {
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.maxTokens === undefined ? {} : { maxTokens: request.maxTokens }),
  };
}

async function countInput(
  model: vscode.LanguageModelChat,
  messages: vscode.LanguageModelChatMessage[],
  token: vscode.CancellationToken,
): Promise<number | undefined> {
  try {
    const counts = await Promise.all(messages.map((m) => model.countTokens(m, token)));
    return counts.reduce((a, b) => a + b, 0);
  } catch {
    return undefined;
  }
}
