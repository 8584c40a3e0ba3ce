/** `berth launch`: create an instance from a local image or an image alias and start it. */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiRequest } from '../../../src-shared/api';
import { BerthError } from '../../../src-shared/errors';
import { parseSize, resourceProblem } from '../../../src-shared/names';
import { validateUserData } from '../../../src-shared/user-data';
import { parseImageAlias } from '../../core/image-alias';
import { checkNames, expectPositionals, parseCommandArgs, parseWholeNumber } from '../args';
import type { Command } from '../command';
import { EXIT } from '../errors';
import { runOperation } from '../operation';
import { usageText } from '../usage';
import { parseMountFlag, parseTypeFlags } from './device-args';

const usage = usageText({
  synopsis: ['launch <image> [options]'],
  description: [
    'Create an instance from a disk image and start it. <image> is a path or a file:// URL;',
    'relative paths are resolved against the current directory. Under LXD, <image> may also',
    'be an image alias LXD downloads: images:debian/12, ubuntu:24.04 or ubuntu-daily:noble.',
    'Progress is shown on stderr; Ctrl-C cancels the launch.',
  ].join('\n'),
  options: [
    ['-n, --name <name>', 'Instance name: letters, digits, hyphens (default: a generated name)'],
    ['-c, --cpus <count>', 'Number of CPUs (default 1)'],
    ['-m, --memory <size>', 'Memory, e.g. 1G or 512M (default 1G, at least 512M)'],
    ['-d, --disk <size>', 'Disk size, e.g. 5G (default 5G, at least 1G)'],
    ['--kernel <path>', "Boot this kernel directly instead of the disk's boot loader"],
    ['--initrd <path>', 'Initial ramdisk for --kernel'],
    ['--cmdline <text>', 'Kernel command line for --kernel'],
    ['--cloud-init <file>', 'cloud-init user-data to apply on first boot'],
    ['--mount <src>[:<dst>]', 'Share host folder <src> at <dst> (default: same path); repeatable'],
    ['--network <bridge>', 'Add a NIC on this host bridge; repeatable'],
    ['--container', 'Launch a system container (LXD)'],
    ['--vm', 'Launch a virtual machine (LXD: where the server can run them)'],
    ['--type <type>', 'container or vm, as --container and --vm'],
    ['--timeout <seconds>', 'How long to wait for the instance to be ready (1-3600, default 300)'],
  ],
});

const options = {
  name: { type: 'string', short: 'n' },
  cpus: { type: 'string', short: 'c' },
  memory: { type: 'string', short: 'm' },
  disk: { type: 'string', short: 'd' },
  kernel: { type: 'string' },
  initrd: { type: 'string' },
  cmdline: { type: 'string' },
  'cloud-init': { type: 'string' },
  mount: { type: 'string', multiple: true },
  network: { type: 'string', multiple: true },
  container: { type: 'boolean' },
  vm: { type: 'boolean' },
  type: { type: 'string' },
  timeout: { type: 'string' },
} as const;

/** A checked launch: the request minus what is only known later, and the user-data file. */
export interface LaunchPlan {
  request: Omit<ApiRequest<'instances.launch'>, 'operationId' | 'userData'>;
  /** Absolute path of the --cloud-init file, read just before sending. */
  cloudInitPath: string | null;
}

/**
 * Parses and checks `launch` arguments with the core's rules, so mistakes are reported before
 * anything is sent. Relative paths are resolved against `cwd`.
 */
export function parseLaunchArgs(argv: string[], cwd: string): LaunchPlan {
  const { values, positionals } = parseCommandArgs(argv, options, usage);
  expectPositionals(positionals, ['<image>'], usage);
  const request: LaunchPlan['request'] = { image: localPath(positionals[0] ?? '', cwd) };

  if (values.name !== undefined) {
    checkNames([values.name]);
    request.name = values.name;
  }
  if (values.cpus !== undefined) request.cpus = parseCpus(values.cpus);
  if (values.memory !== undefined) request.memoryBytes = parseResource(values.memory, 'memory');
  if (values.disk !== undefined) request.diskBytes = parseResource(values.disk, 'disk');
  if (values.kernel !== undefined) request.kernel = localPath(values.kernel, cwd);
  if (values.initrd !== undefined) request.initrd = localPath(values.initrd, cwd);
  if (values.cmdline !== undefined) request.cmdline = values.cmdline;
  if (request.initrd && !request.kernel) invalid('An initrd needs a kernel (--kernel)');
  if (values.timeout !== undefined) {
    request.timeoutSec = parseWholeNumber(values.timeout, '--timeout', 1, 3600);
  }
  const type = parseTypeFlags(values, usage);
  if (type) request.type = type;
  if (values.mount) request.mounts = values.mount.map((spec) => parseMountFlag(spec, cwd));
  if (values.network) request.networks = values.network.map((bridge) => ({ bridge }));

  const cloudInit = values['cloud-init'];
  return { request, cloudInitPath: cloudInit === undefined ? null : resolve(cwd, cloudInit) };
}

function invalid(message: string): never {
  throw new BerthError('INVALID_INPUT', message);
}

/**
 * Makes a path absolute; file:// URLs become paths; image aliases and other URLs go to the
 * core to judge.
 */
function localPath(location: string, cwd: string): string {
  if (parseImageAlias(location)) return location;
  if (location.startsWith('file:')) {
    try {
      return fileURLToPath(location);
    } catch {
      invalid(`"${location}" is not a valid file:// URL`);
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location) || isAbsolute(location)) return location;
  return resolve(cwd, location);
}

function parseCpus(value: string): number {
  const cpus = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isNaN(cpus)) invalid(`Invalid number of CPUs "${value}"`);
  const problem = resourceProblem('cpus', cpus);
  if (problem) invalid(problem);
  return cpus;
}

function parseResource(value: string, kind: 'memory' | 'disk'): number {
  const bytes = parseSize(value);
  if (bytes === null) invalid(`Invalid ${kind} size "${value}"; use e.g. 512M, 1G or 1.5G`);
  const problem = resourceProblem(kind, bytes);
  if (problem) invalid(problem);
  return bytes;
}

/** Reads and checks the user-data file, with the core's message when it is unusable. */
async function readUserData(path: string): Promise<string> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) =>
    invalid(`Cannot read cloud-init file "${path}": ${error.code ?? error.message}`),
  );
  const problem = validateUserData(text);
  if (problem) invalid(problem);
  return text;
}

/** The `launch` command. */
export const launchCommand: Command = {
  name: 'launch',
  summary: 'Create and start an instance from a disk image or an image alias',
  usage,
  run: async (argv, ctx) => {
    const plan = parseLaunchArgs(argv, ctx.cwd);
    const userData = plan.cloudInitPath ? await readUserData(plan.cloudInitPath) : undefined;
    const request = userData === undefined ? plan.request : { ...plan.request, userData };

    const instance = await ctx.session.withClient((client) =>
      runOperation(ctx, client, (operationId) =>
        client.call('instances.launch', { ...request, operationId }),
      ),
    );
    ctx.output.out(`Launched: ${instance.name}\n`);
    return EXIT.ok;
  },
};
