/**
 * Keeps a scrolling answer at its bottom while its content grows, unless the user scrolled away from the bottom.
 * The content stays in normal flow and the scroller's offset follows it (set from a ResizeObserver, when layout is
 * already done, so nothing forces an extra layout): Chromium then scrolls the painted content instead of
 * repainting all of it, and only the new lines are painted. Scrolling back to the bottom pins it again.
 */
export class BottomPin {
  private atBottom = true;
  private observer: ResizeObserver | undefined;

  constructor(private readonly scroller: HTMLElement, private readonly content: HTMLElement) {
    scroller.addEventListener('scroll', () => {
      this.atBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - PIN_SLACK_PX;
    }, { passive: true });
  }

  /** Follows the content's growth from now on (from the bottom). */
  start(): void {
    if (this.observer) return;
    this.atBottom = true;
    this.observer = new ResizeObserver(() => {
      if (this.atBottom) this.scroller.scrollTop = this.scroller.scrollHeight;
    });
    this.observer.observe(this.content);
  }

  /** Leaves the scroll position where it is. */
  stop(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }
}

/** How close to the bottom counts as at the bottom (sub-pixel offsets, a line of slack). */
const PIN_SLACK_PX = 24;
