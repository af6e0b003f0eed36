import type fc from 'fast-check';
import type { SessionModel } from '../session-model.ts';
import type { SessionSystem } from '../session-system.ts';

/** The subscriber sends DISCONNECT and goes away. */
export class Disconnect implements fc.AsyncCommand<SessionModel, SessionSystem> {
  check(model: Readonly<SessionModel>): boolean {
    return model.online;
  }

  async run(model: SessionModel, real: SessionSystem): Promise<void> {
    real.settle(model);
    await real.sub.disconnect();
    model.disconnected();
  }

  toString(): string {
    return 'disconnect';
  }
}
