/**
 * Smaller webview hardening from the review: CSP `form-action 'none'` and `base-uri 'none'`, webviews with forms
 * off, and the DOMPurify policy forbidding media elements (video, audio, source…) that would fetch remote URLs.
 * DOMPurify needs a DOM, so its policy is checked in the source here; the e2e XSS corpus runs it for real.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentSecurityPolicy } from '../../../src/host/webviews/webviewHtml';
import { REPO_ROOT } from './sourceScan';

const read = (...parts: string[]): string => readFileSync(join(REPO_ROOT, ...parts), 'utf8');

describe('security: webview policy (forms, base URI, media)', () => {
  it("CSP has form-action 'none' and base-uri 'none'", () => {
    const directives = new Map(contentSecurityPolicy('vscode-resource:', 'n0nce').split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
    assert.deepEqual(directives.get('form-action'), ["'none'"]);
    assert.deepEqual(directives.get('base-uri'), ["'none'"]);
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
  });

  it('every webview is built with enableForms: false (one options builder, used by every panel and view)', () => {
    const options = read('src', 'host', 'webviews', 'webviewResources.ts');
    assert.match(options, /enableForms:\s*false/);
    assert.match(options, /enableScripts:\s*true/);
  });

  it('the sanitiser forbids video, audio, source, track and picture, and strips their URLs first', () => {
    const sanitizer = read('src', 'webview', 'common', 'htmlSanitizer.ts');
    const forbidden = /FORBID_TAGS:\s*\[([^\]]*)\]/.exec(sanitizer)?.[1] ?? '';
    for (const tag of ['video', 'audio', 'source', 'track', 'picture', 'iframe', 'object', 'embed', 'form', 'base']) {
      assert.ok(forbidden.includes(`'${tag}'`), `${tag} is forbidden`);
    }
    const forbiddenAttrs = /FORBID_ATTR:\s*\[([^\]]*)\]/.exec(sanitizer)?.[1] ?? '';
    for (const attr of ['srcset', 'poster', 'formaction']) assert.ok(forbiddenAttrs.includes(`'${attr}'`), attr);
    assert.match(sanitizer, /MEDIA_TAGS = new Set\(\['VIDEO', 'AUDIO', 'SOURCE'/);
  });
});
