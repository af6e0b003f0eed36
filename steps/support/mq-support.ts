import { After, AfterAll, defineParameterType } from '@cucumber/cucumber';
import { PAYLOAD_PATTERN, parsePayloadSpec } from '../../harness/mq/mq-payloads.ts';
import { closeRunMq } from '../../harness/mq/run-mq.ts';
import type { HarnessWorld } from './world.ts';

// `the text "hi"`, `binary bytes`, `an empty payload`, `the largest allowed payload`, `the bytes FF 00` (MQM-2).
defineParameterType({ name: 'mqPayload', regexp: PAYLOAD_PATTERN, transformer: parsePayloadSpec });

defineParameterType({ name: 'mqFlag', regexp: /true|false/, transformer: (text: string) => text === 'true' });

// What each MQ check looked at goes into the report as evidence, for passes too ("evidence: …" lines).
After(async function (this: HarnessWorld) {
  const mq = this.mqInUse;
  if (!mq) return;
  for (const line of mq.evidence) this.log(`evidence: ${line}`);
  await mq.close();
});

AfterAll(async function () {
  await closeRunMq();
});
