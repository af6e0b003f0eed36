import type { Fault } from './faults.ts';
import { hasInvisibleCharacter } from './invisible-characters.ts';
import type { ReferenceBrokerOptions } from './reference-options.ts';

/**
 * The reference broker's client ID checks (CID-1, CID-2, CID-3, CID-5, PUB-3). Returns why the ID is
 * refused, or undefined. Refusal becomes CONNACK 0x02 "identifier rejected" [MQTT-3.1.3-9].
 */
export function clientIdRefusal(options: ReferenceBrokerOptions, clientId: string): string | undefined {
  const has = (fault: Fault) => options.faults?.includes(fault) ?? false;
  const sep = options.separator;
  const first = clientId.indexOf(sep);
  const again = first < 0 ? -1 : clientId.indexOf(sep, first + 1);
  const group = first < 0 ? clientId : clientId.slice(0, first);
  const device = first < 0 ? '' : clientId.slice(first + sep.length);
  if (!has('accept-malformed-client-id') && (first < 0 || again >= 0 || group === '' || device === '')) {
    return `CID-1: a client ID is <GroupID>${sep}<DeviceID> with exactly one "${sep}"`;
  }
  // Characters are code points (Array.from), not UTF-16 units (.length) and not bytes [CID-2].
  const size = has('count-client-id-bytes') ? Buffer.byteLength(clientId) : Array.from(clientId).length;
  if (!has('accept-long-client-id') && size > options.maxClientIdCharacters) {
    return `CID-2: ${size} characters, the limit is ${options.maxClientIdCharacters}`;
  }
  if (!has('accept-invisible-client-id') && hasInvisibleCharacter(clientId))
    return 'CID-3: contains an invisible character';
  if (!has('accept-reserved-characters')) {
    const reserved = options.reservedCharacters.find((char) => group.includes(char) || device.includes(char));
    if (reserved !== undefined) return `PUB-3: contains "${reserved}"`;
  }
  if (!has('ignore-group-provisioning') && !options.groupIds.includes(group)) {
    return `CID-5: Group ID "${group}" is not provisioned`;
  }
  return undefined;
}
