import type fc from 'fast-check';
import type { QoS } from '../../connection/qos.ts';
import { preconditionFailed } from '../../expectation.ts';
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
    const before = real.pub.acknowledgements.length;
    const outcome = await real.pub.publish(real.topic, payload, this.qos);
    const answered = real.pub.acknowledgements.length > before;
    if (outcome === 'closed' && !answered)
      // A close with no answer at all is lawful for a PUBLISH the server does not take on [MQTT-3.3.5-2]
      // (e.g. a broker without QoS 2): nothing is learnt about the guarantee, as in the scenarios.
      throw preconditionFailed(
        `the broker closed the connection without answering the QoS ${this.qos} PUBLISH of "${payload}", so it ` +
          'may never have taken the message on',
        'QCS-1',
      );
    if (outcome !== 'completed') {
      // What came back names the deviation: e.g. a PUBACK to a QoS 2 PUBLISH, whose receiver must
      // answer PUBREC [MQTT-3.3.4-1] — the QoS 2 guarantee (QCS-1) cannot hold then.
      const acks = real.pub.acknowledgements
        .slice(before)
        .map((a) => `${a.cmd.toUpperCase()}${a.messageId === undefined ? '' : ` id=${a.messageId}`}`);
      throw new PropertyMismatch(
        'QCS-1',
        `the publisher's QoS ${this.qos} flow for "${payload}" ended: ${outcome}; the broker answered the PUBLISH with ${acks.join(', ') || 'nothing'} (expected ${this.qos === 1 ? 'PUBACK' : 'PUBREC, then PUBCOMP to the PUBREL'})`,
      );
    }
    model.published(payload, this.qos);
    await real.check(model);
  }

  toString(): string {
    return `publish at QoS ${this.qos}`;
  }
}
