/**
 * Runs a command in an instance through LXD's exec API, without SSH: the output is recorded
 * by LXD, read back from the instance's log files, then those files are removed.
 */
import type { LxdClient } from './rest-client';
import { execResultSchema } from './schemas';

/** What a command did. */
export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `argv` in instance `name` and waits for it to end (at most `timeoutMs`). */
export async function execInGuest(
  client: LxdClient,
  name: string,
  argv: string[],
  timeoutMs = 60_000,
): Promise<ExecResult> {
  const body = {
    command: argv,
    environment: {
      HOME: '/root',
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    },
    'wait-for-websocket': false,
    interactive: false,
    'record-output': true,
  };
  const operation = await client.run(
    'POST',
    `/1.0/instances/${name}/exec`,
    { json: body },
    timeoutMs,
  );
  const result = execResultSchema.parse(operation?.metadata ?? {});
  const [stdout, stderr] = await Promise.all([
    readLog(client, result.output['1']),
    readLog(client, result.output['2']),
  ]);
  return { code: result.return, stdout, stderr };
}

/** Reads one recorded output file and deletes it (best effort: they pile up otherwise). */
async function readLog(client: LxdClient, path: string | undefined): Promise<string> {
  if (!path) return '';
  const answer = await client.raw('GET', client.withProject(path));
  await client.raw('DELETE', client.withProject(path)).catch(() => undefined);
  return answer.status === 200 ? answer.body.toString('utf8') : '';
}
