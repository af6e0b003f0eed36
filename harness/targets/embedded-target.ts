import net from 'node:net';
import { Aedes } from 'aedes';
import { freePort } from '../net/free-port.ts';
import { startedTarget, type BrokerTarget, type StartedBrokerTarget } from './broker-target.ts';

/** `embedded:plain` — a plain Aedes broker in this process on a free loopback port, bugs and all. */
export function embeddedPlainTarget(spec = 'embedded:plain'): BrokerTarget {
  return {
    spec,
    async start(): Promise<StartedBrokerTarget> {
      const broker = await Aedes.createBroker();
      const server = net.createServer(broker.handle);
      const port = await freePort();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', resolve);
      });
      return startedTarget(spec, `mqtt://127.0.0.1:${port}`, { software: 'aedes', p2p: 'none' }, async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Open client sockets keep server.close() waiting; the broker closes them.
          broker.close(() => undefined);
        });
      });
    },
  };
}
