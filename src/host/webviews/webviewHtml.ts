/**
 * The HTML shell of every Parallax webview: a strict CSP with a per-load nonce, the codicon and page styles, one
 * script bundle and an `#app` root. No `vscode` import (unit-tested).
 */
import { randomBytes } from 'node:crypto';

export interface WebviewPage {
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  title: string;
  /** Webview URIs (`asWebviewUri(...).toString()`). */
  scriptUri: string;
  styleUris: readonly string[];
}

/** 128 random bits, base64: a fresh one for every HTML load. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
    // No form can post anywhere, and no <base> can re-point relative URLs.
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function webviewHtml(page: WebviewPage): string {
  const styles = page.styleUris.map((uri) => `    <link rel="stylesheet" href="${escapeHtml(uri)}" nonce="${page.nonce}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(page.cspSource, page.nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
    <title>${escapeHtml(page.title)}</title>
  </head>
  <body>
    <div id="app"></div>
    <script nonce="${page.nonce}" src="${escapeHtml(page.scriptUri)}"></script>
  </body>
</html>`;
}
