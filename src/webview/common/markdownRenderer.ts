/**
 * Markdown → HTML for model answers, which are hostile input. This is the first of two layers (DOMPurify in the
 * browser is the second, see htmlSanitizer.ts), and it holds on its own:
 * - raw HTML in the markdown is escaped (`html: false`);
 * - links are kept only for http(s) and mailto; anything else (javascript:, file:, vscode:, relative) stays text;
 * - images are never rendered unless they are inline `data:image/…` URIs: a remote image becomes its alt text, so
 *   an answer cannot make the webview fetch anything;
 * - links get `rel="noopener noreferrer"`.
 * Pure: no DOM needed, so it is unit-tested in Node.
 */
import MarkdownIt from 'markdown-it';
import { canHighlight, highlightCode } from './codeHighlighter';

const allowedLink = /^(?:https?:|mailto:)/i;
const inlineImage = /^data:image\/(?:png|gif|jpeg|webp);/i;

const md: MarkdownIt = new MarkdownIt({
  html: false,
  linkify: true,
  breaks: false,
  highlight: (code, language) => {
    if (!canHighlight(language)) return '';
    // Over the highlighter's size limit the block keeps its shape (pre.hljs > code), escaped and uncoloured.
    const highlighted = highlightCode(code, language) ?? md.utils.escapeHtml(code);
    return `<pre class="hljs"><code class="language-${md.utils.escapeHtml(language)}">${highlighted}</code></pre>`;
  },
});

md.validateLink = (url: string): boolean => {
  const trimmed = url.trim();
  return allowedLink.test(trimmed) || inlineImage.test(trimmed);
};

md.renderer.rules.image = (tokens, idx) => {
  const token = tokens[idx];
  if (!token) return '';
  const src = token.attrGet('src') ?? '';
  const alt = token.children ? md.renderer.renderInlineAsText(token.children, md.options, {}) : token.content;
  if (!inlineImage.test(src)) return `<span class="blocked-image">[image: ${md.utils.escapeHtml(alt)}]</span>`;
  return `<img src="${md.utils.escapeHtml(src)}" alt="${md.utils.escapeHtml(alt)}">`;
};

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  if (token) {
    const href = token.attrGet('href') ?? '';
    // validateLink admits data:image for images; a link must never point at one.
    if (!allowedLink.test(href)) token.attrSet('href', '#');
    token.attrSet('rel', 'noopener noreferrer');
    if (!token.attrGet('title')) token.attrSet('title', href);
  }
  return self.renderToken(tokens, idx, options);
};

/** Renders a (possibly partial, still streaming) markdown answer to HTML that is safe before sanitising. */
export function renderMarkdown(markdown: string): string {
  return md.render(markdown);
}
