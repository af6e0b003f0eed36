import type fc from 'fast-check';
import type { SessionModel } from '../session-model.ts';
import type { SessionSystem } from '../session-system.ts';

/** The subscriber drops its subscription; later messages must not reach it. */
export class Unsubscribe implements fc.AsyncCommand<SessionModel, SessionSystem> {
  check(model: Readonly<SessionModel>): boolean {
    return model.online && model.granted !== undefined;
  }

  async run(model: SessionModel, real: SessionSystem): Promise<void> {
    real.settle(model);
    await real.sub.unsubscribe(real.topic);
    model.unsubscribed();
    await real.check(model);
  }

  toString(): string {
    return 'unsubscribe';
  }
}
