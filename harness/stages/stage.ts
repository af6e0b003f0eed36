/** What a stage is told about its run when the report is written. */
export interface StageRun {
  /** The broker of the run as the user named it (`--broker`). */
  readonly target: string;
  /** The scenario's namespace ID (ScenarioNamespace.id). */
  readonly namespace: string;
}

/** A JSON file attached to the scenario in the report (Allure, the cucumber messages). */
export interface StageAttachment {
  readonly fileName: string;
  readonly body: unknown;
}

/** What a stage leaves in the report, for passes too: files, and lines logged as `evidence: …`. */
export interface StageEvidence {
  readonly attachments?: readonly StageAttachment[];
  readonly lines?: readonly string[];
}

/**
 * One part of a scenario's state: its actors, what they saw, and the checks on them. The World makes
 * each stage on first use and keeps the ones it made; after the scenario, one After hook
 * (steps/support/hooks.ts) attaches every stage's evidence, then closes the stages in reverse order of
 * creation, so a stage is closed before the stages it was built on.
 */
export interface Stage {
  evidence(run: StageRun): StageEvidence;
  close(): Promise<void>;
}

/** A stage with nothing of its own to report. */
export const NO_EVIDENCE: StageEvidence = {};

/**
 * Closes `stages` newest first, so a stage goes before the ones it was built on (the MQ stage before
 * the clients it uses). One failing close does not keep the others open; the first failure is thrown.
 */
export async function closeStages(stages: readonly Stage[]): Promise<void> {
  const failures: unknown[] = [];
  for (const stage of [...stages].reverse())
    await stage.close().catch((error: unknown) => failures.push(error));
  if (failures.length > 0) throw failures[0];
}
