/**
 * CID-3 as the reference broker enforces it: a table of code point ranges, written independently of
 * the profile's oracle (which uses Unicode property escapes), so that a mistake in one shows up as a
 * disagreement in the property tests instead of being copied into both.
 */
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x0020], // C0 controls and SPACE
  [0x007f, 0x00a0], // DEL, C1 controls, NO-BREAK SPACE
  [0x00ad, 0x00ad], // SOFT HYPHEN
  [0x034f, 0x034f], // COMBINING GRAPHEME JOINER
  [0x061c, 0x061c], // ARABIC LETTER MARK
  [0x115f, 0x1160], // HANGUL fillers
  [0x1680, 0x1680], // OGHAM SPACE MARK
  [0x17b4, 0x17b5], // KHMER invisible vowels
  [0x180b, 0x180f], // MONGOLIAN free variation selectors, vowel separator
  [0x2000, 0x200f], // EN QUAD … RIGHT-TO-LEFT MARK (spaces, zero-width, LRM/RLM)
  [0x2028, 0x202f], // LINE/PARAGRAPH SEPARATOR, bidi embeddings, NARROW NO-BREAK SPACE
  [0x205f, 0x206f], // MEDIUM MATHEMATICAL SPACE, WORD JOINER, invisible operators, bidi isolates
  [0x3000, 0x3000], // IDEOGRAPHIC SPACE
  [0x3164, 0x3164], // HANGUL FILLER
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // ZERO WIDTH NO-BREAK SPACE (BOM)
  [0xffa0, 0xffa0], // HALFWIDTH HANGUL FILLER
  [0xfff0, 0xfffb], // specials incl. interlinear annotation
  [0x110bd, 0x110bd], // KAITHI NUMBER SIGN (format)
  [0x1bca0, 0x1bca3], // shorthand format controls
  [0x1d173, 0x1d17a], // musical symbol format controls
  [0xe0000, 0xe0fff], // tags and variation selectors supplement
];

export function hasInvisibleCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    for (const [low, high] of INVISIBLE_RANGES) if (code >= low && code <= high) return true;
  }
  return false;
}
