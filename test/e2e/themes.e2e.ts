import assert from 'node:assert/strict';
import { watchRuns } from './harness/companionOutput';
import { updateSettings } from './harness/editorProbes';
import { answerWith, BROKEN_GPT, CLAMPED_END, EXCLUSIVE_END, QUICK_GPT, restoreDefaultModels, SLOW_GPT, streamed, useScriptedModels } from './harness/loopModels';
import { resultsFrameWith, waitForStates } from './harness/resultsFrame';
import { compareAndWait } from './harness/compareSelection';
import { e2e } from './harness/rootHooks';
import { contrastRatio, differs } from './harness/colorContrast';
import { elementColors } from './harness/elementColors';
import { columnOf } from './harness/resultsFrame';

/** Themes to check, with the class VS Code puts on the workbench and on a webview's body for each. */
const THEMES = [
  { name: 'Default Light Modern', workbenchClass: 'vs', webviewClass: 'vscode-light', shot: 'theme-light' },
  { name: 'Default Dark Modern', workbenchClass: 'vs-dark', webviewClass: 'vscode-dark', shot: 'theme-dark' },
  { name: 'Default High Contrast', workbenchClass: 'hc-black', webviewClass: 'vscode-high-contrast', shot: 'theme-high-contrast' },
] as const;
const LABELS = [QUICK_GPT.label, SLOW_GPT.label, BROKEN_GPT.label];

describe('look and feel: the results panel in a light, a dark and a high-contrast theme', () => {
  before(async function () {
    this.timeout(120_000);
    const session = e2e();
    await watchRuns(session.outDir);
    await useScriptedModels(session, [
      [QUICK_GPT, streamed(100, 200, answerWith('The slice end is exclusive, so `- 1` drops the last item.', EXCLUSIVE_END))],
      [SLOW_GPT, streamed(150, 200, answerWith('Clamp the end to the item count.', CLAMPED_END))],
      [BROKEN_GPT, { delayMs: 100, fault: { type: 'status', status: 401 } }],
    ]);
    await compareAndWait(session);
  });
  after(async function () {
    this.timeout(60_000);
    const session = e2e();
    await updateSettings(session, { 'workbench.colorTheme': null });
    await restoreDefaultModels(session);
  });

  for (const theme of THEMES) {
    it(`renders with "${theme.name}"`, async () => {
      const session = e2e();
      const { workbench } = session;
      await updateSettings(session, { 'workbench.colorTheme': theme.name });
      await workbench.page.waitForSelector(`.monaco-workbench.${theme.workbenchClass}`, { timeout: 20_000 });
      const frame = await resultsFrameWith(workbench, LABELS);
      await frame.waitForSelector(`body.${theme.webviewClass}`, { timeout: 20_000 });
      await waitForStates(frame, { [QUICK_GPT.label]: 'done', [SLOW_GPT.label]: 'done', [BROKEN_GPT.label]: 'error' });
      // The theme's colours reach the panel: its text colour is the theme's foreground, not a hard-coded one.
      const colors = await frame.evaluate(() => {
        const style = getComputedStyle(document.body);
        return { text: style.color, background: style.backgroundColor, themeForeground: style.getPropertyValue('--vscode-foreground').trim() };
      });
      assert.notEqual(colors.themeForeground, '', 'the webview receives the theme variables');
      assert.notEqual(colors.text, colors.background, 'text and background differ');
      // Parallax's own elements are readable: code blocks, badges and buttons, by WCAG contrast.
      const quick = columnOf(QUICK_GPT.label);
      const checks = [
        { what: 'code block text', selector: `${quick} .answer pre`, min: 4.5 },
        { what: 'the "done" badge', selector: `${quick} [data-testid="state"]`, min: 3 },
        { what: 'the "error" badge', selector: `${columnOf(BROKEN_GPT.label)} [data-testid="state"]`, min: 3 },
        { what: 'the template badge', selector: '.toolbar .tag', min: 4.5 },
        { what: 'the primary Apply button', selector: `${quick} [data-testid="apply"]`, min: 4.5 },
        { what: 'a secondary button', selector: '[data-testid="blind-toggle"]', min: 4.5 },
      ];
      for (const check of checks) {
        const c = await elementColors(frame, check.selector);
        const ratio = contrastRatio(c.text, c.background);
        assert.ok(ratio >= check.min, `${theme.name}: ${check.what} has contrast ${ratio.toFixed(2)} (needs ${check.min})`);
      }
      const code = await elementColors(frame, `${quick} .answer pre`);
      assert.ok(code.borderWidth >= 1 && differs(code.border, code.surroundings), `${theme.name}: the code block has a visible border`);
      await workbench.screenshot(theme.shot);
    });
  }
});
