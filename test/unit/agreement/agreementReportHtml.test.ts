import * as assert from 'node:assert/strict';
import { computeAgreement } from '../../../src/core/agreement/report';
import { renderAgreementPage } from '../../../src/core/agreement/reportHtml';
import type { Annotation } from '../../../src/core/model/types';

describe('the agreement report page', () => {
  const hostile = '<img src=x onerror="alert(1)">';
  const ann = (id: string, author: string, label: string, start: number, end: number): Annotation => ({ id, author, label, start, end, text: `${hostile}`.slice(0, end - start) });
  const report = computeAgreement([{
    id: 'file:///c/a"b.txt',
    text: `${hostile} and more text here`,
    sidecar: { version: 1, source: { file: 'a.txt' }, facts: [], annotations: [ann('1', hostile, '<b>PER', 0, 4), ann('2', 'budi', '<b>PER', 0, 6)] },
  }]);

  it('escapes every piece of corpus text: authors, labels, quotes, article ids', () => {
    const html = renderAgreementPage(report, { nonce: 'abc123', titles: new Map([['file:///c/a"b.txt', '<script>x</script>']]) });
    assert.ok(!html.includes('<img'), 'no injected element');
    assert.ok(!html.includes('<b>PER'), 'labels are escaped');
    assert.ok(!html.includes('<script>x'), 'titles are escaped');
    assert.ok(html.includes('&#60;img src=x onerror=&#34;alert(1)&#34;&#62;'), 'the author is shown as text');
    assert.ok(html.includes('data-uri="file:///c/a&#34;b.txt"'), 'attribute values cannot be closed');
    // One script, under the nonce the CSP names.
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(html, /script-src 'nonce-abc123'/);
    assert.match(html, /<script nonce="abc123">/);
  });

  it('shows the pair table, per-label rows, counts, and says when there are fewer than two annotators', () => {
    const html = renderAgreementPage(report, { nonce: 'n' });
    assert.match(html, /exact F1/);
    assert.match(html, /1 boundary/);
    assert.match(html, /title="spans · exact-span F1/);
    const alone = renderAgreementPage(computeAgreement([]), { nonce: 'n' });
    assert.match(alone, /Agreement needs two annotators; found none/);
  });
});
