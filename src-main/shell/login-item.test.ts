import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyLinuxAutostart,
  autostartCommand,
  autostartEntry,
  autostartFile,
  startedHidden,
  wantsStartAtLogin,
} from './login-item';

describe('start at login', () => {
  it('is on only when the setting says "true"', () => {
    expect(wantsStartAtLogin('true')).toBe(true);
    expect(wantsStartAtLogin('false')).toBe(false);
    expect(wantsStartAtLogin(undefined)).toBe(false);
  });

  it('goes into the XDG autostart folder on Linux', () => {
    expect(autostartFile({ XDG_CONFIG_HOME: '/home/u/.cfg' })).toBe(
      '/home/u/.cfg/autostart/berth.desktop',
    );
  });

  it('starts the AppImage itself rather than its temporary mount', () => {
    const env = { APPIMAGE: '/home/u/Apps/Berth.AppImage' };
    expect(autostartCommand(env, '/tmp/.mount_Berth/berth')).toBe('/home/u/Apps/Berth.AppImage');
    expect(autostartCommand({}, '/opt/Berth/berth')).toBe('/opt/Berth/berth');
  });

  it('writes an entry that starts Berth hidden, its path quoted for the desktop', () => {
    const entry = autostartEntry('/home/u/My "Apps"/Berth');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain('Exec="/home/u/My \\"Apps\\"/Berth" --hidden');
  });

  it('adds and removes the entry as the setting changes', async () => {
    const config = await mkdtemp(join(tmpdir(), 'berth-autostart-'));
    const env = { XDG_CONFIG_HOME: config };
    try {
      await applyLinuxAutostart(true, env, '/opt/Berth/berth');
      const file = join(config, 'autostart', 'berth.desktop');
      expect(await readFile(file, 'utf8')).toContain('Exec="/opt/Berth/berth" --hidden');
      await applyLinuxAutostart(false, env, '/opt/Berth/berth');
      await expect(readFile(file, 'utf8')).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(config, { recursive: true, force: true });
    }
  });

  it('keeps the window closed when started at login', () => {
    expect(startedHidden(['berth', '--hidden'], false)).toBe(true);
    expect(startedHidden(['berth'], true)).toBe(true);
    expect(startedHidden(['berth'], false)).toBe(false);
  });
});
