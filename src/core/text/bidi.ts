// Right-to-left text in left-to-right UI: a tree item's label and description are laid out as
// one paragraph, so an Arabic title pulls the digits of the description that follows into its
// run ("…يانغ3 annotations"). Wrapping the text in a first-strong isolate keeps it apart.

/** Explicit directional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). */
const DIRECTIONAL_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Strong right-to-left letters: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, their presentation forms, and the RTL scripts outside the BMP. */
const STRONG_RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]|[\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

/**
 * Text for a label shown next to other text: directional controls from the (untrusted) corpus
 * are dropped, so a stray override cannot reverse what follows it, and text with right-to-left
 * letters is wrapped in FSI … PDI. Left-to-right text is returned as it is (minus controls).
 */
export function isolateDirection(text: string): string {
  const plain = text.replace(DIRECTIONAL_CONTROLS, '');
  return STRONG_RTL.test(plain) ? `${FIRST_STRONG_ISOLATE}${plain}${POP_DIRECTIONAL_ISOLATE}` : plain;
}
