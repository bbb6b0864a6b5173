// Text from corpus files shown in a webview page: always escaped, so a sidecar can never put
// markup or a script into it (the pages also run under a nonce-based content security policy).

/** The text as HTML character data or attribute value: `& < > " '` become numeric references. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A webview page: a content security policy that allows only this page's own style and script
 * (by nonce), the style, the body, and the one script every page runs: a click on an element
 * with `data-uri` (and `data-id`) asks the extension to show that item in its article.
 */
export function webviewPage(nonce: string, style: string, body: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<style nonce="${nonce}">
${style}
</style></head><body>${body}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const link = event.target.closest('[data-uri]');
  if (link) vscode.postMessage({ reveal: { uri: link.dataset.uri, id: link.dataset.id } });
});
</script></body></html>`;
}
