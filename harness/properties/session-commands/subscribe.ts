import type fc from 'fast-check';
import type { QoS } from '../../connection/qos.ts';
import type { SessionModel } from '../session-model.ts';
import type { SessionSystem } from '../session-system.ts';
import { PropertyMismatch } from '../property-result.ts';

/** The subscriber subscribes to the model's topic; a lower grant is allowed and then caps delivery. */
export class Subscribe implements fc.AsyncCommand<SessionModel, SessionSystem> {
  constructor(readonly qos: QoS) {}

  check(model: Readonly<SessionModel>): boolean {
    return model.online;
  }

  async run(model: SessionModel, real: SessionSystem): Promise<void> {
    real.settle(model);
    const granted = await real.sub.subscribe(real.topic, this.qos);
    if (typeof granted !== 'number' || granted > this.qos) {
      throw new PropertyMismatch('MQTT-3.9.3-1', `SUBSCRIBE at QoS ${this.qos} was answered with ${granted}`);
    }
    if (granted === 0x80)
      throw new PropertyMismatch('QCS-1', `SUBSCRIBE at QoS ${this.qos} was refused (0x80)`);
    model.subscribed(granted as QoS);
    await real.check(model);
  }

  toString(): string {
    return `subscribe at QoS ${this.qos}`;
  }
}
