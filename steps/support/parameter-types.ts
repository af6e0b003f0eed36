import { defineParameterType } from '@cucumber/cucumber';
import type { QoS } from '../../harness/connection/qos.ts';

defineParameterType({
  name: 'qos',
  regexp: /[012]/,
  transformer: (text: string): QoS => Number(text) as QoS,
});
