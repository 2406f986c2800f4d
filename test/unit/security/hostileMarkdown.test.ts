/**
 * Model output is hostile. The first sanitising layer (markdown-it with raw HTML off, link and image policy) must
 * hold on its own, in Node, for a corpus of known tricks: no script, no event handler, no remote fetch, no
 * dangerous link. (The second layer, DOMPurify, needs a DOM: test/e2e/sanitizer.e2e.ts runs it in Chromium.)
 */
import assert from 'node:assert/strict';
import { renderMarkdown } from '../../../src/webview/common/markdownRenderer';
import { ATTACKS, FORBIDDEN } from './hostileCorpus';



describe('security: hostile markdown renders to inert HTML', () => {
  for (const [name, markdown] of ATTACKS) {
    it(name, () => {
      const html = renderMarkdown(markdown);
      for (const [what, pattern] of FORBIDDEN) assert.doesNotMatch(html, pattern, `${what} in: ${html}`);
    });
  }

  it('the forbidden patterns do catch unsafe HTML (the check can fail)', () => {
    const unsafe = ['<script>x</script>', '<img src="https://e/x.gif">', '<a href="javascript:x">x</a>', '<p onclick="x">x</p>', '<iframe src="x">'];
    for (const html of unsafe) assert.ok(FORBIDDEN.some(([, pattern]) => pattern.test(html)), html);
  });

  it('keeps ordinary content: https links, inline data images, code', () => {
    const html = renderMarkdown('[docs](https://nodejs.org) ![dot](data:image/png;base64,iVBORw0KGgo=)\n\n```ts\nconst a = 1 < 2;\n```');
    assert.match(html, /<a href="https:\/\/nodejs\.org"[^>]*rel="noopener noreferrer"/);
    assert.match(html, /<img src="data:image\/png;base64,/);
    assert.match(html, /<\/span> &lt; <span/, 'code is escaped');
  });
});
