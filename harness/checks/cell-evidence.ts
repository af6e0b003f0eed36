import {
  describeRange,
  inRange,
  partRule,
  type CellExpectation,
  type CellPart,
  type CountRange,
} from '../profiles/session-table.ts';
import type { QoS } from '../connection/qos.ts';
import type { WirePublish } from '../connection/session-probe.ts';

/** Where the subscriber was when a message was published: what Table 2-1 says about it depends on that. */
export type PublishMoment =
  'online' | 'away after DISCONNECT' | 'away after socket death' | 'back, not resubscribed';

/** One message the scenario published, and where its subscriber was at that moment. */
export interface PublishedMessage {
  /** The subscriber whose state `moment` describes. */
  readonly subscriber: string;
  readonly payload: string;
  readonly topic: string;
  readonly qos: QoS;
  readonly moment: PublishMoment;
  /** How the publisher's QoS flow ended (`completed`, `closed`, `timeout`). */
  readonly outcome: string;
}

export interface CellObservations {
  readonly granted: number[];
  /** The session-present flag of every CONNACK after the first. */
  readonly sessionPresentOnReturn: boolean[];
  readonly published: readonly PublishedMessage[];
  readonly received: readonly WirePublish[];
}

interface Row {
  readonly aspect: string;
  readonly expected: string;
  readonly observed: string;
  readonly holds: boolean;
}

/** Which Table 2-1 aspect a message published at `moment` tests, and the count the cell allows for it. */
function rangeFor(cell: CellExpectation, moment: PublishMoment): { aspect: string; range: CountRange } {
  switch (moment) {
    case 'online':
      return { aspect: 'online delivery', range: cell.online };
    case 'away after DISCONNECT':
      return { aspect: 'offline delivery after a DISCONNECT', range: cell.offlineAfterDisconnect };
    case 'away after socket death':
      return { aspect: 'offline delivery after the socket died', range: cell.offlineAfterSocketDeath };
    case 'back, not resubscribed':
      return {
        aspect: `subscription ${cell.subscriptionKept ? 'kept' : 'lost'} after reconnecting`,
        range: cell.subscriptionKept ? cell.online : { min: 0, max: 0 },
      };
  }
}

/** The part of a cell (and so the rule) a message published at `moment` tests. */
export function partOf(moment: PublishMoment): CellPart {
  return moment === 'online' ? 'online' : 'across reconnects';
}

const PART_TITLES: Record<CellPart, string> = {
  online: 'granted QoS and online delivery',
  'across reconnects': 'offline delivery and the subscription across reconnects',
};

/** The deliveries `part`'s messages must still reach before it can be judged (for a bounded wait). */
export function missingDeliveries(
  cell: CellExpectation,
  observations: CellObservations,
  part: CellPart,
): number {
  const published = observations.published.filter((message) => partOf(message.moment) === part);
  return published.reduce((missing, message) => {
    const { range } = rangeFor(cell, message.moment);
    const count = observations.received.filter((r) => r.delivered && r.payload === message.payload).length;
    return missing + Math.max(0, range.min - count);
  }, 0);
}

/**
 * The messages of `part` the cell needs delivered whose publisher's QoS flow did not complete (the
 * broker closed the connection or never acknowledged) and that did not arrive: the broker may never
 * have taken them on, so their absence says nothing about the session (the cell is inconclusive; the
 * publish answer itself is judged under [MQTT-3.3.4-1]).
 */
export function unpublished(
  cell: CellExpectation,
  observations: CellObservations,
  part: CellPart,
): PublishedMessage[] {
  return observations.published.filter(
    (message) =>
      partOf(message.moment) === part &&
      message.outcome !== 'completed' &&
      rangeFor(cell, message.moment).range.min > 0 &&
      !observations.received.some((r) => r.delivered && r.payload === message.payload),
  );
}

/**
 * One part of the cell judged aspect by aspect, with the observed counts as evidence. A message counts
 * as delivered when the application got it (QoS 2 re-sends recognised by packet ID are not counted
 * twice, but shown).
 */
