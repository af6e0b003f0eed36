import net from 'node:net';

/** Asks the OS for a free TCP port on loopback (never a well-known port a system service may hold). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Free ports that also differ from each other (each is released before the next is asked for). */
export function distinctFreePorts(): () => Promise<number> {
  const taken = new Set<number>();
  return async () => {
    let port = await freePort();
    while (taken.has(port)) port = await freePort();
    taken.add(port);
    return port;
  };
}
