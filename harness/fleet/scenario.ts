/**
 * A fleet scenario as `mqtt-harness simulate` runs it: the YAML file (scenarios/*.yaml, checked
 * against scenarios/schema.json by scenario-file.ts) with every default filled in.
 */
export type CsgRegionName = 'cn-hangzhou' | 'cn-shanghai';

export interface RetailWorkload {
  readonly stores: number;
  readonly apsPerStore: number;
  readonly tagsPerAp: number;
  readonly pollIntervalMs: number;
  readonly priceChangesPerSecond: number;
  readonly outagesPerMinute: number;
  readonly outageSeconds: number;
}

export interface RtcWorkload {
  readonly phones: number;
  readonly callsPerMinute: number;
  readonly killsPerMinute: number;
  readonly downSeconds: number;
  readonly offlineInviteeShare: number;
  readonly duplicatesPerMinute: number;
  readonly staleMessagesPerMinute: number;
}

export interface CsgWorkload {
  readonly regions: readonly CsgRegionName[];
  readonly instancesPerRegion: number;
  readonly commandsPerSecond: number;
  readonly noreplyShare: number;
  readonly errorShare: number;
  readonly pullsPerSecond: number;
  readonly pushesPerMinute: number;
}

export interface FleetScenario {
  /** The file it came from, for messages and the report. */
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly durationSeconds: number;
  readonly drainSeconds: number;
  readonly tickMs: number;
  readonly ramp: { readonly connectsPerSecond: number; readonly parallel: number };
  readonly retail?: RetailWorkload;
  readonly rtc?: RtcWorkload;
  readonly csg?: CsgWorkload;
}

/** What the schema leaves optional, in one place. */
export function withDefaults(file: string, raw: Record<string, unknown>): FleetScenario {
  const value = raw as {
    name: string;
    description?: string;
    seed?: number;
    durationSeconds: number;
    drainSeconds?: number;
    tickMs?: number;
    ramp?: { connectsPerSecond?: number; parallel?: number };
    retail?: Partial<RetailWorkload> & Pick<RetailWorkload, 'stores' | 'apsPerStore' | 'tagsPerAp'>;
    rtc?: Partial<RtcWorkload> & Pick<RtcWorkload, 'phones'>;
    csg?: Partial<CsgWorkload> & Pick<CsgWorkload, 'regions' | 'instancesPerRegion'>;
  };
  return {
    file,
    name: value.name,
    description: value.description ?? '',
    seed: value.seed ?? 1,
    durationSeconds: value.durationSeconds,
    drainSeconds: value.drainSeconds ?? 5,
    tickMs: value.tickMs ?? 100,
    ramp: { connectsPerSecond: value.ramp?.connectsPerSecond ?? 500, parallel: value.ramp?.parallel ?? 200 },
    ...(value.retail
      ? {
          retail: {
            pollIntervalMs: 1_000,
            priceChangesPerSecond: 0,
            outagesPerMinute: 0,
            outageSeconds: 2,
            ...value.retail,
          },
        }
      : {}),
    ...(value.rtc
      ? {
          rtc: {
            callsPerMinute: 0,
            killsPerMinute: 0,
            downSeconds: 2,
            offlineInviteeShare: 0,
            duplicatesPerMinute: 0,
            staleMessagesPerMinute: 0,
            ...value.rtc,
          },
        }
      : {}),
    ...(value.csg
      ? {
          csg: {
            commandsPerSecond: 0,
            noreplyShare: 0,
            errorShare: 0,
            pullsPerSecond: 0,
            pushesPerMinute: 0,
            ...value.csg,
          },
        }
      : {}),
  };
}

/** How many devices (MQTT connections, services excluded) and virtual tags the scenario holds. */
export function fleetSize(scenario: FleetScenario): { devices: number; tags: number } {
  const aps = scenario.retail ? scenario.retail.stores * scenario.retail.apsPerStore : 0;
  const phones = scenario.rtc?.phones ?? 0;
  const csg = scenario.csg ? scenario.csg.regions.length * scenario.csg.instancesPerRegion : 0;
  return { devices: aps + phones + csg, tags: aps * (scenario.retail?.tagsPerAp ?? 0) };
}
