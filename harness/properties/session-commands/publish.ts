import type fc from 'fast-check';
import type { QoS } from '../../connection/qos.ts';
import type { SessionModel } from '../session-model.ts';
import type { SessionSystem } from '../session-system.ts';
import { PropertyMismatch } from '../property-result.ts';

/** Another client publishes one message to the subscriber's topic and completes its QoS flow. */
export class Publish implements fc.AsyncCommand<SessionModel, SessionSystem> {
  constructor(readonly qos: QoS) {}

  check(): boolean {
    return true;
  }

  async run(model: SessionModel, real: SessionSystem): Promise<void> {
    const payload = model.nextPayload();
    const outcome = await real.pub.publish(real.topic, payload, this.qos);
    if (outcome !== 'completed') {
      throw new PropertyMismatch(
        'QCS-1',
        `the publisher's QoS ${this.qos} flow for "${payload}" ended: ${outcome}`,
      );
    }
    model.published(payload, this.qos);
    await real.check(model);
  }

  toString(): string {
    return `publish at QoS ${this.qos}`;
  }
}
