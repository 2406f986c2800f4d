/**
 * The fake providers for the request rows, in a process of their own (started by fakesProcess.ts with `fork`), as
 * real providers are: the engine's work in the bench's process must not delay the servers' timers, nor the
 * servers' work count as the engine's CPU.
 */
import { startFakeProviders } from '../src/demo/fakeProviders';
import { scriptFanOutModels } from './fanOutScripts';

void (async () => {
  const fakes = await startFakeProviders({});
  scriptFanOutModels(fakes);
  process.send?.({ type: 'listening', openaiBaseUrl: fakes.openaiBaseUrl });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stop') void fakes.close().then(() => process.exit(0));
  });
})();
