/** Builds a webview's options and HTML from the extension's bundled script and media files. */
import * as vscode from 'vscode';
import { createNonce, webviewHtml } from './webviewHtml';

/** Webviews may load only the webview bundles and media (css, codicons, icons), and submit no forms. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableForms: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** HTML for `dist/webview/<bundle>.js` with `media/codicons/codicon.css`, `media/<bundle>.css`. */
export function bundleHtml(webview: vscode.Webview, extensionUri: vscode.Uri, bundle: string, title: string): string {
  const uri = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
  return webviewHtml({
    cspSource: webview.cspSource,
    nonce: createNonce(),
    title,
    scriptUri: uri('dist', 'webview', `${bundle}.js`),
    styleUris: [uri('media', 'codicons', 'codicon.css'), uri('media', `${bundle}.css`)],
  });
}
