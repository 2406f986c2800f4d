/**
 * Webview shell and rendering paths: a strict CSP with a fresh ≥128-bit nonce on every HTML load, every webview
 * built from that shell, HTML from model output only through the sanitiser, zod in CSP-safe mode, and every
 * message listener validating what it receives.
 */
import assert from 'node:assert/strict';
import { webviewHtml, createNonce } from '../../../src/host/webviews/webviewHtml';
import { findCalls, sourceFiles } from './sourceScan';

function page(nonce = createNonce()): string {
  return webviewHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce,
    title: 'Parallax',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/results.js',
    styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/media/results.css'],
  });
}

function cspOf(html: string): Map<string, string[]> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  assert.ok(content, 'the page has a CSP meta tag');
  const decoded = content.replace(/&#39;/g, "'").replace(/&#38;/g, '&');
  return new Map(decoded.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
}

describe('security: webview shell', () => {
  it("emits default-src 'none', no connections, no unsafe sources, and scripts only by nonce", () => {
    const html = page();
    const csp = cspOf(html);
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('connect-src'), ["'none'"]);
    const script = csp.get('script-src') ?? [];
    assert.equal(script.length, 1);
    assert.match(script[0] ?? '', /^'nonce-[A-Za-z0-9+/]+=*'$/);
    for (const values of csp.values()) {
      for (const value of values) {
        assert.doesNotMatch(value, /unsafe-|^\*$|^https?:$|^http:/, `source ${value}`);
      }
    }
  });

  it('uses a fresh nonce of at least 128 bits on every load, on every script and stylesheet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const html = page();
      const nonce = /'nonce-([^']+)'/.exec([...cspOf(html).get('script-src') ?? []].join(' '))?.[1] ?? '';
      assert.ok(Buffer.from(nonce, 'base64').length >= 16, `nonce ${nonce} is at least 128 bits`);
      assert.ok(!seen.has(nonce), 'nonces never repeat');
      seen.add(nonce);
      const tags = html.match(/<(?:script|link)\b[^>]*>/g) ?? [];
      assert.ok(tags.length >= 2);
      for (const tag of tags) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
    }
  });

  it('has no inline script body', () => {
    for (const body of page().match(/<script\b[^>]*>([\s\S]*?)<\/script>/g) ?? []) assert.match(body, /<script\b[^>]*><\/script>/);
  });
});

