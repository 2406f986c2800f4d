/**
 * Commands the e2e harness drives with a request file, since palette commands take no arguments: the harness writes
 * `$PARALLAX_TEST_OUT/<name>-request.json` ({ id, ...payload }), runs the command, and waits for
 * `<name>-done.json` ({ id, result } or { id, error }).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export interface CompanionRequest {
  /** Echoed in the answer, so a stale answer is never mistaken for this one. */
  id: string;
}

export interface RequestFiles {
  outDir: () => string;
  writeJson: (path: string, value: unknown) => void;
}

export function registerRequestCommand<T extends CompanionRequest>(
  files: RequestFiles,
  command: string,
  name: string,
  handle: (request: T) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(command, async () => {
    const done = join(files.outDir(), `${name}-done.json`);
    let id: string | undefined;
    try {
      const request = JSON.parse(readFileSync(join(files.outDir(), `${name}-request.json`), 'utf8')) as T;
      id = request.id;
      files.writeJson(done, { id, result: (await handle(request)) ?? null });
    } catch (err) {
      files.writeJson(done, { id, error: err instanceof Error ? err.message : String(err) });
    }
  });
}
