import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InfrastructureError } from '../errors.ts';

/** A PEM key and certificate, and where the certificate is on disk (for clients to trust it). */
export interface SelfSignedCertificate {
  readonly key: Buffer;
  readonly cert: Buffer;
  readonly certFile: string;
  /** Deletes the files; safe to call more than once. */
  remove(): void;
}

/**
 * A throwaway self-signed certificate for `host` (valid 30 days, also for localhost and 127.0.0.1),
 * made with openssl: Node has no certificate builder, and openssl is on every machine the harness
 * supports. The files stay in a temporary directory until `remove()`.
 */
export function selfSignedCertificate(host: string): SelfSignedCertificate {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mqtt-harness-tls-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  const names = new Set([
    'DNS:localhost',
    'IP:127.0.0.1',
    /^[\d.]+$|:/.test(host) ? `IP:${host}` : `DNS:${host}`,
  ]);
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '30',
        '-subj',
        `/CN=${host}`,
        '-addext',
        `subjectAltName=${[...names].join(',')}`,
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'ignore' },
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new InfrastructureError(
      `could not make a self-signed certificate with openssl (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return {
    key: readFileSync(keyFile),
    cert: readFileSync(certFile),
    certFile,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
