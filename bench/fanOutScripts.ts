/** What the fake models of the request rows answer, and how fast: shared by the bench and its fakes' process. */
import type { FakeProviders } from '../src/demo/fakeProviders';

export const FAN_OUT_MODELS = 8;
export const PACED_TOKENS = 20;
export const FAST_TOKENS = 3_000;
export const PACED_TEXT = Array.from({ length: PACED_TOKENS }, (_, i) => `word${i}`).join(' ');
export const FAST_TEXT = Array.from({ length: FAST_TOKENS }, (_, i) => `t${i}`).join(' ');
/** TTFT 100–800 ms and 20–200 tok/s; the last model is the slowest (800 ms + 19 × 50 ms). */
const SPEEDS = [200, 150, 120, 90, 60, 45, 30, 20];
export const paced = (i: number): string => `paced${i}`;
export const fast = (i: number): string => `fast${i}`;
export const SLOWEST = paced(FAN_OUT_MODELS - 1);

export function scriptFanOutModels(fakes: FakeProviders): void {
  for (let i = 0; i < FAN_OUT_MODELS; i++) {
    fakes.setScript(paced(i), { text: PACED_TEXT, firstTokenDelayMs: 100 + 100 * i, tokensPerSecond: SPEEDS[i] ?? 20, usage: { input: 4, output: PACED_TOKENS } });
    fakes.setScript(fast(i), { text: FAST_TEXT, usage: { input: 4, output: FAST_TOKENS } });
  }
}
