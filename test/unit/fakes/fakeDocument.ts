// An open article as LiveSidecars sees it (the LiveDocument interface): the text in the editor,
// which differs from the file until saved. Edits take UTF-16 offsets, as VS Code reports them.
import type { LiveDocument, TextChange } from '../../../src/core/live';
import type { MemoryCorpusHost } from './memoryCorpusHost';

export class FakeDocument implements LiveDocument {
  version = 1;
  isDirty = false;
  private savedText: string;

  constructor(readonly uri: string, private text: string, private readonly host: MemoryCorpusHost) {
    this.savedText = text;
  }

  getText(): string {
    return this.text;
  }

  /** Replaces UTF-16 [offset, offset+length) like a keystroke, and returns VS Code's change event entry. */
  edit(offset: number, length: number, inserted: string): TextChange {
    this.text = this.text.slice(0, offset) + inserted + this.text.slice(offset + length);
    this.version++;
    this.isDirty = this.text !== this.savedText;
    return { rangeOffset: offset, rangeLength: length, text: inserted };
  }

  /** Writes the text to the file, as VS Code does before firing onDidSave. */
  save(): void {
    this.host.files.set(this.uri, new TextEncoder().encode(this.text));
    this.savedText = this.text;
    this.isDirty = false;
  }
}
