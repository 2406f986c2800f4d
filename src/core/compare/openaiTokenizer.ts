/**
 * OpenAI's o200k_base tokenizer (gpt-tokenizer), loaded on first use only: its ranks are large, so nothing loads
 * them at activation. The release build bundles it apart (dist/tokenizer-o200k.js, see esbuild.mjs) and this
 * dynamic import loads that file when the first estimate is computed.
 * A failed load is remembered as "no tokenizer": estimates fall back to the heuristic and say so.
 */
import type { TokenCounter } from './runEstimate';

let loading: Promise<TokenCounter | undefined> | undefined;

export function loadOpenAiTokenizer(): Promise<TokenCounter | undefined> {
  loading ??= import('gpt-tokenizer/encoding/o200k_base').then(
    (tokenizer): TokenCounter => {
      // Text that looks like a special token (`<|endoftext|>` in a file) is counted as text, never refused.
      const plain = { disallowedSpecial: new Set<string>() };
      return (text) => tokenizer.countTokens(text, plain);
    },
    () => undefined,
  );
  return loading;
}
