import { defineParameterType } from '@cucumber/cucumber';
import { PAYLOAD_PATTERN, parsePayloadSpec } from '../../harness/mq/mq-payloads.ts';

// `the text "hi"`, `binary bytes`, `an empty payload`, `the largest allowed payload`, `the bytes FF 00` (MQM-2).
defineParameterType({ name: 'mqPayload', regexp: PAYLOAD_PATTERN, transformer: parsePayloadSpec });

defineParameterType({ name: 'mqFlag', regexp: /true|false/, transformer: (text: string) => text === 'true' });
