/**
 * A throwaway self-signed certificate for 127.0.0.1, made by the system's `openssl` (Node cannot
 * issue X.509 certificates). Bitwarden's CLI refuses plain http:// servers; it is made to trust
 * this one through NODE_EXTRA_CA_CERTS.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface TlsCertificate {
  /** PEM certificate: also the file NODE_EXTRA_CA_CERTS must name. */
  certPath: string;
  cert: string;
  key: string;
}

export function makeSelfSignedCertificate(dir: string): TlsCertificate {
  const certPath = path.join(dir, 'standin-cert.pem');
  const keyPath = path.join(dir, 'standin-key.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        keyPath,
        '-out',
        certPath,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (error) {
    throw new Error(
      'Could not make a TLS certificate with openssl (install it: apt-get install openssl)',
      { cause: error },
    );
  }
  return {
    certPath,
    cert: fs.readFileSync(certPath, 'utf8'),
    key: fs.readFileSync(keyPath, 'utf8'),
  };
}
