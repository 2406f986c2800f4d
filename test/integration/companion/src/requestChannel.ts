/**
 * How the e2e harness asks the companion for something, without the command palette (a palette row can be missed,
 * and test commands would show up in the user's palette and its screenshots): the harness writes
 * `<out>/requests/<id>.json` ({ id, kind, payload }, written under another name and renamed, so it is never read half
 * written); the companion takes it, runs the handler for `kind` and writes `<out>/responses/<id>.json` the same way
 * ({ id, result } or { id, error }). The folder is watched, and polled as a fallback for a missed watch event.
 */
import { type FSWatcher, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as vscode from 'vscode';

export interface ChannelRequest {
  id: string;
  kind: string;
  payload?: unknown;
}

export type RequestHandler = (payload: unknown) => unknown;

export function requestDir(outDir: string): string {
  return join(outDir, 'requests');
}

export function responseDir(outDir: string): string {
  return join(outDir, 'responses');
}

/** Writes `value` as JSON to `path` through a temporary file and a rename, so a reader never sees a partial file. */
export function writeJsonAtomic(path: string, value: unknown): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, path);
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function startRequestChannel(outDir: string, handlers: Readonly<Record<string, RequestHandler>>): vscode.Disposable {
  const requests = requestDir(outDir);
  const responses = responseDir(outDir);
  mkdirSync(requests, { recursive: true });
  mkdirSync(responses, { recursive: true });
  const taken = new Set<string>();

  const handle = async (name: string): Promise<void> => {
    const path = join(requests, name);
    const id = name.replace(/\.json$/, '');
    let answer: object;
    try {
      const request = JSON.parse(readFileSync(path, 'utf8')) as ChannelRequest;
      rmSync(path, { force: true });
      const handler = handlers[request.kind];
      if (!handler) throw new Error(`the companion has no handler for "${request.kind}"`);
      answer = { id, result: (await handler(request.payload)) ?? null };
    } catch (err) {
      answer = { id, error: describe(err) };
    }
    writeJsonAtomic(join(responses, `${id}.json`), answer);
  };

  const poll = (): void => {
    let names: string[];
    try {
      names = readdirSync(requests);
    } catch {
      return;
    }
    for (const name of names) {
      if (!name.endsWith('.json') || taken.has(name)) continue;
      taken.add(name);
      void handle(name);
    }
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(requests, () => poll());
  } catch {
    watcher = undefined; // the poll below still picks requests up
  }
  const timer = setInterval(poll, 200);
  poll();
  return {
    dispose: () => {
      clearInterval(timer);
      watcher?.close();
    },
  };
}
