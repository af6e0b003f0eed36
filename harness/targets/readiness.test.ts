import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { InfrastructureError } from '../errors.ts';
import { freePort } from '../net/free-port.ts';
import { waitForTcp } from './readiness.ts';

const options = { timeoutMs: 400, what: 'broker (websocket port)', hint: 'see its log' };

test('waitForTcp: ready once the port accepts a TCP connection; else one line naming the port', async () => {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    await waitForTcp(port, options);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  const closed = await freePort();
  await assert.rejects(waitForTcp(closed, options), (error: unknown) => {
    assert.ok(error instanceof InfrastructureError);
    assert.match(
      error.reason,
      new RegExp(
        `broker \\(websocket port\\) did not accept connections on 127\\.0\\.0\\.1:${closed} .*see its log`,
      ),
    );
    return true;
  });
  await assert.rejects(
    waitForTcp(closed, { ...options, abandoned: () => 'exited with code 1' }),
    /broker \(websocket port\) exited with code 1; see its log/,
  );
});
