import type fc from 'fast-check';
import type { SessionModel } from '../session-model.ts';
import type { SessionSystem } from '../session-system.ts';

/** The subscriber acknowledges again and sends the acks it owes on this connection. */
export class Acknowledge implements fc.AsyncCommand<SessionModel, SessionSystem> {
  check(model: Readonly<SessionModel>): boolean {
    return model.online && model.withheld.size > 0;
  }

  async run(model: SessionModel, real: SessionSystem): Promise<void> {
    real.sub.acknowledge();
    real.sub.releaseWithheld();
    model.acknowledged();
    await real.check(model);
  }

  toString(): string {
    return 'acknowledge again';
  }
}
