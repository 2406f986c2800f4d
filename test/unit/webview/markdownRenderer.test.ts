import assert from 'node:assert/strict';
import { renderMarkdown } from '../../../src/webview/common/markdownRenderer';

describe('webview renderMarkdown (first layer against hostile answers)', () => {
  it('escapes raw HTML instead of passing it through', () => {
    const html = renderMarkdown('Hi <script>alert(1)</script> <img src=x onerror=alert(1)>');
    assert.ok(!html.includes('<script'), html);
    assert.ok(!html.includes('<img'), html);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), html);
  });

  it('drops javascript:, vbscript:, file:, vscode: and data: links (they stay text)', () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'vbscript:x', 'file:///etc/passwd', 'vscode:command/x', 'data:text/html,<b>x</b>']) {
      const html = renderMarkdown(`[click](${url})`);
      assert.ok(!/<a\s/i.test(html), `${url} became a link: ${html}`);
    }
  });

  it('never links a data:image URI even though images may use one', () => {
    const html = renderMarkdown('[d](data:image/png;base64,AAAA)');
    assert.ok(!html.includes('href="data:'), html);
  });

  it('keeps http(s) links, with rel="noopener noreferrer", and linkifies bare URLs', () => {
    const html = renderMarkdown('[docs](https://example.com/a) and see http://example.org/b');
    assert.match(html, /<a href="https:\/\/example\.com\/a"[^>]*rel="noopener noreferrer"/);
    assert.match(html, /<a href="http:\/\/example\.org\/b"[^>]*rel="noopener noreferrer"/);
  });

  it('replaces remote images with their alt text so nothing is fetched', () => {
    const html = renderMarkdown('![tracker](https://evil.example/pixel.png) ![rel](./local.png)');
    assert.ok(!html.includes('<img'), html);
    assert.ok(!html.includes('evil.example'), html);
    assert.ok(html.includes('[image: tracker]'), html);
  });

  it('keeps inline data:image images', () => {
    const html = renderMarkdown('![dot](data:image/png;base64,iVBORw0KGgo=)');
    assert.match(html, /<img src="data:image\/png;base64,iVBORw0KGgo=" alt="dot">/);
  });

  it('highlights known languages and escapes code either way', () => {
    const known = renderMarkdown('```ts\nconst a: number = 1 < 2 ? 1 : 0;\n```');
    assert.ok(known.includes('<span class="hljs-keyword">const</span>'), known);
    assert.ok(known.includes('&lt;'), known);
    const unknown = renderMarkdown('```nosuchlang\n<b onclick="x()">bold</b>\n```');
    assert.ok(!unknown.includes('<b '), unknown);
    assert.ok(unknown.includes('&lt;b onclick=&quot;x()&quot;&gt;'), unknown);
  });

  it('escapes a hostile fence info string', () => {
    const html = renderMarkdown('```ts"><script>x</script>\ncode\n```');
    assert.ok(!html.includes('<script'), html);
  });

  it('renders a partial (still streaming) answer without throwing', () => {
    const html = renderMarkdown('Here is the fix:\n\n```python\ndef f(x):\n    return [x for');
    assert.ok(html.includes('<pre'), html);
  });
});
