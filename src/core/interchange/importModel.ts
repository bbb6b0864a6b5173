// What the importers read a file into, before it goes into a corpus: plain documents with
// code point spans, plus what the source format had that ours has no place for.
import type { AnnotationStatus } from '../model';

export interface ImportSpan {
  /** Code points into {@link ImportDocument.text}. */
  readonly start: number;
  readonly end: number;
  readonly label: string;
  /** `Wikidata:Q…`, `Registry:<id>` or another `DB:ID`; see parseEntityReference. */
  readonly reference?: string;
  /** The referenced entity's name, when the file gives one. */
  readonly entityName?: string;
  readonly note?: string;
  readonly status?: AnnotationStatus;
  readonly author?: string;
}

export interface ImportDocument {
  /** The article's path to create in the corpus, relative, `/`-separated, ending in `.txt`. */
  readonly path: string;
  /** The article's bytes as they will be written (a brat .txt is copied as it is). */
  readonly bytes: Uint8Array;
  /** The text offsets count (BOM removed). */
  readonly text: string;
  readonly spans: readonly ImportSpan[];
  readonly title?: string;
  readonly outlet?: string;
  readonly published?: string;
}

/** A problem that stops the import (nothing is written): `file:line:column: message`. */
export interface ImportError {
  readonly file: string;
  /** One-based. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** What the source had and the corpus does not take, counted by kind. */
export type ImportNotes = Map<string, number>;

export function addNote(notes: ImportNotes, message: string, count = 1): void {
  notes.set(message, (notes.get(message) ?? 0) + count);
}

export interface ParsedImport {
  readonly documents: ImportDocument[];
  readonly errors: ImportError[];
  readonly notes: ImportNotes;
}

export function formatImportError(error: ImportError): string {
  return `${error.file}:${error.line}:${error.column}: error: ${error.message}`;
}

/** A safe relative path: no absolute path, no `..`, no empty or hidden-dot segments. */
export function safeRelativePath(path: string): string | undefined {
  const segments = path.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0 || /^[a-zA-Z]:$/.test(segments[0]!) || path.startsWith('/')) return undefined;
  if (segments.some((s) => s === '..' || /[\u0000-\u001f<>:"|?*]/.test(s))) return undefined;
  return segments.join('/');
}
