/**
 * The invariants a fleet run checks while it runs, each with the rules it stands for. A verdict comes
 * from what devices and services saw on the wire: `failed` only on a violation, with evidence;
 * `not exercised` when nothing the invariant covers happened (never a pass by default).
 */
export const INVARIANTS = {
  'online-qos1': {
    rules: ['QCS-1'],
    title: 'no QoS 1 message lost for a device that stayed online',
  },
  'offline-persistent': {
    rules: ['QCS-2', 'QCS-6', 'RTC-5'],
    title: 'cleanSession=false: messages sent while offline are delivered after the relaunch',
  },
  'offline-clean': {
    rules: ['QCS-2', 'QCS-6', 'ESL-3'],
    title: 'cleanSession=true: messages sent while offline are never delivered after the reconnect',
  },
  'no-duplicate-acted-on': {
    rules: ['RTC-6', 'ESL-3'],
    title: 'no device acts twice on one message ID',
  },
  'no-stale-acted-on': {
    rules: ['RTC-6', 'ESL-3'],
    title: 'no device acts on a message older than its limit',
  },
  'price-tasks': {
    rules: ['ESL-2', 'ESL-6'],
    title: 'every price task acknowledged, or reported unacknowledged with the reason',
  },
  'rpc-answered': {
    rules: ['CSG-3'],
    title: 'every RPC answered (or marked noreply), or reported unanswered with the reason',
  },
} as const;

export type InvariantId = keyof typeof INVARIANTS;
export type InvariantStatus = 'passed' | 'failed' | 'not exercised';

/** Which device, which message, when, and what happened. */
export interface Evidence {
  readonly device: string;
  readonly message?: string;
  /** ISO time of the event the evidence is about. */
  readonly at: string;
  readonly what: string;
}

export interface InvariantResult {
  readonly id: InvariantId;
  readonly rules: readonly string[];
  readonly title: string;
  readonly status: InvariantStatus;
  /** Cases checked and cases that broke it. */
  readonly checked: number;
  readonly violations: number;
  /** Cases reported with a reason instead of judged (e.g. "AP offline when the task was sent"). */
  readonly reported: Readonly<Record<string, number>>;
  /** The first few violations. */
  readonly evidence: readonly Evidence[];
}

const EVIDENCE_KEPT = 10;

/** Counts per invariant; bounded evidence, so a long run stays small. */
export class InvariantBook {
  readonly #entries = new Map<
    InvariantId,
    { checked: number; violations: number; reported: Record<string, number>; evidence: Evidence[] }
  >();

  constructor(readonly applicable: readonly InvariantId[]) {
    for (const id of applicable)
      this.#entries.set(id, { checked: 0, violations: 0, reported: {}, evidence: [] });
  }

  passed(id: InvariantId, count = 1): void {
    this.#entry(id).checked += count;
  }

  /** A case explained rather than judged: counted by its reason, never a failure. */
  reported(id: InvariantId, reason: string): void {
    const entry = this.#entry(id);
    entry.reported[reason] = (entry.reported[reason] ?? 0) + 1;
  }

  violated(id: InvariantId, evidence: Evidence): void {
    const entry = this.#entry(id);
    entry.checked += 1;
    entry.violations += 1;
    if (entry.evidence.length < EVIDENCE_KEPT) entry.evidence.push(evidence);
  }

  /** So far: has any invariant failed? (for the live display) */
  get failing(): number {
    return [...this.#entries.values()].filter((entry) => entry.violations > 0).length;
  }

  results(): InvariantResult[] {
    return [...this.#entries].map(([id, entry]) => ({
      id,
      rules: INVARIANTS[id].rules,
      title: INVARIANTS[id].title,
      status: statusOf(entry.checked, entry.violations),
      checked: entry.checked,
      violations: entry.violations,
      reported: { ...entry.reported },
      evidence: [...entry.evidence],
    }));
  }

  #entry(id: InvariantId) {
    const entry = this.#entries.get(id);
    if (!entry) throw new Error(`invariant ${id} is not checked in this run (fleet defect)`);
    return entry;
  }
}

function statusOf(checked: number, violations: number): InvariantStatus {
  return violations > 0 ? 'failed' : checked > 0 ? 'passed' : 'not exercised';
}

/** Several shards' verdicts of one invariant as one: counts add up, evidence is concatenated (bounded). */
export function mergeInvariants(lists: readonly (readonly InvariantResult[])[]): InvariantResult[] {
  const merged = new Map<InvariantId, InvariantResult>();
  for (const result of lists.flat()) {
    const before = merged.get(result.id);
    if (!before) {
      merged.set(result.id, result);
      continue;
    }
    const reported: Record<string, number> = { ...before.reported };
    for (const [reason, count] of Object.entries(result.reported))
      reported[reason] = (reported[reason] ?? 0) + count;
    const checked = before.checked + result.checked;
    const violations = before.violations + result.violations;
    merged.set(result.id, {
      ...before,
      checked,
      violations,
      status: statusOf(checked, violations),
      reported,
      evidence: [...before.evidence, ...result.evidence].slice(0, EVIDENCE_KEPT),
    });
  }
  return [...merged.values()];
}
