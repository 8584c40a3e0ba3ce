/** The launch dialog's type, mounts and networks, gated by the active target's abilities. */
import { useState } from 'react';
import type { ApiRequest, DriverInfo } from '../../src-shared/api';
import { deviceBlockReason } from '../../src-shared/predicates';
import { useActiveDriverInfo, useActiveIsRemote } from '../drivers/use-active-driver';
import {
  extrasProblems,
  extrasRequest,
  type LaunchExtras,
  NO_EXTRAS,
  type RowProblems,
} from './launch-extras';

/** A new instance, as the device predicates see it. */
const NEW_INSTANCE = { state: 'stopped', deleted: false } as const;

/** What the dialog gets from the hook. */
export interface LaunchExtrasState {
  driver: DriverInfo | null;
  extras: LaunchExtras;
  setExtras(update: (extras: LaunchExtras) => LaunchExtras): void;
  mountBlock: string | null;
  networkBlock: string | null;
  problems: RowProblems;
  /** The request's type, mounts and networks; blocked kinds are left out. */
  request(): Pick<ApiRequest<'instances.launch'>, 'type' | 'mounts' | 'networks'>;
}

/** The extras' state for the active target. */
export function useLaunchExtras(): LaunchExtrasState {
  const driver = useActiveDriverInfo();
  const remote = useActiveIsRemote();
  const [extras, setExtras] = useState<LaunchExtras>(NO_EXTRAS);
  const block = (action: 'mount' | 'network') =>
    driver
      ? deviceBlockReason(action, NEW_INSTANCE, driver.id, remote)
      : 'Waiting for the driver list';
  const mountBlock = block('mount');
  const networkBlock = block('network');
  // Rows typed before a block appeared (the driver list changed) are not sent.
  const usable: LaunchExtras = {
    ...extras,
    mounts: mountBlock ? [] : extras.mounts,
    networks: networkBlock ? [] : extras.networks,
  };

  return {
    driver,
    extras,
    setExtras,
    mountBlock,
    networkBlock,
    problems: extrasProblems(usable),
    request: () => extrasRequest(usable, driver?.instanceTypes ?? []),
  };
}
