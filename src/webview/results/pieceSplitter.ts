/**
 * Where streamed content goes in a long answer's DOM: into the current piece, or into a new one once the current
 * piece holds `limit` characters. Keeping a growing answer in many small pieces (instead of one growing element or
 * text node) makes each frame's work proportional to what arrived, not to the answer: the browser lays out only the
 * piece that changed, and off-screen pieces are skipped (results.css `content-visibility`).
 * - `place(text)` keeps units whole (a rendered segment of stable HTML).
 * - `placeLines(text)` cuts only after a newline, so a line of code never spans two pieces (each piece is a block).
 * Pure: the caller creates the elements.
 */
export interface Placement {
  /** Start a new piece before appending `text`. */
  newPiece: boolean;
  text: string;
}

export class PieceSplitter {
  private filled = 0;
  private started = false;
  private atLineStart = true;

  constructor(private readonly limit: number) {}

  /** Forgets the pieces (the element they were in was emptied): the next text starts a new piece. */
  reset(): void {
    this.filled = 0;
    this.started = false;
    this.atLineStart = true;
  }

  /** One whole unit: a new piece when there is none yet or the current one is full. */
  place(text: string): Placement[] {
    const newPiece = this.startPiece(this.filled >= this.limit);
    this.filled += text.length;
    return [{ newPiece, text }];
  }

  /** Text cut after the first newline that fills a piece; a piece only ever starts at the start of a line. */
  placeLines(text: string): Placement[] {
    const out: Placement[] = [];
    let rest = text;
    while (rest !== '') {
      const newPiece = this.startPiece(this.filled >= this.limit && this.atLineStart);
      const need = this.limit - this.filled;
      const cut = rest.length >= need ? rest.indexOf('\n', Math.max(0, need - 1)) : -1;
      const part = cut === -1 ? rest : rest.slice(0, cut + 1);
      out.push({ newPiece, text: part });
      this.filled += part.length;
      this.atLineStart = part.endsWith('\n');
      rest = rest.slice(part.length);
    }
    return out;
  }

  private startPiece(full: boolean): boolean {
    if (this.started && !full) return false;
    this.started = true;
    this.filled = 0;
    return true;
  }
}
