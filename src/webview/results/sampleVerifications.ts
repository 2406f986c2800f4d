/**
 * The shown run's checks, by column and by sample (Repeat N: each sample is checked on its own; 1 otherwise). A
 * column shows the check of the sample it shows, or none, never another sample's.
 */
import type { VerificationView } from '../../shared/verificationProtocol';

export class SampleVerifications {
  private readonly byColumn = new Map<string, Map<number, VerificationView>>();

  set(columnId: string, sample: number, view: VerificationView): void {
    const samples = this.byColumn.get(columnId) ?? new Map<number, VerificationView>();
    samples.set(sample, view);
    this.byColumn.set(columnId, samples);
  }

  of(columnId: string, sample: number): VerificationView | undefined {
    return this.byColumn.get(columnId)?.get(sample);
  }

  /** Some check is queued or running (the toolbar then offers to cancel). */
  get anyActive(): boolean {
    return [...this.byColumn.values()].some((samples) => [...samples.values()].some((v) => v.state === 'queued' || v.state === 'running'));
  }

  clear(): void {
    this.byColumn.clear();
  }
}
