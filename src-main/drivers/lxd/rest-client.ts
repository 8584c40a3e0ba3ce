/**
 * A small typed client for LXD's REST API, over its unix socket (local) or HTTPS with a client
 * certificate (remote). Every answer is checked against a zod schema; async answers are
 * operations, awaited through `/operations/<id>/wait`.
 *
 * It uses Node's own `http` module: it speaks HTTP over a unix socket (`socketPath`) and HTTPS
 * with client certificates, is maintained with Node itself, and adds no dependency. (undici is
 * only present as a transitive dependency here, so Berth does not rely on it.)
 */
import { type RequestOptions, request } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { BerthError } from '../../../src-shared/errors';
import { envelopeSchema, type LxdEnvelope, type LxdOperation, operationSchema } from './schemas';

/** A remote server's address and the TLS material to reach it. */
export interface RemoteEndpoint {
  /** e.g. "https://127.0.0.1:8443". */
  url: string;
  /** Berth's client certificate and key (PEM), trusted by the server. */
  certPem: string;
  keyPem: string;
  /** The server's own certificate (PEM), pinned when the remote was added. */
  serverCertPem: string;
}

/** Where the daemon listens: a local unix socket, or a remote server over HTTPS. */
export type LxdEndpoint = { socketPath: string } | RemoteEndpoint;

/** True for a remote (HTTPS) endpoint. */
export function isRemote(endpoint: LxdEndpoint): endpoint is RemoteEndpoint {
  return 'url' in endpoint;
}

const agents = new WeakMap<RemoteEndpoint, Agent>();

/** An HTTPS agent that presents Berth's certificate and trusts only the pinned server one. */
export function pinnedAgent(endpoint: RemoteEndpoint): Agent {
  let agent = agents.get(endpoint);
  if (!agent) {
    agent = new Agent({
      cert: endpoint.certPem,
      key: endpoint.keyPem,
      ca: endpoint.serverCertPem,
      // LXD's self-signed certificate names the server's host, not the address dialled; the
      // pin (that certificate as the only CA) is what proves the server's identity.
      checkServerIdentity: () => undefined,
      keepAlive: true,
    });
    agents.set(endpoint, agent);
  }
  return agent;
}

function requestOptions(endpoint: LxdEndpoint): RequestOptions {
  if (!isRemote(endpoint)) return { socketPath: endpoint.socketPath };
  const url = new URL(endpoint.url);
  return { host: url.hostname, port: url.port || 8443, agent: pinnedAgent(endpoint) };
}

/** An error answer from LXD, with its HTTP status (404 when something does not exist). */
export class LxdApiError extends BerthError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super('HYPERVISOR_ERROR', `LXD: ${message}`);
  }
}

/** A raw HTTP answer. */
export interface RawAnswer {
  status: number;
  body: Buffer;
}

/** What a request may carry. */
export interface RequestBody {
  json?: unknown;
  stream?: Readable;
  headers?: Record<string, string>;
  /** Aborts the request (e.g. a cancelled launch during an image upload). */
  signal?: AbortSignal;
}

const REQUEST_TIMEOUT_MS = 30_000;

/** The LXD REST client, bound to one project. */
export class LxdClient {
  constructor(
    readonly endpoint: LxdEndpoint,
    readonly project: string | null = null,
  ) {}

  /** The same client bound to `project`. */
  inProject(project: string): LxdClient {
    return new LxdClient(this.endpoint, project);
  }

  /** `path` with this client's project added to the query string. */
  withProject(path: string): string {
    if (!this.project) return path;
    const separator = path.includes('?') ? '&' : '?';
    return `${path}${separator}project=${encodeURIComponent(this.project)}`;
  }

