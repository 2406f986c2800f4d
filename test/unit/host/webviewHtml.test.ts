import assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, webviewHtml } from '../../../src/host/webviews/webviewHtml';

describe('webview HTML', () => {
  it('makes a fresh 128-bit base64 nonce each time', () => {
    const a = createNonce();
    const b = createNonce();
    assert.notEqual(a, b);
    assert.equal(Buffer.from(a, 'base64').length, 16);
  });

  it('has a strict CSP: nothing by default, scripts only by nonce, styles and fonts from the webview source', () => {
    const csp = contentSecurityPolicy('vscode-resource:', 'N0NCE');
    assert.match(csp, /^default-src 'none';/);
    assert.match(csp, /script-src 'nonce-N0NCE'(;|$)/);
    assert.match(csp, /style-src vscode-resource: 'nonce-N0NCE'/);
    assert.match(csp, /img-src vscode-resource: data:/);
    assert.match(csp, /font-src vscode-resource:/);
    assert.doesNotMatch(csp, /unsafe-(inline|eval)/);
  });

  it('loads the script by nonce, links styles, has the #app root and escapes what it embeds', () => {
    const html = webviewHtml({
      cspSource: 'https://x.vscode-cdn.net',
      nonce: 'abc+/=',
      title: 'A <b>"title"</b>',
      scriptUri: 'https://x/dist/webview/results.js?a=1&b=2',
      styleUris: ['https://x/media/codicons/codicon.css', 'https://x/media/results.css'],
    });
    assert.match(html, /<script nonce="abc\+\/=" src="https:\/\/x\/dist\/webview\/results\.js\?a=1&#38;b=2"><\/script>/);
    assert.equal((html.match(/<script/g) ?? []).length, 1, 'exactly one script, no inline code');
    assert.match(html, /<link rel="stylesheet" href="https:\/\/x\/media\/codicons\/codicon\.css"/);
    assert.match(html, /<div id="app"><\/div>/);
    assert.match(html, /<title>A &#60;b&#62;&#34;title&#34;&#60;\/b&#62;<\/title>/);
    assert.doesNotMatch(html, /style="/);
  });
});
