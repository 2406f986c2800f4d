/** The bench's fake providers in their own process (fakesProcessEntry.ts), scripted for the request rows. */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

export class FakesProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly openaiBaseUrl: string,
  ) {}

  static async start(): Promise<FakesProcess> {
    const child = fork(join(__dirname, 'fakesProcessEntry.ts'), [], { execArgv: ['--import', 'tsx'] });
    const [message] = (await once(child, 'message')) as [{ openaiBaseUrl: string }];
    return new FakesProcess(child, message.openaiBaseUrl);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.send({ type: 'stop' });
    await once(this.child, 'exit');
  }
}
