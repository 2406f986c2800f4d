/** What a benchmark case is: one timed unit of work, checked so a broken case cannot look fast. */

export interface BenchCase<Ctx> {
  name: string;
  /** The case this one is compared with; its ratio is this case's median over the baseline's. */
  baseline?: string;
  /** One complete unit of work (a request, a fan-out, a streamed render); returns what it produced. */
  run(ctx: Ctx): Promise<string>;
  /** What `run` must produce; anything else stops the benchmark. */
  expected: string;
  /** The unit is made of this many smaller steps (e.g. chunks), reported per step as well. */
  steps?: { name: string; count: number };
}
