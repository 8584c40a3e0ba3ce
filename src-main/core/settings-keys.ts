/**
 * The settings Berth knows, each with its default and a check that returns a human reason
 * when a value is not acceptable. Unknown keys are refused rather than stored.
 */
import {
  type DriverId,
  defaultDriver,
  driversForHost,
  type HostOs,
  normaliseDriverName,
} from '../../src-shared/drivers';
import { instanceNameProblem } from '../../src-shared/names';
import { parseTarget } from '../../src-shared/targets';

/** Facts about this computer that settings depend on. */
export interface HostFacts {
  os: HostOs;
  arch: string;
  windowsEdition: 'home' | 'pro' | 'enterprise' | 'education' | null;
}

/** One known setting. */
export interface SettingDefinition {
  key: string;
  defaultValue(host: HostFacts): string;
  /** Returns the value to store (normalised), or throws nothing and returns a reason. */
  normalise(value: string, host: HostFacts): { value: string } | { problem: string };
}

const oneOf = (key: string, choices: readonly string[], fallback: string): SettingDefinition => ({
  key,
  defaultValue: () => fallback,
  normalise: (value) =>
    choices.includes(value)
      ? { value }
      : { problem: `${key} must be one of: ${choices.join(', ')}` },
});

const driverSetting: SettingDefinition = {
  key: 'local.driver',
  defaultValue: (host) => defaultDriver(host.os, host.arch, host.windowsEdition),
  // A driver of this computer, or "lxd@<remote>"; the core checks that the remote exists.
  normalise: (value, host) => {
    const [driverPart = '', remote] = value.trim().split('@');
    const id: DriverId | null = normaliseDriverName(driverPart);
    const allowed = driversForHost(host.os);
    if (!id || !allowed.includes(id)) {
      return {
        problem: `"${value}" is not a driver on this computer; choose ${allowed.join(', ')}`,
      };
    }
    const target = remote === undefined ? id : `${id}@${remote}`;
    if (!parseTarget(target)) {
      return { problem: `"${value}" is not a driver target; remotes are written lxd@<name>` };
    }
    return { value: target };
  },
};

const primaryName: SettingDefinition = {
  key: 'client.primary-name',
  defaultValue: () => 'primary',
  normalise: (value) => {
    if (value === '') return { value };
    const problem = instanceNameProblem(value, 'Primary instance name');
    return problem ? { problem } : { value };
  },
};

/** URIs of a libvirt QEMU daemon: local system or session, or remote (qemu+ssh://host/system). */
const LIBVIRT_URI = /^(qemu|test)(\+[a-z0-9]+)?:\/\/[^\s/]*\/[^\s]*$/;

const libvirtUri: SettingDefinition = {
  key: 'libvirt.uri',
  defaultValue: () => 'qemu:///system',
  normalise: (value) =>
    LIBVIRT_URI.test(value.trim())
      ? { value: value.trim() }
      : {
          problem:
            'libvirt.uri must be a libvirt QEMU URI such as qemu:///system, ' +
            'qemu:///session or qemu+ssh://host/system',
        },
};

/** Every known setting, in display order. */
export const SETTINGS: readonly SettingDefinition[] = [
  driverSetting,
  primaryName,
  oneOf('client.quit-action', ['ask', 'stop', 'leave'], 'ask'),
  oneOf('client.start-at-login', ['true', 'false'], 'false'),
  oneOf('client.log-level', ['debug', 'info', 'warn', 'error'], 'info'),
  oneOf('client.theme', ['system', 'light', 'dark'], 'system'),
  oneOf('client.tray-icon', ['show', 'hide'], 'show'),
  libvirtUri,
];

/** The definition of `key`, or null when Berth has no such setting. */
export function settingDefinition(key: string): SettingDefinition | null {
  return SETTINGS.find((s) => s.key === key) ?? null;
}
