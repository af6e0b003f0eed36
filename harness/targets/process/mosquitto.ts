import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort } from '../../net/free-port.ts';
import type { ProcessBrokerRecipe } from './process-target.ts';

/** Mosquitto 2.x on loopback, anonymous, in-memory persistence (BROKER-SETUP.md). */
export const mosquittoRecipe: ProcessBrokerRecipe = {
  name: 'mosquitto',
  software: 'mosquitto',
  executables: ['mosquitto'],
  debianPackage: 'mosquitto',
  readyTimeoutMs: 10_000,
  async prepare(dir) {
    const port = await freePort();
    const config = mosquittoConfig(port);
    const file = path.join(dir, 'mosquitto.conf');
    await writeFile(file, config);
    return { args: ['-c', file], mqttPort: port };
  },
};

export function mosquittoConfig(port: number): string {
  return [
    'per_listener_settings false',
    `listener ${port} 127.0.0.1`,
    'allow_anonymous true',
    'persistence false',
    'log_dest stdout',
    // Large enough for the payload-limit probes of later issues; Mosquitto's default is 256 MB anyway.
    '',
  ].join('\n');
}
