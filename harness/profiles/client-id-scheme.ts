import type { Profile } from './profile.ts';

/**
 * How the harness names its clients under a profile: `<GroupID><separator><DeviceID>` [CID-1]. Every
 * client ID the harness and the simulators build comes from here, so a profile with another
 * separator changes them all at once.
 */
export interface ClientIdScheme {
  readonly separator: string;
  build(groupId: string, deviceId: string): string;
  /** The two parts of an ID with exactly one separator, else undefined. */
  parse(clientId: string): { readonly groupId: string; readonly deviceId: string } | undefined;
}

/**
 * The aliyun shape, also used under a profile without client-ID rules (mqtt-3.1.1): the harness's IDs
 * then look the same on every broker, and any broker accepts them.
 */
export const DEFAULT_CLIENT_ID_SEPARATOR = '@@@';

export function clientIdScheme(profile: Pick<Profile, 'clientId'>): ClientIdScheme {
  return schemeWith(profile.clientId?.separator ?? DEFAULT_CLIENT_ID_SEPARATOR);
}

/** `<groupId><separator><deviceId>` under `profile`. */
export function clientIdFor(profile: Pick<Profile, 'clientId'>, groupId: string, deviceId: string): string {
  return clientIdScheme(profile).build(groupId, deviceId);
}

/** The scheme of the default separator, for code that has no profile at hand. */
export const DEFAULT_CLIENT_ID_SCHEME = schemeWith(DEFAULT_CLIENT_ID_SEPARATOR);

function schemeWith(separator: string): ClientIdScheme {
  return {
    separator,
    build: (groupId, deviceId) => `${groupId}${separator}${deviceId}`,
    parse(clientId) {
      const at = clientId.indexOf(separator);
      if (at < 0 || clientId.indexOf(separator, at + 1) >= 0) return undefined;
      return { groupId: clientId.slice(0, at), deviceId: clientId.slice(at + separator.length) };
    },
  };
}
