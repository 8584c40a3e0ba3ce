/** The active driver: from the last instance list, else from the driver probe. */
import { useStore } from 'zustand';
import type { DriverInfo } from '../../src-shared/api';
import type { DriverId } from '../../src-shared/drivers';
import { useBerth } from '../components/BerthProvider';

/** The active driver's id, or null before anything has loaded. */
export function useActiveDriver(): DriverId | null {
  const { instances, drivers } = useBerth();
  const fromList = useStore(instances, (s) => s.driver);
  const fromProbe = useStore(drivers, (s) => s.drivers.find((d) => d.isActive)?.id ?? null);
  return fromList ?? fromProbe;
}

/** The active driver's probe entry, or null before the driver list has loaded. */
export function useActiveDriverInfo(): DriverInfo | null {
  const { drivers } = useBerth();
  const active = useActiveDriver();
  return useStore(drivers, (s) => s.drivers.find((d) => d.id === active) ?? null);
}
