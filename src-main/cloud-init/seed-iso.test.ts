import { mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../core/logger';
import { buildSeedDocuments } from './seed-documents';
import { findIsoTool, findIsoTools, writeSeedIso } from './seed-iso';

const documents = buildSeedDocuments({
  instanceName: 'seed-test',
  instanceId: 'i-seed-test',
  macAddress: '52:54:00:12:34:56',
  publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBERTHTESTKEY berth@test',
  sshUser: 'ubuntu',
});
const tools = await findIsoTools();
const isoinfo = await findOnPathForTest('isoinfo');

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'berth-iso-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The ISO 9660 volume identifier: 32 bytes at offset 32808 (sector 16, byte 40). */
async function volumeLabel(isoPath: string): Promise<string> {
  const file = await open(isoPath, 'r');
  try {
    const { buffer } = await file.read(Buffer.alloc(32), 0, 32, 32_808);
    return buffer.toString('ascii').trimEnd();
  } finally {
    await file.close();
  }
}

async function findOnPathForTest(name: string): Promise<string | null> {
  const result = await execa('which', [name], { reject: false });
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

describe.skipIf(tools.length === 0)('writeSeedIso', () => {
  it.each(tools.map((tool) => [tool.name, tool] as const))(
    'builds a cidata volume holding the seed files with %s',
    async (_name, tool) => {
      const isoPath = join(folder, 'seed.iso');

      await writeSeedIso(isoPath, documents, { log: silentLogger, tool });

      expect(await volumeLabel(isoPath)).toBe('cidata');
      const bytes = await readFile(isoPath);
      for (const text of Object.values(documents)) expect(bytes.includes(text)).toBe(true);
      if (isoinfo) {
        const listing = await execa(isoinfo, ['-R', '-f', '-i', isoPath]);
        const names = listing.stdout.split('\n').map((line) => line.trim());
        expect(names.sort()).toEqual([
          '/meta-data',
          '/network-config',
          '/user-data',
          '/vendor-data',
        ]);
      }
    },
  );

  it('leaves no temporary files behind', async () => {
    await writeSeedIso(join(folder, 'seed.iso'), documents, { log: silentLogger });

    expect(await readdir(folder)).toEqual(['seed.iso']);
  });

  it('stops with CANCELLED when aborted', async () => {
    const attempt = writeSeedIso(join(folder, 'seed.iso'), documents, {
      log: silentLogger,
      signal: AbortSignal.abort(),
    });

    await expect(attempt).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await readdir(folder)).toEqual([]);
  });
});

describe('findIsoTool', () => {
  it('is null when no tool is on the PATH', async () => {
    expect(await findIsoTool(folder)).toBeNull();
  });

  it('prefers genisoimage when it is installed', async () => {
    const first = await findIsoTool();
    if (tools.some((tool) => tool.name === 'genisoimage')) expect(first?.name).toBe('genisoimage');
    else expect(first).toEqual(tools[0] ?? null);
  });
});

describe('writeSeedIso without a usable tool', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('says what to install when no tool is on the PATH', async () => {
    vi.stubEnv('PATH', folder);

    const attempt = writeSeedIso(join(folder, 'seed.iso'), documents, { log: silentLogger });

    await expect(attempt).rejects.toMatchObject({
      code: 'DRIVER_UNAVAILABLE',
      message: expect.stringContaining('apt install genisoimage'),
    });
  });

  it('reports a tool that cannot run', async () => {
    const tool = { name: 'genisoimage', path: join(folder, 'missing') } as const;

    const attempt = writeSeedIso(join(folder, 'seed.iso'), documents, { log: silentLogger, tool });

    await expect(attempt).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(await readdir(folder)).toEqual([]);
  });
});
