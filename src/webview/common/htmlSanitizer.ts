/**
 * The second layer over rendered markdown (browser only): DOMPurify with the same policy as markdownRenderer.ts, so
 * that even a bug in the first layer cannot inject script, remote images or odd links into the webview.
 */
import DOMPurify from 'dompurify';

const allowedLink = /^(?:https?:|mailto:)/i;
const inlineImage = /^data:image\/(?:png|gif|jpeg|webp);/i;

/** Media elements fetch from their URLs on their own: they are forbidden, and any URL on them is removed first. */
const MEDIA_TAGS = new Set(['VIDEO', 'AUDIO', 'SOURCE', 'TRACK', 'PICTURE']);
const MEDIA_URL_ATTRS = ['src', 'poster', 'srcset', 'href', 'data'];

/** The policy's hook: media removed, only inline images, links only http(s)/mailto and never opening a window. */
function enforcePolicy(node: Element): void {
  if (MEDIA_TAGS.has(node.tagName)) {
    for (const attr of MEDIA_URL_ATTRS) node.removeAttribute(attr);
    node.remove();
    return;
  }
  if (node.tagName === 'IMG') {
    if (!inlineImage.test(node.getAttribute('src') ?? '')) node.remove();
    return;
  }
  if (node.tagName === 'A') {
    const href = node.getAttribute('href');
    if (href !== null && !allowedLink.test(href)) node.removeAttribute('href');
    node.setAttribute('rel', 'noopener noreferrer');
    node.removeAttribute('target');
  }
}

const POLICY = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math', 'video', 'audio', 'source', 'track', 'picture', 'base', 'link', 'meta'],
  FORBID_ATTR: ['style', 'srcset', 'poster', 'formaction', 'action', 'background'],
};

/**
 * A second DOMPurify instance with the same policy and hook that returns the sanitised nodes instead of a string:
 * streaming renders then parse each piece once (no serialising and re-parsing through innerHTML).
 */
const fragmentPurifier = DOMPurify(window);
for (const purifier of [DOMPurify, fragmentPurifier]) purifier.addHook('afterSanitizeAttributes', enforcePolicy);
// Set once: passing the config on every call would make DOMPurify re-parse it for each streaming render.
DOMPurify.setConfig(POLICY);
fragmentPurifier.setConfig({ ...POLICY, RETURN_DOM_FRAGMENT: true });

/** Sanitised HTML, safe to assign to `innerHTML`. */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html);
}

/** Sanitised nodes (same policy as sanitizeHtml), ready to append. */
export function sanitizeToFragment(html: string): DocumentFragment {
  // Nothing to sanitise (DOMPurify would still build a document for it).
  if (html === '') return document.createDocumentFragment();
  const fragment: unknown = fragmentPurifier.sanitize(html);
  if (!(fragment instanceof DocumentFragment)) throw new Error('the sanitiser did not return a fragment');
  return fragment;
}