  /** Sends one request and returns the status and body as they came. */
  raw(method: string, path: string, body: RequestBody = {}, timeoutMs = REQUEST_TIMEOUT_MS) {
    return new Promise<RawAnswer>((resolve, reject) => {
      const headers: Record<string, string> = { ...body.headers };
      const payload = body.json === undefined ? null : Buffer.from(JSON.stringify(body.json));
      if (payload) headers['Content-Type'] = 'application/json';
      const send = isRemote(this.endpoint) ? httpsRequest : request;
      const req = send(
        {
          ...requestOptions(this.endpoint),
          method,
          path,
          headers,
          timeout: timeoutMs,
          ...(body.signal ? { signal: body.signal } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      if (body.stream) body.stream.on('error', (error) => req.destroy(error)).pipe(req);
      else req.end(payload ?? undefined);
    });
  }

  /** Sends a request in this project and returns its checked envelope; errors throw. */
  async envelope(method: string, path: string, body: RequestBody = {}): Promise<LxdEnvelope> {
    const answer = await this.raw(method, this.withProject(path), body).catch((error: unknown) => {
      if (body.signal?.aborted)
        throw new BerthError('CANCELLED', `${method} ${path} was cancelled`);
      const message = error instanceof Error ? error.message : String(error);
      throw new BerthError('HYPERVISOR_ERROR', `LXD did not answer ${method} ${path}: ${message}`);
    });
    const parsed = envelopeSchema.safeParse(parseJson(answer.body));
    if (!parsed.success) {
      throw new LxdApiError(answer.status, `unexpected answer to ${method} ${path}`);
    }
    if (parsed.data.type === 'error') {
      throw new LxdApiError(parsed.data.error_code ?? answer.status, parsed.data.error ?? 'error');
    }
    return parsed.data;
  }

  /** GETs `path` and checks its metadata with `schema`. */
  async get<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
    const envelope = await this.envelope('GET', path);
    return checked(schema, envelope.metadata, `GET ${path}`);
  }

  /** GETs `path`, or null when LXD answers 404. */
  async find<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S> | null> {
    try {
      return await this.get(path, schema);
    } catch (error) {
      if (error instanceof LxdApiError && error.status === 404) return null;
      throw error;
    }
  }

  /**
   * Sends a request and, when LXD answers with an operation, waits for it to finish.
   * Resolves with the finished operation (or null for a sync answer); a failed one throws.
   */
  async run(
    method: string,
    path: string,
    body: RequestBody = {},
    timeoutMs = 120_000,
  ): Promise<LxdOperation | null> {
    const envelope = await this.envelope(method, path, body);
    if (envelope.type !== 'async' || !envelope.operation) return null;
    return this.waitOperation(envelope.operation, timeoutMs);
  }

  /** Waits for operation `operationPath` (e.g. "/1.0/operations/<id>"); failures throw. */
  async waitOperation(operationPath: string, timeoutMs: number): Promise<LxdOperation> {
    const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    const path = `${operationPath.split('?')[0]}/wait?timeout=${seconds}`;
    const answer = await this.raw('GET', this.withProject(path), {}, timeoutMs + 5_000);
    const parsed = envelopeSchema.safeParse(parseJson(answer.body));
    if (!parsed.success || parsed.data.type === 'error') {
      const message = parsed.success ? parsed.data.error : 'unreadable answer';
      throw new LxdApiError(answer.status, `operation ${operationPath}: ${message}`);
    }
    const operation = checked(operationSchema, parsed.data.metadata, path);
    if (operation.status === 'Running' || operation.status === 'Pending') {
      throw new BerthError('TIMEOUT', `LXD operation still running after ${seconds} s`);
    }
    if (operation.status !== 'Success') {
      throw new LxdApiError(operation.status_code, operation.err || operation.status);
    }
    return operation;
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}

/** `value` checked against `schema`, or a HYPERVISOR_ERROR naming what was asked. */
export function checked<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new BerthError('HYPERVISOR_ERROR', `LXD gave an unexpected answer to ${what}`, [
    parsed.error.message.slice(0, 500),
  ]);
}
