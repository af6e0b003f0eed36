import type fc from 'fast-check';
import type { SessionModel } from '../session-model.ts';
import type { SessionSystem } from '../session-system.ts';

/** The subscriber's socket dies without DISCONNECT; the step ends when the broker has noticed. */
export class Kill implements fc.AsyncCommand<SessionModel, SessionSystem> {
  check(model: Readonly<SessionModel>): boolean {
    return model.online;
  }

  async run(model: SessionModel, real: SessionSystem): Promise<void> {
    real.settle(model);
    await real.brokerNoticedDeath();
    model.disconnected();
  }

  toString(): string {
    return 'kill the connection';
  }
}
