/** Handlers for remote servers (`remotes.*`). */
import type { ApiHandlers } from '../transports/dispatcher';
import type { BerthCore } from './berth-core';
import { addRemoteServer, clientCertificate, removeRemoteServer } from './remote-ops';

type RemoteMethods = 'remotes.list' | 'remotes.add' | 'remotes.remove' | 'remotes.certificate';

/** The `remotes.*` handlers over the core. */
export function remoteHandlers(core: BerthCore): Pick<ApiHandlers, RemoteMethods> {
  return {
    'remotes.list': async () => core.parts.remotes.list(),
    'remotes.add': (p) => addRemoteServer(core, p),
    'remotes.certificate': () => clientCertificate(core),
    'remotes.remove': async (p) => {
      await removeRemoteServer(core, p.name, p.force ?? false);
      return { ok: true };
    },
  };
}
