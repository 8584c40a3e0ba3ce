/**
 * The active driver and target: from the last instance list, else from the driver probe.
 * The driver ("lxd") decides capabilities; the target ("lxd@lab") names the scope's entry in
 * drivers.list, so two entries can share a driver and only the target tells them apart.
 */
import { useStore } from 'zustand';
import type { DriverInfo } from '../../src-shared/api';
import type { DriverId } from '../../src-shared/drivers';
import { useBerth } from '../components/BerthProvider';
import { isRemoteTarget } from './driver-groups';

/** The active driver's id, or null before anything has loaded. */
export function useActiveDriver(): DriverId | null {
  const { instances, drivers } = useBerth();
  const fromList = useStore(instances, (s) => s.driver);
  const fromProbe = useStore(drivers, (s) => s.drivers.find((d) => d.isActive)?.id ?? null);
  return fromList ?? fromProbe;
}

/** The active target ("qemu", "lxd@lab"), or null before anything has loaded. */
export function useActiveTarget(): string | null {
  const { instances, drivers } = useBerth();
  const fromList = useStore(instances, (s) => s.target);
  const fromProbe = useStore(drivers, (s) => s.drivers.find((d) => d.isActive)?.target ?? null);
  return fromList ?? fromProbe;
}

/** True when the active target is a remote server (it cannot see this computer's files). */
export function useActiveIsRemote(): boolean {
  const target = useActiveTarget();
  return target !== null && isRemoteTarget(target);
}

/** The active target's probe entry, or null before the driver list has loaded. */
export function useActiveDriverInfo(): DriverInfo | null {
  const { drivers } = useBerth();
  const active = useActiveTarget();
  return useStore(drivers, (s) => s.drivers.find((d) => d.target === active) ?? null);
}
