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

  /**
   * Follows the content's growth from now on (from the bottom), and the scroller's own resizing: when the stream
   * ends the column's header and buttons change, and an answer read at its bottom stays at its bottom. Once
   * started it keeps following as long as the user stays at the bottom; scrolling up leaves the place as it is.
   */
  start(): void {
    this.atBottom = true;
    if (this.observer) return;
    this.observer = new ResizeObserver(() => {
      if (this.atBottom) this.scroller.scrollTop = this.scroller.scrollHeight;
    });
    this.observer.observe(this.content);
    this.observer.observe(this.scroller);
  }
}

/** How close to the bottom counts as at the bottom (sub-pixel offsets, a line of slack). */
const PIN_SLACK_PX = 24;
