/**
 * Runs the fake providers as a process, for the e2e harness and `npm start`:
 *
 *   node --import tsx src/demo/cli.ts [--port 0] [--scripts scripts.json] [--api-key KEY]
 *
 * The scripts file is `{ "scripts"?: {model: script | script[]}, "defaultScript"?: script, "apiKey"?: string }`.
 * Prints one JSON line `{"url", "openaiBaseUrl", "anthropicBaseUrl"}` once listening; stops on SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startFakeProviders } from './fakeProviders';
import { scriptsFileSchema } from './fakeScriptSchema';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      scripts: { type: 'string' },
      'api-key': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);
  const file = values.scripts ? scriptsFileSchema.parse(JSON.parse(readFileSync(values.scripts, 'utf8'))) : {};

  const fakes = await startFakeProviders({ ...file, port, apiKey: values['api-key'] ?? file.apiKey });
  process.stdout.write(`${JSON.stringify({ url: fakes.url, openaiBaseUrl: fakes.openaiBaseUrl, anthropicBaseUrl: fakes.anthropicBaseUrl })}\n`);

  const stop = (): void => {
    fakes.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`fake providers: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
