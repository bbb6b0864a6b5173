// Text from corpus files shown in a webview page: always escaped, so a sidecar can never put
// markup or a script into it (the pages also run under a nonce-based content security policy).

/** The text as HTML character data or attribute value: `& < > " '` become numeric references. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
