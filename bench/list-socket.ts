/** `list` as a second `berth` process sees it: a request over the owner's local socket. */
import type { Core } from '../src-main/core/core';
import { connectLocalSocket } from '../src-main/transports/local-socket-client';
import { serveLocalSocket } from '../src-main/transports/local-socket-server';
import { socketPathFor } from '../src-main/transports/socket-path';
import { since } from './stats';

/** Serves `core` on its socket and times `rounds` list calls from a client; milliseconds. */
export async function listOverSocket(core: Core, dataDir: string, rounds: number) {
  const path = socketPathFor(dataDir);
  const server = await serveLocalSocket(core.dispatcher, path, { dataDir });
  const client = await connectLocalSocket(path);
  const times: number[] = [];
  try {
    for (let i = 0; i < rounds; i += 1) {
      const started = performance.now();
      await client.call('instances.list', {});
      times.push(since(started));
    }
  } finally {
    await client.close();
    await server.close();
  }
  return times;
}
