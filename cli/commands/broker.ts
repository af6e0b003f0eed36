import path from 'node:path';
import { InfrastructureError, UsageError } from '../../harness/errors.ts';
import { loadProfile } from '../../harness/profiles/load-profile.ts';
import { readProfileConfig } from '../../harness/profiles/profile-config.ts';
import { startReferenceBroker } from '../../harness/reference/reference-broker.ts';
import { selfSignedCertificate } from '../../harness/reference/self-signed-certificate.ts';
import { referenceOptions } from '../../harness/targets/reference-target.ts';
import { referenceMode, referenceSettings } from '../../harness/targets/reference-settings.ts';
import { parseOptions } from '../options.ts';

const HELP = `usage: mqtt-harness broker --profile mqtt-3.1.1|aliyun [options]

Runs the reference broker as a standalone server, for device developers and for other tools' test
suites, until Ctrl-C or SIGTERM (then it closes its connections and exits 0).

  --profile P             mqtt-3.1.1: a plain MQTT 3.1.1 broker (any client ID, takeover on a
                          duplicate ID, no provisioning); aliyun: the aliyun rules, provisioned for
                          GID_harness / harness (and the config's groups and parent topics)
  --port N                plain MQTT port (default 1883; 0 picks a free one)
  --host H                address to listen on (default 127.0.0.1; 0.0.0.0 for other machines)
  --tls                   also listen with TLS (mqtts://), with a generated self-signed certificate
  --tls-port N            the TLS port (default 8883; 0 picks a free one)
  --ws-port N             also serve MQTT over WebSocket (ws://host:N, any path, subprotocol "mqtt";
                          0 picks a free one)
  --profile-config F      a vendor's profile config: provisioning, duplicate-ID policy, login (aliyun)
  --refuse-filter F       mqtt-3.1.1 only, repeatable: refuse SUBSCRIBE to this exact filter with
                          SUBACK 0x80 (Paho's interoperability suite needs "test/nosubscribe")
  --deny-publish T        mqtt-3.1.1 only, repeatable: clients may not publish to this exact topic; such
                          a PUBLISH is acknowledged as if accepted and delivered to nobody [MQTT-3.3.5-2]
                          (run --profile-config's deniedPublishTopic names it to the harness)

Prints its listeners (mqtt://host:port, mqtts://host:port, ws://host:port). Exit codes: 0 stopped by a
signal, 2 bad options or the port is taken.`;

const PROFILES = ['mqtt-3.1.1', 'aliyun'];

function portOption(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535)
    throw new UsageError(`broker: --${name} "${text}" is not a port (0–65535)`);
  return port;
}

export async function brokerCommand(argv: string[]): Promise<number> {
  const { values } = parseOptions('broker', argv, {
    profile: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    tls: { type: 'boolean' },
    'tls-port': { type: 'string' },
    'ws-port': { type: 'string' },
    'profile-config': { type: 'string' },
    'refuse-filter': { type: 'string', multiple: true },
    'deny-publish': { type: 'string', multiple: true },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const configFile = values['profile-config'] ? path.resolve(values['profile-config']) : undefined;
  const config = configFile ? readProfileConfig(configFile) : undefined;
  const profile = values.profile ?? config?.profile;
  if (profile === undefined || !PROFILES.includes(profile))
    throw new UsageError(
      `broker: --profile ${profile === undefined ? 'is required' : `"${profile}" is unknown`}; use ${PROFILES.join(' or ')}`,
    );
  loadProfile(profile, configFile); // a config written for another profile is a usage error
  const refuseFilters = values['refuse-filter'] ?? [];
  if (refuseFilters.length > 0 && profile !== 'mqtt-3.1.1')
    throw new UsageError('broker: --refuse-filter is a setting of the mqtt-3.1.1 mode');
  const denyPublish = values['deny-publish'] ?? [];
  if (denyPublish.length > 0 && profile !== 'mqtt-3.1.1')
    throw new UsageError('broker: --deny-publish is a setting of the mqtt-3.1.1 mode');
  const wildcard = denyPublish.find((topic) => topic === '' || /[+#]/.test(topic));
  if (wildcard !== undefined)
    throw new UsageError(`broker: --deny-publish takes a topic name, not "${wildcard}"`);
  if (values['tls-port'] !== undefined && !values.tls) throw new UsageError('broker: --tls-port needs --tls');
  const host = values.host ?? '127.0.0.1';
  const port = portOption('port', values.port, 1883);
  const tlsPort = values.tls ? portOption('tls-port', values['tls-port'], 8883) : undefined;
  const webSocketPort =
    values['ws-port'] === undefined ? undefined : portOption('ws-port', values['ws-port'], 0);

  const certificate = values.tls ? selfSignedCertificate(host) : undefined;
  const options = referenceOptions({
    ...referenceSettings(config),
    ...referenceMode(profile),
    ...(refuseFilters.length > 0 ? { refuseFilters } : {}),
    ...(denyPublish.length > 0 ? { denyPublish } : {}),
    ...(certificate ? { tls: { key: certificate.key, cert: certificate.cert } } : {}),
  });
  let broker;
  try {
    broker = await startReferenceBroker(options, {
      host,
      port,
      ...(tlsPort !== undefined ? { tlsPort } : {}),
      ...(webSocketPort !== undefined ? { webSocketPort } : {}),
    });
  } catch (error) {
    certificate?.remove();
    const code = (error as NodeJS.ErrnoException).code;
    throw new InfrastructureError(
      `broker: cannot listen on ${host} (${code === 'EADDRINUSE' ? 'port in use' : error instanceof Error ? error.message : String(error)})`,
    );
  }
  console.log(
    `mqtt-harness: reference broker (${profile}) listening on ${[...broker.urls, ...(broker.webSocketUrl ? [broker.webSocketUrl] : [])].join(' and ')}`,
  );
  if (certificate) console.log(`mqtt-harness: TLS certificate (self-signed): ${certificate.certFile}`);
  console.log('mqtt-harness: Ctrl-C or SIGTERM stops it');

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  console.log(`mqtt-harness: ${signal}, closing`);
  await broker.close();
  certificate?.remove();
  return 0;
}
