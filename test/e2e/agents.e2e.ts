/**
 * Agents as contestants (issue 11) in the real VS Code: a second window on the fixture repository, one plain fake
 * model and agents from the user settings, each in its own checkout. Each agent asks once (a modal naming the
 * program), streams its steps, ends with its checkout's diff as a patch set, and Verify checks it (one passes, one
 * still fails). A slow agent is cancelled from its column: the agent and the grandchild it started are gone (by
 * pid). The user's `git status` is unchanged and no checkout is left.
 *
 * The first test runs the real Claude Code and Codex binaries (node_modules/.bin, set in `parallax.agents.paths`)
 * against the fake servers, which script their tool-use turns; the second runs `command` profile agents (a node
 * script, test/unit/agents/fakeAgent.mjs) and cancels one mid-run.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerWith, entryFor, type LoopModel, streamed } from './harness/loopModels';
import { paletteTitleOf } from './harness/manifest';
import { columnOf, readColumns, resultsFrameWith, waitForStates } from './harness/resultsFrame';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';
import { repoState, verifyAllConfirmed, waitForVerifyStates } from './harness/verifyColumns';
import { screenshotFocused } from './harness/focusShot';
import { SecondWindow } from './harness/secondWindow';
import { Workbench } from './harness/workbench';
import { BUGGY_FILE, FIXED_LINES, gitIn, makeVerifyRepo } from '../unit/verify/verifyRepoFixture';
import { E2E_FAKE_KEY_ENV } from './harness/e2eModels';

/** Agents take longer than the session's 60 s model limit: checkouts, confirmations and a slow agent kept until cancelled. */
const AGENT_LIMITS = { firstTokenMs: 60_000, idleMs: 60_000, totalMs: 280_000 };
const FAKE_AGENT = join(__dirname, '..', 'unit', 'agents', 'fakeAgent.mjs');
const BIN = join(__dirname, '..', '..', 'node_modules', '.bin');
const BUGGY = '  const end = start + pageSize - 1;';
const PLAIN: LoopModel = { id: 'plain-gpt', label: 'Plain GPT', model: 'plain-gpt-1', provider: 'openai-compatible' };
const SELECTED: readonly [number, number] = [6, 7];

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function acceptAgentConfirmations(window: Workbench, names: readonly string[], program: (name: string) => string): Promise<void> {
  const dialog = window.page.locator('.monaco-dialog-box');
  for (const name of names) {
    await waitFor(async () => (await dialog.isVisible()) && ((await dialog.textContent()) ?? '').includes(`Run ${name} as an agent?`), { what: `the confirmation of ${name}`, timeoutMs: 30_000 });
    const text = (await dialog.textContent()) ?? '';
    assert.ok(text.includes(program(name)), `the confirmation names the program: ${text}`);
    assert.match(text, /temporary checkout/);
    await dialog.getByRole('button', { name: 'Allow and Run' }).click();
    await waitFor(async () => !((await dialog.textContent().catch(() => '')) ?? '').includes(`Run ${name} as an agent?`), { what: `the confirmation of ${name} to close`, timeoutMs: 15_000 });
  }
}

async function verifyAll(window: Workbench, frame: Awaited<ReturnType<typeof resultsFrameWith>>, expected: Record<string, string>): Promise<void> {
  await verifyAllConfirmed(window, frame);
  await waitForVerifyStates(frame, expected);
}

