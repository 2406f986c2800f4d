/**
 * The webview's second sanitising layer (DOMPurify with Parallax's policy, src/webview/common/htmlSanitizer.ts) in a
 * real browser, on the hostile corpus of test/unit/security/hostileCorpus.ts: each attack as raw HTML (as if
 * markdown-it, the first layer, had let it through) and as rendered markdown. Nothing forbidden survives, an event
 * handler never runs once the result is in the live DOM, and the fragment path the streaming view uses gives exactly
 * what the string path gives.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { renderMarkdown } from '../../src/webview/common/markdownRenderer';
import { ATTACKS, FORBIDDEN } from '../unit/security/hostileCorpus';
import { e2e } from './harness/rootHooks';

interface Sanitised {
  name: string;
  input: string;
  viaString: string;
  viaFragment: string;
}

declare global {
  interface Window {
    parallaxSanitiser: { check(name: string, input: string): Sanitised };
    parallaxFired: string[];
  }
}

const src = join(__dirname, '..', '..', 'src', 'webview', 'common');

/** The sanitiser and the markdown renderer, bundled for the page as the webview bundles them. */
async function bundle(): Promise<string> {
  const entry = `
    import { sanitizeHtml, sanitizeToFragment } from ${JSON.stringify(join(src, 'htmlSanitizer'))};
    window.parallaxFired = [];
    window.parallaxSanitiser = {
      check(name, input) {
        const live = document.createElement('div');
        document.body.append(live);
        live.append(sanitizeToFragment(input));
        const viaFragment = live.innerHTML;
        // What the string path puts in the DOM (DOMPurify returns text without a '<' as it came, entities and all).
        live.innerHTML = sanitizeHtml(input);
        const viaString = live.innerHTML;
        return { name, input, viaString, viaFragment };
      },
    };`;
  const out = await esbuild.build({ stdin: { contents: entry, resolveDir: src, loader: 'ts' }, bundle: true, format: 'iife', platform: 'browser', write: false, logLevel: 'silent' });
  return out.outputFiles[0]?.text ?? '';
}

/** Every attack twice: as raw HTML, and as markdown-it's output for it. */
function inputs(): Array<[string, string]> {
  return ATTACKS.flatMap(([name, text]): Array<[string, string]> => [
    [`${name} (raw HTML)`, text],
    [`${name} (rendered markdown)`, renderMarkdown(text)],
  ]);
}

/** An attack whose handler would record that it ran. */
const FIRES = [
  '<img src="data:image/png;base64,iVBORw0KGgo=" onerror="parallaxFired.push(\'img\')" onload="parallaxFired.push(\'img-load\')">',
  '<svg><animate onbegin="parallaxFired.push(\'svg\')" attributeName="x" dur="1s"></animate></svg>',
  '<details open ontoggle="parallaxFired.push(\'details\')">x</details>',
  '<a href="javascript:parallaxFired.push(\'link\')" id="hostile-link">x</a>',
];

describe('security: the DOMPurify layer in a real browser', () => {
  let page: Page | undefined;

  before(async function () {
    this.timeout(60_000);
    const browser = e2e().workbench.page.context().browser() as Browser;
    page = await browser.newPage();
    await page.goto('about:blank');
    await page.addScriptTag({ content: await bundle() });
  });

  after(async () => {
    await page?.close();
  });

  it('leaves nothing forbidden from any hostile input, raw or rendered, and the fragment path equals the string path', async () => {
    const checked = await (page as Page).evaluate((all) => all.map(([name, input]) => window.parallaxSanitiser.check(name, input)), inputs());
    assert.equal(checked.length, ATTACKS.length * 2);
    for (const c of checked) {
      for (const [what, pattern] of FORBIDDEN) assert.doesNotMatch(c.viaString, pattern, `${c.name}: ${what} in ${c.viaString}`);
      assert.equal(c.viaFragment, c.viaString, `${c.name}: both paths give the same DOM`);
    }
    // Not vacuous: the raw inputs hold what the patterns forbid, and ordinary content survives.
    const raw = checked.filter((c) => c.name.endsWith('(raw HTML)'));
    assert.ok(raw.filter((c) => FORBIDDEN.some(([, p]) => p.test(c.input))).length >= 10, 'the raw corpus is hostile');
    const kept = await (page as Page).evaluate(() => window.parallaxSanitiser.check('ordinary', '<p>Fix <code>end</code>: <a href="https://nodejs.org">docs</a></p>'));
    assert.match(kept.viaString, /^<p>Fix <code>end<\/code>: <a href="https:\/\/nodejs\.org" rel="noopener noreferrer">docs<\/a><\/p>$/);
  });

  it('no event handler or script link runs once the sanitised nodes are in the live DOM', async () => {
    const p = page as Page;
    await p.evaluate((all) => all.forEach((html, i) => window.parallaxSanitiser.check(`fires ${i}`, html)), FIRES);
    // A clicked link would run a surviving javascript: URL; toggles and image loads are events of their own.
    const link = p.locator('a').last();
    if ((await link.getAttribute('href')) !== null) await link.click();
    await p.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    assert.deepEqual(await p.evaluate(() => window.parallaxFired), []);
    // The probe itself works: an unsanitised handler does fire.
    await p.evaluate(() => {
      const probe = document.createElement('div');
      probe.innerHTML = '<img src="data:image/png;base64,broken" onerror="parallaxFired.push(\'probe\')">';
      document.body.append(probe);
    });
    await p.waitForFunction(() => window.parallaxFired.includes('probe'), undefined, { timeout: 10_000 });
  });
});
