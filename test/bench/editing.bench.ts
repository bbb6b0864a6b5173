// Work in the 1 MB article with 20,000 annotations: one keystroke (what the live editing
// path runs per change) and suggestions after a typing pause with 30,000 aliases. (One
// annotation change written to its sidecar: write.bench.ts.)
import { annotationsAt } from '../../src/core/annotating/annotationOps';
import { LiveSidecars, type LiveDocument, type TextChange } from '../../src/core/live';
import { EntityMatcher } from '../../src/core/annotating/matcher';
import { mentionsAt, rescanMargin, type Mention } from '../../src/core/annotating/mentions';
import { OffsetMap } from '../../src/core/text/offsets';
import type { Annotation } from '../../src/core/model/types';
import { random } from './benchUtil';
import { registerCase, timeRuns } from './harness';

registerCase({
  name: 'editing the 1 MB article (20,000 annotations)',
  async run(context) {
    const corpus = context.corpus();
    const big = corpus.big;

    // Keystrokes as the extension handles them (src/extension/liveArticles.ts): the change
    // event into LiveSidecars.textChanged (code point edit, spans moved, offset index updated),
    // then what runs at once because the cursor moved (annotateCommands' context: the cursor in
    // code points and the annotations under it). Drawing waits for the pause and draws nothing
    // while spans only move (the editor moves the decorations; highlighter.ts). Typing runs on
    // at one place, with a backspace now and then and a jump elsewhere every 40 keys.
    const document = new TypedDocument(big.uri, big.text);
    const live = new LiveSidecars({
      stored: () => ({ sidecar: big.sidecar, text: big.text }),
      refusal: () => undefined,
      write: () => Promise.reject(new Error('the benchmark writes nothing')),
    });
    live.sidecar(document); // opening the article: state made, text read once
    const readsAtOpen = document.reads;
    const next = random(12);
    let cursor = Math.floor(big.text.length / 2);
    const typed = 'lorem ipsum 🎉 dolor ';
    let change: TextChange = { rangeOffset: 0, rangeLength: 0, text: '' };
    const keystroke = await timeRuns(600, () => {
      live.textChanged(document, [change]);
      const at = live.positions(document).toCodePoint(cursor);
      return annotationsAt({ ...big.sidecar, annotations: live.itemsIn(document, at, at).filter((p) => p.kind === 'annotation').map((p) => ({ ...p.item as Annotation, start: p.start, end: p.end })) }, at).length;
    }, (run) => {
      // Where the editor puts a cursor: never inside a surrogate pair.
      const positions = live.positions(document);
      if (run % 40 === 0) cursor = positions.toUtf16(Math.floor(next() * positions.codePointLength));
      if (run % 9 === 8 && cursor > 0) {
        const previous = positions.toUtf16(positions.toCodePoint(cursor) - 1);
        change = document.edit(previous, cursor - previous, '');
        cursor = previous;
      } else {
        const char = [...typed][run % [...typed].length]!;
        change = document.edit(cursor, 0, char);
        cursor += char.length;
      }
    });
    if (document.reads !== readsAtOpen) throw new Error(`typing read the whole text ${document.reads - readsAtOpen} times`);
    context.report('one keystroke in the 1 MB article: move annotations, update what is visible', 'ms', keystroke, { op: '<=', value: 4, of: 'p99' },
      'LiveSidecars.textChanged + cursor context, as liveArticles.ts runs them; drawing waits for the pause');

    // After the pause, when typing went into a name: what a redraw reads first, the sidecar
    // at its moved offsets and the offset map (VS Code's getText and drawing are not in it).
    const redraw = await timeRuns(20, () => {
      const sidecar = live.sidecar(document)!;
      const map = live.offsetMap(document);
      let sum = 0;
      for (const annotation of sidecar.annotations) sum += map.toUtf16(annotation.start) + map.toUtf16(annotation.end);
      return sum;
    }, () => {
      const at = live.positions(document).toCodePoint(cursor);
      const inside = live.itemsIn(document, at, at + 5000).find((p) => p.end - p.start > 2)!;
      live.textChanged(document, [document.edit(live.offsetMap(document).toUtf16(inside.start + 1), 0, 'x')]);
      document.getText(); // the editor's own work of keeping its text, not in the figure
    });
    context.report('after a typing pause in the 1 MB article: the moved sidecar and offset map a redraw reads', 'ms', redraw, undefined,
      'once per pause, only when typing changed an annotation (not when spans only moved)');
    // Suggestions: the whole article scanned once when it opens (for reference), then after
    // each typing pause as src/extension/suggestions.ts does it: scanned again around the edits
    // since the last pause (LiveSidecars.editsSince), then what no annotation overlaps (asked
    // of the live spans). Eight keystrokes at a random place between pauses.
    const matcher = EntityMatcher.fromEntities(corpus.entities);
    const source = { matcher, entities: new Map(corpus.entities.map((entity) => [entity.id, entity])), dates: true };
    const margin = rescanMargin(corpus.entities);
    const notAnnotated = (mentions: readonly Mention[]) => mentions.filter((m) => !live.overlapsAnnotation(document, m.start, m.end));
    // The editor hands out parts of its text (getText of a range); here a map of the text, made untimed.
    let scanned = new OffsetMap(document.getText());
    let earlier = { version: document.version, mentions: [] as Mention[] };
    const whole = await timeRuns(3, () => {
      earlier = { version: document.version, mentions: mentionsAt(source, margin, scanned, undefined, undefined) };
      return notAnnotated(earlier.mentions).length;
    });
    context.report(`suggestions for the whole 1 MB article (when it opens), ${matcher.aliasCount} aliases`, 'ms', whole, undefined);
    const pause = await timeRuns(20, () => {
      earlier = { version: document.version, mentions: mentionsAt(source, margin, scanned, earlier, live.editsSince(document, earlier.version)) };
      return notAnnotated(earlier.mentions).length;
    }, () => {
      const positions = live.positions(document);
      let at = positions.toUtf16(Math.floor(next() * positions.codePointLength));
      for (const char of ['V', 'l', 'a', 'd', ' ', '1', '9', ' ']) {
        live.textChanged(document, [document.edit(at, 0, char)]);
        at += char.length;
      }
      scanned = new OffsetMap(document.getText());
    });
    const wholeNow = mentionsAt(source, margin, scanned, undefined, undefined);
    if (JSON.stringify(wholeNow) !== JSON.stringify(earlier.mentions)) throw new Error('the rescanned suggestions differ from a scan of the whole text');
    context.report(`suggestions after a typing pause in the 1 MB article, ${matcher.aliasCount} aliases`, 'ms', pause, { op: '<=', value: 50, of: 'median' },
      'rescanned around the edits since the last pause, filtered by the live spans');

    live.dispose();
  },
});

/**
 * An open document typed into. Its text is put together only when read (never, while typing),
 * so building the next text, which the editor does and not the extension, does not pollute
 * the figure.
 */
class TypedDocument implements LiveDocument {
  version = 1;
  isDirty = false;
  reads = 0;
  length: number;
  private edits: TextChange[] = [];
  constructor(readonly uri: string, private text: string) {
    this.length = text.length;
  }
  getText(): string {
    this.reads++;
    for (const edit of this.edits) this.text = this.text.slice(0, edit.rangeOffset) + edit.text + this.text.slice(edit.rangeOffset + edit.rangeLength);
    this.edits = [];
    return this.text;
  }
  edit(rangeOffset: number, rangeLength: number, text: string): TextChange {
    const change = { rangeOffset, rangeLength, text };
    this.edits.push(change);
    this.length += text.length - rangeLength;
    this.version++;
    this.isDirty = true;
    return change;
  }
}
