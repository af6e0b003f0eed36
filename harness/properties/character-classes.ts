import fc from 'fast-check';

/**
 * Characters the identifier properties draw from, by class. The awkward ones are listed by hand:
 * they are what a broker gets wrong (counting, invisibility, reserved characters), and a fixed
 * list keeps the property's verdicts about the rules rather than about Unicode edge cases.
 */
export const CHARACTER_CLASSES = {
  ascii: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.'),
  threeByte: fc.constantFrom('中', '文', 'ア', '€', '한'),
  fourByte: fc.constantFrom('😀', '𠀀', '🚀', '𝄞'),
  twoByte: fc.constantFrom('é', 'ß', 'ж', 'ñ'),
  control: fc.constantFrom('\u0001', '\t', '\n', '\u001f', '\u007f', '\u0085'),
  whitespace: fc.constantFrom(' ', '\u00a0', '\u2003', '\u3000', '\u2028'),
  zeroWidth: fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'),
  format: fc.constantFrom('\u00ad', '\u200e', '\u202e', '\u2066', '\ufe0f'),
  reserved: fc.constantFrom('/', ':', ',', '%'),
} as const;

/** A character, mostly ordinary, sometimes awkward. */
export function identifierCharacter(options: {
  invisible: boolean;
  reserved: boolean;
}): fc.Arbitrary<string> {
  const c = CHARACTER_CLASSES;
  return fc.oneof(
    { arbitrary: c.ascii, weight: 20 },
    { arbitrary: c.threeByte, weight: 3 },
    { arbitrary: c.fourByte, weight: 3 },
    { arbitrary: c.twoByte, weight: 2 },
    ...(options.invisible
      ? [
          { arbitrary: c.control, weight: 1 },
          { arbitrary: c.whitespace, weight: 1 },
          { arbitrary: c.zeroWidth, weight: 1 },
          { arbitrary: c.format, weight: 1 },
        ]
      : []),
    ...(options.reserved ? [{ arbitrary: c.reserved, weight: 1 }] : []),
  );
}

/** A string of `min`..`max` characters (code points) of the given kind. */
export function identifier(min: number, max: number, char: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .array(char, { minLength: Math.max(0, min), maxLength: Math.max(0, max) })
    .map((chars) => chars.join(''));
}
