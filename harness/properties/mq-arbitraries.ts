import fc from 'fast-check';
import type { QoS } from '../connection/qos.ts';
import { CHARACTER_CLASSES } from './character-classes.ts';

/**
 * Arbitraries for the MQ mapping properties (MQM-1..7): subtopic levels (empty levels and a trailing
 * `/` included, multi-byte characters), QoS, cleanSession, device IDs, payload bytes (any byte value,
 * so a broker that re-encodes text is caught), and MQ sender property sets with invalid values.
 */
const levelCharacter = fc.oneof(
  { arbitrary: CHARACTER_CLASSES.ascii, weight: 10 },
  { arbitrary: CHARACTER_CLASSES.threeByte, weight: 2 },
  { arbitrary: CHARACTER_CLASSES.fourByte, weight: 2 },
  { arbitrary: CHARACTER_CLASSES.twoByte, weight: 1 },
);

/** 0–4 levels of 0–6 characters: `[]` is the case level itself, `['']` a trailing slash. */
export const subtopicLevels = fc.array(
  fc.array(levelCharacter, { maxLength: 6 }).map((chars) => chars.join('')),
  { maxLength: 4 },
);

export const qos = fc.constantFrom<QoS>(0, 1, 2);

export const deviceId = fc
  .array(CHARACTER_CLASSES.ascii, { minLength: 1, maxLength: 12 })
  .map((chars) => chars.join(''));

export const payloadBytes = fc.oneof(
  { arbitrary: fc.uint8Array({ maxLength: 64 }), weight: 6 },
  { arbitrary: fc.uint8Array({ minLength: 1024, maxLength: 4096 }), weight: 1 },
);

export interface UplinkCase {
  readonly levels: readonly string[];
  readonly qos: QoS;
  readonly clean: boolean;
  readonly device: string;
  readonly payload: Uint8Array;
}

export const uplinkCase: fc.Arbitrary<UplinkCase> = fc.record({
  levels: subtopicLevels,
  qos,
  clean: fc.boolean(),
  device: deviceId,
  payload: payloadBytes,
});

/** Where an MQ sender aims: a subtopic (with or without the leading `/`), the parent itself, or a P2P target. */
export type DownlinkAim =
  | { readonly to: 'subtopic'; readonly levels: readonly string[]; readonly slash: boolean }
  | { readonly to: 'parent' }
  | { readonly to: 'p2p'; readonly realTopic: boolean };

export interface DownlinkCase {
  readonly aim: DownlinkAim;
  readonly qoslevel?: string;
  readonly cleansessionflag?: string;
  readonly clientId?: boolean;
  readonly payload: Uint8Array;
}

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });

export const downlinkCase: fc.Arbitrary<DownlinkCase> = fc
  .record({
    aim: fc.oneof(
      {
        arbitrary: fc.record({
          to: fc.constant('subtopic' as const),
          levels: subtopicLevels,
          slash: fc.boolean(),
        }),
        weight: 4,
      },
      { arbitrary: fc.record({ to: fc.constant('parent' as const) }), weight: 1 },
      { arbitrary: fc.record({ to: fc.constant('p2p' as const), realTopic: fc.boolean() }), weight: 3 },
    ),
    qoslevel: maybe(
      fc.oneof(
        { arbitrary: fc.constantFrom('0', '1', '2'), weight: 6 },
        { arbitrary: fc.constantFrom('3', 'one', ''), weight: 1 },
      ),
    ),
    cleansessionflag: maybe(
      fc.oneof(
        { arbitrary: fc.constantFrom('true', 'false'), weight: 6 },
        { arbitrary: fc.constant('yes'), weight: 1 },
      ),
    ),
    clientId: fc.boolean().map((set) => (set ? true : undefined)),
    payload: payloadBytes,
  })
  .map(
    (c) =>
      Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as unknown as DownlinkCase,
  );