export function judgeCell(
  cell: CellExpectation,
  observations: CellObservations,
  part: CellPart,
): { holds: boolean; deviations: string[]; table: string } {
  const rows: Row[] = [];
  const grants = observations.granted;
  if (part === 'online')
    rows.push({
      aspect: 'granted QoS',
      expected: String(cell.granted),
      observed: grants.length ? grants.map(describeGrant).join(', ') : 'no SUBACK',
      holds: grants.length > 0 && grants.every((g) => g === cell.granted),
    });
  const published = observations.published.filter((message) => partOf(message.moment) === part);
  // Nothing published in this part would make the judgement pass without evidence.
  if (published.length === 0)
    rows.push({ aspect: 'messages published', expected: 'at least 1', observed: '0', holds: false });
  for (const message of published) {
    const { aspect, range } = rangeFor(cell, message.moment);
    const copies = observations.received.filter((r) => r.payload === message.payload);
    const delivered = copies.filter((r) => r.delivered);
    const wrongQos = delivered.filter((r) => r.qos !== cell.granted);
    const publishNote =
      message.outcome === 'completed'
        ? ''
        : `; the publisher's QoS ${message.qos} flow ended: ${message.outcome}`;
    rows.push({
      aspect: `${aspect} ("${message.payload}")`,
      expected: `${describeRange(range)}${range.min > 0 ? ` at QoS ${cell.granted}` : ''}`,
      observed: `${delivered.length}${describeCopies(copies)}${publishNote}`,
      holds: inRange(delivered.length, range) && wrongQos.length === 0,
    });
  }
  if (part === 'across reconnects')
    observations.sessionPresentOnReturn.forEach((present, index) => {
      rows.push({
        aspect: `session present on reconnect #${index + 1}`,
        expected: cell.sessionPresent === undefined ? 'not judged (recorded)' : String(cell.sessionPresent),
        observed: String(present),
        holds: cell.sessionPresent === undefined || present === cell.sessionPresent,
      });
    });
  const holds = rows.every((row) => row.holds);
  const deviations = rows
    .filter((row) => !row.holds)
    .map((row) => `${row.aspect}: expected ${row.expected}, observed ${row.observed}`);
  const title =
    `Table 2-1, QoS ${cell.qos} with cleanSession=${cell.clean}: ${PART_TITLES[part]} [${partRule(cell, part)}]` +
    ` (session ${cell.persistent ? 'kept' : 'not kept'}; ${cell.basis.join(', ')})`;
  return { holds, deviations, table: [title, ...formatRows(rows)].join('\n') };
}

function describeGrant(granted: number): string {
  return granted === 0x80 ? 'refused (0x80)' : String(granted);
}

/** ` (QoS 1, DUP on 1 of 2)` — what the copies on the wire looked like. */
function describeCopies(copies: readonly WirePublish[]): string {
  if (copies.length === 0) return '';
  const qos = [...new Set(copies.map((c) => c.qos))].join('/');
  const dup = copies.filter((c) => c.dup).length;
  const resent = copies.filter((c) => !c.delivered).length;
  const parts = [
    `QoS ${qos}`,
    ...(dup ? [`DUP on ${dup} of ${copies.length}`] : []),
    ...(resent ? [`${resent} QoS 2 re-send(s) not delivered again`] : []),
  ];
  return ` (${parts.join(', ')})`;
}

function formatRows(rows: readonly Row[]): string[] {
  const width = Math.max(...rows.map((row) => row.aspect.length), 6);
  const expectedWidth = Math.max(...rows.map((row) => row.expected.length), 8);
  return [
    `  ${'aspect'.padEnd(width)}  ${'expected'.padEnd(expectedWidth)}  observed`,
    ...rows.map(
      (row) =>
        `${row.holds ? '  ' : '✗ '}${row.aspect.padEnd(width)}  ${row.expected.padEnd(expectedWidth)}  ${row.observed}`,
    ),
  ];
}
