import type fc from 'fast-check';
import type { Ack } from '../../connection/session-probe.ts';
import type { SessionModel } from '../session-model.ts';
import type { SessionSystem } from '../session-system.ts';

/** The subscriber stops sending one kind of acknowledgement, leaving flows half done. */
export class WithholdAcks implements fc.AsyncCommand<SessionModel, SessionSystem> {
  constructor(readonly ack: Ack) {}

  check(model: Readonly<SessionModel>): boolean {
    return !model.withheld.has(this.ack);
  }

  async run(model: SessionModel, real: SessionSystem): Promise<void> {
    real.sub.withhold(this.ack);
    model.withhold(this.ack);
  }

  toString(): string {
    return `withhold ${this.ack.toUpperCase()}`;
  }
}
