/** Points a fake transport at another active target, with the driver list to match. */
import type { DriverInfo } from '../../src-shared/api';
import { parseTarget, scopeOfTarget } from '../../src-shared/targets';
import type { FakeTransport } from './fake-transport';

/** Makes `target` the fake's active target; `drivers` is what drivers.list answers. */
export function activateTarget(fake: FakeTransport, target: string, drivers: DriverInfo[]): void {
  const parsed = parseTarget(target);
  if (!parsed) throw new Error(`not a target: ${target}`);
  fake.driver = parsed.driver;
  fake.target = target;
  fake.scope = scopeOfTarget(target, 'linux');
  const marked = drivers.map((d) => ({ ...d, isActive: d.target === target }));
  fake.handle('drivers.list', () => marked);
}
