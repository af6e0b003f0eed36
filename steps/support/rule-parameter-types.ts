import { defineParameterType } from '@cucumber/cucumber';
import type { Alphabet, RelativeLength } from '../../harness/checks/rule-cases.ts';

// Lengths are written relative to the profile's declared limit, so the scenarios follow the profile.
defineParameterType({
  name: 'limit',
  regexp: /limit(?: [+-] \d+)?/,
  transformer: (text: string): RelativeLength => {
    const [, sign, amount] = /limit(?: ([+-]) (\d+))?/.exec(text) ?? [];
    return { text, offset: amount === undefined ? 0 : Number(amount) * (sign === '-' ? -1 : 1) };
  },
});

defineParameterType({
  name: 'alphabet',
  regexp: /ASCII|3-byte|4-byte/,
  transformer: (text: string) => text as Alphabet,
});

defineParameterType({
  name: 'codePoint',
  regexp: /U\+[0-9A-F]{4,6}/,
  transformer: (text: string) => String.fromCodePoint(Number.parseInt(text.slice(2), 16)),
});

defineParameterType({
  name: 'verdict',
  regexp: /accepts|refuses/,
  transformer: (text: string) => text as 'accepts' | 'refuses',
});

defineParameterType({
  name: 'idPart',
  regexp: /Group ID|Device ID/,
  transformer: (text: string) => text as 'Group ID' | 'Device ID',
});

defineParameterType({
  name: 'delivery',
  regexp: /reaches|does not reach/,
  transformer: (text: string) => text as 'reaches' | 'does not reach',
});
