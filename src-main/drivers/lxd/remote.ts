/**
 * Adding a remote LXD server with a trust token (made on the server by
 * `lxc config trust add`): check that the server is the one the token names, make Berth a
 * client certificate, and have the server trust it. The result is an endpoint the LXD driver
 * and its event stream use over HTTPS, with the server's certificate pinned.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { execa } from 'execa';
import * as z from 'zod';
import { BerthError } from '../../../src-shared/errors';
import { findExecutable } from '../../host/executables';
import { probeEndpoint } from './probe';
import { LxdClient, type RemoteEndpoint } from './rest-client';

/** What a trust token carries (base64 JSON, as LXD writes it). */
export const trustTokenSchema = z.object({
  client_name: z.string(),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  addresses: z.array(z.string()),
  secret: z.string().min(1),
});

/** A decoded trust token. */
export type TrustToken = z.infer<typeof trustTokenSchema>;

/** Decodes a trust token, or INVALID_INPUT saying it is not one. */
export function decodeTrustToken(token: string): TrustToken {
  try {
    const json: unknown = JSON.parse(Buffer.from(token.trim(), 'base64').toString('utf8'));
    return trustTokenSchema.parse(json);
  } catch {
    throw new BerthError('INVALID_INPUT', 'This is not an LXD trust token');
  }
}

/** A certificate's fingerprint as LXD shows it: SHA-256 of its DER bytes, in hex. */
export function certificateFingerprint(certificate: Buffer | string): string {
  const der = typeof certificate === 'string' ? new X509Certificate(certificate).raw : certificate;
  return createHash('sha256').update(der).digest('hex');
}

/** The certificate a TLS server presents, as PEM with its SHA-256 fingerprint (hex). */
export function fetchServerCertificate(url: string, timeoutMs = 10_000) {
  const { hostname, port } = new URL(url);
  return new Promise<{ pem: string; fingerprint: string }>((resolve, reject) => {
    // Unverified on purpose: the certificate is checked against the token's fingerprint next.
    const socket = connect({
      host: hostname,
      port: Number(port || 8443),
      rejectUnauthorized: false,
    });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer from ${url}`)));
    socket.on('error', reject);
    socket.on('secureConnect', () => {
      const raw = socket.getPeerCertificate().raw;
      socket.end();
      resolve({
        pem: new X509Certificate(raw).toString(),
        fingerprint: certificateFingerprint(raw),
      });
    });
  });
}

/**
 * A new self-signed client certificate and key (PEM). Node can make keys but not X.509
 * certificates, so OpenSSL's command line makes it; the key never leaves a private folder.
 */
export async function generateClientCertificate(name: string) {
  const openssl = await findExecutable('openssl', process.env.PATH ?? '');
  if (!openssl) {
    throw new BerthError('DRIVER_UNAVAILABLE', 'openssl is needed to add a remote LXD server');
  }
  const dir = await mkdtemp(join(tmpdir(), 'berth-lxd-cert-'));
  try {
    const [keyFile, certFile] = [join(dir, 'client.key'), join(dir, 'client.crt')];
    await execa(openssl, [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:secp384r1',
      '-sha384',
      '-nodes',
      '-days',
      '3650',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]);
    return { certPem: await readFile(certFile, 'utf8'), keyPem: await readFile(keyFile, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Berth's client certificate and key (PEM), presented to every remote server. */
export interface ClientIdentity {
  certPem: string;
  keyPem: string;
}

/** The server's certificate when its fingerprint is `expected`; INVALID_INPUT otherwise. */
async function pinServer(url: string, expected: string, what: string) {
  const server = await fetchServerCertificate(url).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    throw new BerthError('HYPERVISOR_ERROR', `Cannot reach the LXD server at ${url}: ${message}`);
  });
  if (server.fingerprint !== expected) {
    throw new BerthError('INVALID_INPUT', `The server at ${url} is not the one ${what}`);
  }
  return server;
}

/** Checks that the server answers and trusts Berth; DRIVER_UNAVAILABLE with the reason. */
async function checkUsable(endpoint: RemoteEndpoint): Promise<RemoteEndpoint> {
  const { probe } = await probeEndpoint(endpoint);
  if (!probe.available) {
    const fix = probe.fix ? ` (${probe.fix})` : '';
    throw new BerthError('DRIVER_UNAVAILABLE', `${probe.reason ?? 'unusable'}${fix}`);
  }
  return endpoint;
}

/**
 * Trusts Berth on the server at `url` with `token` (made there by `lxc config trust add`);
 * returns the endpoint to reach it. `identity` is Berth's certificate; a new one when absent.
 */
export async function addRemote(
  url: string,
  token: string,
  clientName: string,
  identity?: ClientIdentity,
) {
  const decoded = decodeTrustToken(token);
  const server = await pinServer(url, decoded.fingerprint, 'this trust token was made on');
  const endpoint: RemoteEndpoint = {
    url,
    ...(identity ?? (await generateClientCertificate(clientName))),
    serverCertPem: server.pem,
  };
  // LXD 5.0 reads the token from `password`; newer servers from `trust_token`.
  const body = { type: 'client', name: clientName, password: token, trust_token: token };
  await new LxdClient(endpoint)
    .run('POST', '/1.0/certificates', { json: body })
    .catch((error: unknown) => {
      const reason = error instanceof Error ? error.message.replace(/^LXD: /, '') : String(error);
      const message = `The LXD server at ${url} refused the trust token (${reason})`;
      throw new BerthError('INVALID_INPUT', message);
    });
  return checkUsable(endpoint);
}

/**
 * Connects to a server that already trusts Berth's certificate (its administrator ran
 * `lxc config trust add` with it), pinning the server certificate whose SHA-256 is
 * `fingerprint`, as `lxc info` on the server shows it.
 */
export async function addTrustedRemote(url: string, fingerprint: string, identity: ClientIdentity) {
  const expected = fingerprint.toLowerCase().replace(/:/g, '');
  if (!/^[0-9a-f]{64}$/.test(expected)) {
    throw new BerthError(
      'INVALID_INPUT',
      'A server fingerprint is 64 hexadecimal digits (SHA-256)',
    );
  }
  const server = await pinServer(url, expected, `with fingerprint ${expected.slice(0, 12)}…`);
  return checkUsable({ url, ...identity, serverCertPem: server.pem });
}