describe('security: webview code paths (static checks of src/)', () => {
  const host = sourceFiles('src/host');
  const webview = sourceFiles('src/webview');

  it('every webview HTML is the nonce + CSP shell (bundleHtml)', () => {
    const assignments = host.flatMap((f) => [...f.text.matchAll(/\.html\s*=\s*([^;]+);/g)].map((m) => ({ file: f.path, rhs: m[1] ?? '' })));
    assert.ok(assignments.length >= 3, `found ${assignments.length} webview html assignments`);
    assert.deepEqual(assignments.filter((a) => !/^bundleHtml\(/.test(a.rhs.trim())), []);
  });

  it('webview options never enable command URIs or forms', () => {
    const offenders = host.filter((f) => /enableCommandUris\s*:\s*true|enableForms\s*:\s*true/.test(f.text)).map((f) => f.path);
    assert.deepEqual(offenders, []);
  });

  it('HTML reaches the DOM only through the sanitiser', () => {
    const sinks = webview.flatMap((f) =>
      [...f.text.matchAll(/\.(?:innerHTML|outerHTML)\s*=\s*([^;]+);|insertAdjacentHTML\([^,]+,\s*([^;]+)\);/g)].map((m) => ({ file: f.path, value: (m[1] ?? m[2] ?? '').trim() })),
    );
    assert.ok(sinks.length > 0, 'the scan finds the HTML sinks');
    const unsafe = sinks.filter((s) => !/^(?:toSafeHtml|sanitizeHtml)\(|^''$|^""$/.test(s.value) && !/\?\s*(?:toSafeHtml|sanitizeHtml)\([^:]*:\s*''$/.test(s.value));
    assert.deepEqual(unsafe, []);
  });

  it('every webview entry loads zod in CSP-safe (jitless) mode before anything else', () => {
    const entries = webview.filter((f) => f.path.endsWith('/main.ts'));
    assert.ok(entries.length >= 3);
    const wrong = entries.filter((f) => /from 'zod'|protocol'/.test(f.text) && !/^import '\.\.\/common\/cspSafeZod';$/m.test(f.text.split('\n').find((l) => l.startsWith('import')) ?? ''));
    assert.deepEqual(wrong.map((f) => f.path), []);
  });

  it('the listener check flags a listener that acts on the raw message', () => {
    const file = 'class P {\n  private receive(raw: unknown): void {\n    this.handlers.onMessage(raw as Msg);\n  }\n}';
    assert.equal(listenerValidates(file, '(raw: unknown) => this.receive(raw)'), false);
    assert.equal(listenerValidates(file.replace('this.handlers', 'parseMessage(schema, raw); this.handlers'), '(raw: unknown) => this.receive(raw)'), true);
  });

  it('every message listener validates what it receives with the protocol schemas', () => {
    const files = [...host, ...webview];
    const listeners = files.flatMap((f) =>
      [...findCalls(f.text, /\bwebview\.onDidReceiveMessage/), ...findCalls(f.text, /addEventListener/).filter((c) => /^\s*'message'/.test(c.args))].map((c) => ({ file: f, args: c.args })),
    );
    assert.ok(listeners.length >= 4, `found ${listeners.length} listeners`);
    const unvalidated = listeners.filter((l) => !listenerValidates(l.file.text, l.args)).map((l) => `${l.file.path}: ${l.args.slice(0, 80)}`);
    assert.deepEqual(unvalidated, []);
  });

  it("the host's own onDidReceiveMessage events re-raise only what a validating webview channel parsed", () => {
    // Listeners of these (e.g. the results panel's, in extensionWiring) get parsed messages, not the raw webview value.
    const own = host.flatMap((f) => [...f.text.matchAll(/readonly onDidReceiveMessage\b[^=;]*(?:=\s*([^;\n]+))?;/g)].map((m) => ({ path: f.path, init: m[1]?.trim() })));
    assert.ok(own.length >= 2, `found ${own.length} host events`);
    const assigned = (path: string): string[] =>
      [...(host.find((f) => f.path === path)?.text ?? '').matchAll(/this\.onDidReceiveMessage\s*=\s*([^;\n]+);/g)].map((m) => m[1]!.trim());
    const sources = own.flatMap((o) => (o.init ? [`${o.path}: ${o.init}`] : assigned(o.path).map((v) => `${o.path}: ${v}`)));
    assert.ok(sources.length >= own.length, sources.join('\n'));
    const unknown = sources.filter((s) => !/webviewChannel\.ts: this\.received\.event$|: this\.channel\.onDidReceiveMessage$/.test(s));
    assert.deepEqual(unknown, []);
    const channel = host.find((f) => f.path.endsWith('webviews/webviewChannel.ts'));
    assert.ok(channel && listenerValidates(channel.text, '(raw: unknown) => this.receive(raw)'), 'the channel parses before it fires');
  });
});

/** True when a listener parses inline, or hands the raw value to a method of the same file that parses it. */
function listenerValidates(fileText: string, listenerArgs: string): boolean {
  const validates = /parseMessage\(|safeParse\(/;
  if (validates.test(listenerArgs)) return true;
  const method = /=>\s*(?:void\s+)?(?:this\.)?(\w+)\(/.exec(listenerArgs)?.[1];
  if (!method) return false;
  const body = new RegExp(`(?:private|public|async|function)\\s+(?:async\\s+)?${method}\\s*\\([^)]*\\)[^{]*\\{([\\s\\S]*?)\\n  \\}`).exec(fileText)?.[1] ?? '';
  return validates.test(body);
}
