/**
 * The three per-model timers the SDKs do not provide: no first token in time, too long between chunks,
 * too long overall. Each fires at most once, and only the first to fire counts. The total timer runs from the
 * attempt's start; the first-token timer from the moment the request is sent (after the provider is prepared).
 */
import type { RunLimits, TimeoutKind } from './runTypes';

/** setTimeout's ceiling; larger limits are treated as this. */
const MAX_TIMER_MS = 2_147_483_647;

export class StreamWatchdogs {
  private firstToken: ReturnType<typeof setTimeout> | undefined;
  private idle: ReturnType<typeof setTimeout> | undefined;
  private total: ReturnType<typeof setTimeout> | undefined;
  private streaming = false;
  private stopped = false;
  /** performance.now() of the latest chunk: the idle timer is armed once and, when it fires, re-armed for the rest. */
  private lastActivity = 0;

  constructor(
    private readonly limits: RunLimits,
    private readonly onTimeout: (kind: TimeoutKind) => void,
  ) {}

  /**
   * Arms the total watchdog (at attempt start, so it also bounds a provider's `prepare`). A limit that is not a
   * positive number disables its watchdog.
   */
  start(): void {
    if (this.stopped) return;
    this.total = this.arm('total', this.limits.totalMs);
  }

  /** The request went out: arms the first-token watchdog. */
  requestSent(): void {
    if (this.stopped || this.streaming) return;
    this.firstToken = this.arm('first-token', this.limits.firstTokenMs);
  }

  /** Any chunk from the provider. The first token switches from the first-token to the idle watchdog. */
  activity(isToken: boolean): void {
    if (this.stopped) return;
    if (!this.streaming && !isToken) return;
    this.lastActivity = performance.now();
    if (!this.streaming) {
      this.streaming = true;
      clearTimeout(this.firstToken);
      this.armIdle(this.limits.idleMs);
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.firstToken);
    clearTimeout(this.idle);
    clearTimeout(this.total);
  }

  /**
   * A timer per chunk would be a clearTimeout and a setTimeout per streamed event: instead the one timer, when it
   * fires, checks how long ago the latest chunk came and waits out the rest of the limit from there.
   */
  private armIdle(ms: number): void {
    const limit = this.limits.idleMs;
    if (!(limit > 0)) return;
    this.idle = setTimeout(() => {
      if (this.stopped) return;
      const quiet = performance.now() - this.lastActivity;
      if (quiet < limit) {
        this.armIdle(limit - quiet);
        return;
      }
      this.stop();
      this.onTimeout('idle');
    }, Math.min(Math.max(1, ms), MAX_TIMER_MS));
  }

  private arm(kind: TimeoutKind, ms: number): ReturnType<typeof setTimeout> | undefined {
    if (!(ms > 0)) return undefined;
    return setTimeout(() => {
      if (this.stopped) return;
      this.stop();
      this.onTimeout(kind);
    }, Math.min(ms, MAX_TIMER_MS));
  }
}