describe('agents as contestants: Claude Code, Codex and command agents beside a model', () => {
  let scene: SecondWindow | undefined;

  /** A fresh scene per test: its own temporary fixture repository, settings and window. */
  async function freshScene(): Promise<SecondWindow> {
    await scene?.dispose();
    scene = new SecondWindow(e2e(), 'parallax-e2e-agents-');
    return scene;
  }

  after(async function () {
    this.timeout(60_000);
    await scene?.dispose();
  });

  it('Claude Code and Codex (the real binaries) beside a plain model: each column streams its steps and ends with a patch set; Verify passes Claude Code’s and fails Codex’s; the user’s tree is unchanged', async function () {
    this.timeout(360_000);
    const session = e2e();
    const current = await freshScene();
    const { tmp, settings } = current;
    const repo = makeVerifyRepo(join(tmp, 'verify-repo'));
    writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
    const before = repoState(repo);
    const claude = join(BIN, 'claude');
    const codex = join(BIN, 'codex');
    session.fakes.setScript(PLAIN.model, streamed(100, 200, answerWith('`slice` excludes its end, so drop the `- 1`.', FIXED_LINES.split('\n'))));
    session.fakes.setScript('claude-sonnet-4-5', { agentTurns: [{ edit: { path: BUGGY_FILE, oldText: BUGGY, newText: '  const end = start + pageSize;' }, say: 'The end index is off by one.' }, { text: 'Fixed: slice excludes its end.' }] });
    session.fakes.setScript('gpt-5.5', { agentTurns: [{ edit: { path: BUGGY_FILE, oldText: BUGGY, newText: '  const end = start + (pageSize - 1);' }, say: 'Parenthesised the page size.' }, { text: 'Made the end clearer.' }] });
    const agents = [
      { id: 'claude-code', label: 'Claude Code', provider: 'agent', profile: 'claude-code', model: 'claude-sonnet-4-5', baseUrl: session.fakes.anthropicBaseUrl, apiKeyEnv: E2E_FAKE_KEY_ENV },
      { id: 'codex', label: 'Codex', provider: 'agent', profile: 'codex', model: 'gpt-5.5', baseUrl: session.fakes.openaiBaseUrl, apiKeyEnv: E2E_FAKE_KEY_ENV },
    ];
    settings.override({ 'parallax.models': [entryFor(session, PLAIN), ...agents], 'parallax.agents.paths': { 'claude-code': claude, codex }, 'parallax.blindMode': false, 'parallax.verify.concurrency': 2, 'parallax.limits': AGENT_LIMITS });

    const window = await current.open(repo);
    await window.openFile(BUGGY_FILE);
    await window.selectLines(...SELECTED);
    await window.runCommand(paletteTitleOf('parallax.compareFixes'));
    await acceptAgentConfirmations(window, ['Claude Code', 'Codex'], (name) => (name === 'Codex' ? codex : claude));

    const labels = [PLAIN.label, 'Claude Code', 'Codex'];
    const frame = await resultsFrameWith(window, labels, 60_000);
    await waitForStates(frame, Object.fromEntries(labels.map((l) => [l, 'done'])), 240_000);
    const columns = await readColumns(frame);
    for (const name of ['Claude Code', 'Codex']) {
      const answer = columns.find((c) => c.label === name)?.answer ?? '';
      assert.match(answer, /Changes in its checkout/, `${name} ends with its diff: ${answer.slice(-1500)}`);
      assert.match(answer, /src\/pagination\.js/);
    }
    await verifyAll(window, frame, { [PLAIN.label]: 'passed', 'Claude Code': 'passed', Codex: 'still failing' });
    assert.deepEqual(repoState(repo), before, 'the user’s git status and stash are unchanged');
    assert.match(readFileSync(join(repo, BUGGY_FILE), 'utf8'), /pageSize - 1/, 'the user’s file still has the bug');
    await waitFor(() => gitIn(repo, 'worktree', 'list').trim().split('\n').length === 1, { what: 'no checkout is left', timeoutMs: 30_000 });

    await window.runCommand('View: Toggle Primary Side Bar Visibility');
    await screenshotFocused(window, frame, 'agent-claude-code-codex');
    await current.dispose();
  });

  it('command agents beside a plain model: steps stream, each ends with a patch set that verifies (one passes, one fails), cancel leaves no agent process behind, the user’s tree is unchanged', async function () {
    this.timeout(300_000);
    const session = e2e();
    const current = await freshScene();
    const { tmp, settings } = current;
    const repo = makeVerifyRepo(join(tmp, 'verify-repo'));
    writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
    const before = repoState(repo);
    const pidFile = join(tmp, 'slow-agent.json');
    const agent = (id: string, label: string, mode: string, arg = '{taskFile}'): Record<string, unknown> => ({ id, label, provider: 'agent', profile: 'command', command: [process.execPath, FAKE_AGENT, mode, arg] });
    const agents = [agent('fixer-agent', 'Fixer Agent', 'plain-fix'), agent('stuck-agent', 'Stuck Agent', 'plain-stuck'), agent('slow-agent', 'Slow Agent', 'plain-slow', pidFile)];
    session.fakes.setScript(PLAIN.model, streamed(100, 200, answerWith('`slice` excludes its end, so drop the `- 1`.', FIXED_LINES.split('\n'))));
    settings.override({ 'parallax.models': [entryFor(session, PLAIN), ...agents], 'parallax.blindMode': false, 'parallax.verify.concurrency': 2, 'parallax.limits': AGENT_LIMITS });

    const window = await current.open(repo);
    await window.openFile(BUGGY_FILE);
    await window.selectLines(...SELECTED);
    await window.runCommand(paletteTitleOf('parallax.compareFixes'));

    await acceptAgentConfirmations(window, ['Fixer Agent', 'Stuck Agent', 'Slow Agent'], () => process.execPath);

    const labels = [PLAIN.label, 'Fixer Agent', 'Stuck Agent', 'Slow Agent'];
    const frame = await resultsFrameWith(window, labels, 60_000);
    await waitForStates(frame, { [PLAIN.label]: 'done', 'Fixer Agent': 'done', 'Stuck Agent': 'done', 'Slow Agent': 'streaming' }, 90_000);
    const columns = await readColumns(frame);
    const fixer = columns.find((c) => c.label === 'Fixer Agent')?.answer ?? '';
    assert.match(fixer, /Edited src\/pagination\.js: the end of the page is now start \+ pageSize\./, 'the agent’s steps are in its column');
    assert.match(fixer, /Changes in its checkout/);

    // The slow agent runs until cancelled from its column: then it and its grandchild are gone.
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '', { what: 'the slow agent to start its grandchild', timeoutMs: 30_000 });
    const pids = JSON.parse(readFileSync(pidFile, 'utf8')) as { agent: number; grandchild: number };
    assert.ok(isAlive(pids.agent) && isAlive(pids.grandchild));
    const cancel = frame.locator(`${columnOf('Slow Agent')} [data-testid="cancel-column"]`);
    await cancel.scrollIntoViewIfNeeded(); // the fourth column may sit past the panel's right edge
    await cancel.click();
    await waitForStates(frame, { [PLAIN.label]: 'done', 'Fixer Agent': 'done', 'Stuck Agent': 'done', 'Slow Agent': 'cancelled' }, 30_000);
    await waitFor(() => !isAlive(pids.agent) && !isAlive(pids.grandchild), { what: `agent ${pids.agent} and grandchild ${pids.grandchild} to be gone`, timeoutMs: 20_000 });

    await verifyAll(window, frame, { [PLAIN.label]: 'passed', 'Fixer Agent': 'passed', 'Stuck Agent': 'still failing' });

    assert.deepEqual(repoState(repo), before, 'the user’s git status and stash are unchanged');
    assert.match(readFileSync(join(repo, BUGGY_FILE), 'utf8'), /pageSize - 1/, 'the user’s file still has the bug');
    await waitFor(() => gitIn(repo, 'worktree', 'list').trim().split('\n').length === 1, { what: 'no checkout is left', timeoutMs: 30_000 });

    await window.runCommand('View: Toggle Primary Side Bar Visibility');
    await frame.locator(columnOf('Fixer Agent')).scrollIntoViewIfNeeded();
    await screenshotFocused(window, frame, 'agent-columns');
    await window.runCommand('View: Toggle Primary Side Bar Visibility');

    // The transcript opens as a read-only document.
    await window.runCommand(paletteTitleOf('parallax.openAgentTranscript'));
    const pick = window.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Fixer Agent' });
    await pick.first().click({ timeout: 20_000 });
    await waitFor(async () => (await window.tabLabels()).some((t) => t.includes('Fixer Agent transcript')), { what: 'the transcript tab', timeoutMs: 20_000 });
  });
});
