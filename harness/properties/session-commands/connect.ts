import type fc from 'fast-check';
import type { SessionModel } from '../session-model.ts';
import type { SessionSystem } from '../session-system.ts';
import { PropertyMismatch } from '../property-result.ts';

/** The subscriber connects (or comes back) with its one cleanSession flag (QCS-3). */
export class Connect implements fc.AsyncCommand<SessionModel, SessionSystem> {
  check(model: Readonly<SessionModel>): boolean {
    return !model.online;
  }

  async run(model: SessionModel, real: SessionSystem): Promise<void> {
    real.settle(model);
    const { sessionPresent } = await real.connectSubscriber(model.clean);
    model.connected();
    const expected = model.expectedSessionPresent;
    if (expected !== undefined && sessionPresent !== expected) {
      throw new PropertyMismatch(
        expected ? 'MQTT-3.2.2-2' : 'MQTT-3.2.2-1',
        `CONNACK said session present = ${sessionPresent}, expected ${expected} (cleanSession=${model.clean})`,
      );
    }
    await real.check(model);
  }

  toString(): string {
    return 'connect';
  }
}
