import { createHash } from 'node:crypto';
import { DEFAULT_CLIENT_ID_SCHEME, type ClientIdScheme } from '../profiles/client-id-scheme.ts';

/**
 * Each scenario gets its own topic prefix and client-ID suffix, derived from its id, so retained
 * messages and sessions never leak between scenarios (or between runs sharing one broker).
 *
 * Client IDs take the `<GroupID>@@@<DeviceID>` shape [CID-1] and topics sit under one parent topic,
 * so the same scenario runs unchanged on brokers that enforce the aliyun rules; both stay far below
 * the 64-character limits [CID-2, TOP-3] for ordinary names.
 */
export class ScenarioNamespace {
  readonly id: string;

  constructor(
    scenarioKey: string,
    readonly groupId = 'GID_harness',
    readonly parentTopic = 'harness',
    /** The run profile's client-ID scheme [CID-1]. */
    readonly clientIds: ClientIdScheme = DEFAULT_CLIENT_ID_SCHEME,
  ) {
    // Unique per scenario *and* per run: a second run against a shared broker meets no old sessions.
    const salt = `${process.pid}:${Date.now()}:${Math.random()}`;
    this.id = createHash('sha256')
      .update(`${scenarioKey}|${salt}`)
      .digest('base64url')
      .replace(/[-_]/g, 'x')
      .slice(0, 8);
  }

  /** `GID_harness@@@<actor>_<id>` */
  clientId(actor: string): string {
    return this.clientIds.build(this.groupId, `${actor}_${this.id}`);
  }

  /**
   * A topic or filter written in a scenario, placed into the namespace: `room/1` → `harness/<id>/room/1`.
   * A first level starting with `$` stays first: `$ops/x` → `$ops/<id>/x` (for [MQTT-4.7.2-1] checks).
   */
  topic(relative: string): string {
    if (relative.startsWith('$')) {
      const [first, ...rest] = relative.split('/');
      return [first, this.id, ...rest].join('/');
    }
    return `${this.parentTopic}/${this.id}/${relative}`;
  }

  /** The scenario's topic as written in the feature, for messages and reports. */
  relative(absolute: string): string {
    const prefix = `${this.parentTopic}/${this.id}/`;
    if (absolute.startsWith(prefix)) return absolute.slice(prefix.length);
    const [first, id, ...rest] = absolute.split('/');
    if (first?.startsWith('$') && id === this.id) return [first, ...rest].join('/');
    return absolute;
  }
}
