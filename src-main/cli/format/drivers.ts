/** How `berth drivers` shows each driver: availability, version, acceleration, capabilities. */
import type { DriverInfo } from '../../../src-shared/api';
import type { View } from './render';
import { renderTable } from './table';

const HEADERS = [
  'Driver',
  'Active',
  'Default',
  'Available',
  'Version',
  'Acceleration',
  'Scope',
  'Instances',
  'Capabilities',
];

const CAPABILITY_NAMES: Readonly<Record<keyof DriverInfo['capabilities'], string>> = {
  nativeMounts: 'mounts',
  extraNetworks: 'networks',
  snapshots: 'snapshots',
  suspend: 'suspend',
};

/** The capabilities a driver has, by short name ("mounts, snapshots"), or "--". */
export function capabilityList(driver: DriverInfo): string {
  const names = Object.entries(CAPABILITY_NAMES)
    .filter(([key]) => driver.capabilities[key as keyof DriverInfo['capabilities']])
    .map(([, name]) => name);
  return names.length > 0 ? names.join(', ') : '--';
}

function row(d: DriverInfo): string[] {
  return [
    d.target,
    d.isActive ? 'yes' : '',
    d.isDefault ? 'yes' : '',
    d.available ? 'yes' : 'no',
    d.version ?? '--',
    d.acceleration ?? '--',
    d.scope,
    String(d.instanceCount),
    capabilityList(d),
  ];
}

/** Lines under the table: why a driver is unavailable and how to fix it, and warnings. */
function notes(drivers: readonly DriverInfo[]): string {
  const lines: string[] = [];
  for (const d of drivers) {
    if (d.remote) lines.push(`${d.target}: remote server ${d.remote.url}`);
    if (d.clusterMembers.length > 0) {
      lines.push(`${d.target}: cluster members: ${d.clusterMembers.join(', ')}`);
    }
    if (d.reason) lines.push(`${d.target}: ${d.reason}`);
    if (d.fix) lines.push(`  fix: ${d.fix}`);
    for (const warning of d.warnings) lines.push(`${d.target}: warning: ${warning}`);
  }
  return lines.length > 0 ? `\n${lines.join('\n')}\n` : '';
}

/** `berth drivers`. */
export function driversView(drivers: readonly DriverInfo[]): View {
  return {
    data: drivers,
    table: () => renderTable(HEADERS, drivers.map(row)) + notes(drivers),
    csv: () => [HEADERS, ...drivers.map(row)],
  };
}
