/**
 * Child process for the crash test: appends large run records to the log given as argv[2] until it is killed.
 * Run with `node --import tsx test/unit/prefs/appendLoop.ts <file>`.
 */
import { PreferenceLog } from '../../../src/core/prefs/preferenceLog';
import { sampleRun } from './sampleRuns';

async function appendForever(filePath: string): Promise<void> {
  const log = new PreferenceLog(filePath);
  const filler = 'let x = 1;\n'.repeat(30_000);
  for (let i = 0; ; i++) {
    await log.append(sampleRun({ id: `run-${i}`, texts: { a: `${i}:${filler}`, b: filler, c: filler } }));
  }
}

const filePath = process.argv[2];
if (!filePath) throw new Error('usage: appendLoop.ts <log file>');
appendForever(filePath).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
