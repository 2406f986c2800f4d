/**
 * Registers a small language model ("parallax-test" vendor) through VS Code 1.100's *proposed* `chatProvider` API
 * (`vscode.lm.registerChatModelProvider`), so the integration suite can drive Parallax's vscode-lm adapter against a
 * real `vscode.lm` model. Needs `enabledApiProposals: ["chatProvider"]` and `--enable-proposed-api` for this extension.
 * It answers `ECHO: <last user message>` in a few chunks. Typed locally: the proposal is not in @types/vscode.
 */
import * as vscode from 'vscode';

export const ECHO_VENDOR = 'parallax-test';
export const ECHO_FAMILY = 'echo';
export const echoAnswer = (prompt: string): string => `ECHO: ${prompt}`;

interface ResponseFragment {
  index: number;
  part: vscode.LanguageModelTextPart;
}

interface ProposedChatModelProvider {
  provideLanguageModelResponse(
    messages: vscode.LanguageModelChatMessage[],
    options: unknown,
    extensionId: string,
    progress: vscode.Progress<ResponseFragment>,
    token: vscode.CancellationToken,
  ): Thenable<void>;
  provideTokenCount(text: string | vscode.LanguageModelChatMessage, token: vscode.CancellationToken): Thenable<number>;
}

interface ProposedModelMetadata {
  vendor: string;
  name: string;
  family: string;
  version: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  isUserSelectable?: boolean;
}

interface ProposedLm {
  registerChatModelProvider?: (id: string, provider: ProposedChatModelProvider, metadata: ProposedModelMetadata) => vscode.Disposable;
}

function messageText(message: vscode.LanguageModelChatMessage): string {
  return message.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

/** Registers the echo model; returns undefined when the proposed API is unavailable (say why in the test). */
export function registerEchoLanguageModel(): vscode.Disposable | undefined {
  const lm = vscode.lm as unknown as ProposedLm;
  if (typeof lm.registerChatModelProvider !== 'function') return undefined;
  return lm.registerChatModelProvider(
    'parallax-test-echo',
    {
      async provideLanguageModelResponse(messages, _options, _extensionId, progress, token) {
        const last = [...messages].reverse().find((m) => m.role === vscode.LanguageModelChatMessageRole.User);
        const words = echoAnswer(last ? messageText(last) : '').split(/(?<= )/);
        for (const word of words) {
          if (token.isCancellationRequested) return;
          progress.report({ index: 0, part: new vscode.LanguageModelTextPart(word) });
          await new Promise((resolve) => setImmediate(resolve));
        }
      },
      async provideTokenCount(text) {
        // Messages arrive here in VS Code's internal shape, not as LanguageModelChatMessage: count their JSON.
        const value = typeof text === 'string' ? text : JSON.stringify(text);
        return Math.ceil(value.length / 4);
      },
    },
    { vendor: ECHO_VENDOR, name: 'Parallax Test Echo', family: ECHO_FAMILY, version: '1', maxInputTokens: 100_000, maxOutputTokens: 10_000, isUserSelectable: true },
  );
}
