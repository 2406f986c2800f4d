// A tiny agent for the unit tests: prints JSON-line events (an AgentEvent per line), edits files in its working
// directory, and misbehaves on request. Mode: the first argument.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const [mode, arg] = process.argv.slice(2);
const say = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
const forever = () => globalThis.setInterval(() => undefined, 1 << 30);

switch (mode) {
  case 'fix': {
    say({ type: 'init', model: 'fake-agent-1' });
    say({ type: 'turn', index: 0 });
    const task = readFileSync(arg, 'utf8');
    say({ type: 'message', text: `Read a task of ${task.length} characters.` });
    const file = 'src/pagination.js';
    writeFileSync(file, readFileSync(file, 'utf8').replace('pageSize - 1', 'pageSize'));
    say({ type: 'tool', name: 'Edit', summary: `edited ${file}` });
    writeFileSync('NOTES.md', 'new file by the agent\n');
    say({ type: 'tool', name: 'Write', summary: 'wrote NOTES.md' });
    process.stdout.write('this is not json\n');
    say({ type: 'usage', inputTokens: 1200, outputTokens: 80, costUsd: 0.0123, estimated: false });
    say({ type: 'result', ok: true, text: 'Fixed the off-by-one.' });
    break;
  }
  case 'env':
    say({ type: 'message', text: JSON.stringify(process.env) });
    break;
  case 'fail':
    say({ type: 'message', text: 'about to fail' });
    process.stderr.write('fatal: the fake agent failed on purpose\n');
    process.exit(3);
    break;
  case 'hang':
    say({ type: 'init' });
    forever();
    break;
  case 'grandchild': {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => undefined, 1 << 30)'], { stdio: 'ignore' });
    writeFileSync(arg, String(child.pid));
    say({ type: 'message', text: `grandchild ${child.pid}` });
    forever();
    break;
  }
  case 'flood':
    for (let i = 0; i < 10000; i++) say({ type: 'message', text: 'x'.repeat(100) });
    forever();
    break;
  // Plain-text output (the `command` profile), as a simple agent script would print it.
  case 'plain-fix':
  case 'plain-stuck': {
    const file = 'src/pagination.js';
    console.log(`Reading ${file} for the task (${readFileSync(arg, 'utf8').length} characters).`);
    const fixed = mode === 'plain-fix' ? 'pageSize' : '(pageSize - 1)';
    writeFileSync(file, readFileSync(file, 'utf8').replace('pageSize - 1', fixed));
    console.log(`Edited ${file}: the end of the page is now start + ${fixed}.`);
    break;
  }
  case 'plain-slow': {
    console.log('Thinking about the task…');
    const child = spawn(process.execPath, ['-e', 'setInterval(() => undefined, 1 << 30)'], { stdio: 'ignore' });
    writeFileSync(arg, JSON.stringify({ agent: process.pid, grandchild: child.pid }));
    // A working agent keeps reporting, so the run's idle watchdog leaves it running until it is cancelled.
    globalThis.setInterval(() => console.log('Still thinking…'), 2000);
    break;
  }
  default:
    process.exit(64);
}
