/**
 * One instance's mounts or extra NICs, read when the panel opens and again whenever the core
 * announces a change to the instance (the core sends `instance.changed` after every device
 * change, from this window or the command line). A failed read is kept as text to show.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ApiRequest, ApiResponse } from '../../src-shared/api';
import { describeError } from '../actions/errors';
import { useBerth } from '../components/BerthProvider';

type ListMethod = 'mounts.list' | 'networks.list';

/** The list as last read, or why it could not be read. */
export interface DeviceList<M extends ListMethod> {
  /** Null until the first answer (or when not `enabled`). */
  items: ApiResponse<M> | null;
  error: string | null;
  reload(): Promise<void>;
}

/** Reads `method` for `instance` while `enabled`. */
export function useDeviceList<M extends ListMethod>(
  method: M,
  instance: string,
  enabled: boolean,
): DeviceList<M> {
  const { transport } = useBerth();
  const [items, setItems] = useState<ApiResponse<M> | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      // Both list methods take { instance }; TypeScript cannot see that through M.
      setItems(await transport.call(method, { instance } as ApiRequest<M>));
      setError(null);
    } catch (failure) {
      setError(describeError(failure).message);
    }
  }, [transport, method, instance]);

  useEffect(() => {
    if (!enabled) return;
    void reload();
    return transport.on('instance.changed', (changed) => {
      if (changed.name === instance) void reload();
    });
  }, [enabled, reload, transport, instance]);

  return { items, error, reload };
}
