// The benchmarked `next start` process: starting it, and reading its memory and CPU time from /proc.
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { runNext } from '@/lib/app-build';

/** Starts `next start` on `port` with `env` and resolves once /api/health answers; throws with its output otherwise. */
export async function startServer(env: NodeJS.ProcessEnv, port: string): Promise<ChildProcess> {
  const child = runNext(['start', '--port', port], env, 'pipe');
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app server exited early:\n${output}`);
    if (await fetch(`http://localhost:${port}/api/health`).then((response) => response.ok, () => false)) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app server did not answer within 90 s:\n${output}`);
}

/** Stops the server: SIGTERM, then SIGKILL after 10 s. */
export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
}

// `next start` and any process it started, from /proc.
async function processTree(pid: number): Promise<number[]> {
  const tasks = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  const children = tasks.split(/\s+/).filter(Boolean).map(Number);
  return [pid, ...(await Promise.all(children.map(processTree))).flat()];
}

/** Resident memory (VmRSS) of the server and its children, in MB. */
export async function serverMemoryMb(pid: number): Promise<number> {
  const rssOf = async (id: number) => {
    const status = await readFile(`/proc/${id}/status`, 'utf8').catch(() => '');
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  };
  const kilobytes = (await Promise.all((await processTree(pid)).map(rssOf))).reduce((sum, value) => sum + value, 0);
  return kilobytes / 1024;
}

/** CPU time the server has used so far, user and system, in milliseconds (/proc counts in USER_HZ, 100 a second). */
export async function serverCpuMs(pid: number): Promise<number> {
  const cpuOf = async (id: number) => {
    const stat = await readFile(`/proc/${id}/stat`, 'utf8').catch(() => '');
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
  };
  return (await Promise.all((await processTree(pid)).map(cpuOf))).reduce((sum, value) => sum + value, 0);
}

/**
 * CPU time the PostgreSQL server has used so far, in milliseconds: every live process of it, and the backends that
 * have exited since (the postmaster reaps them, and /proc counts their time as its children's: cutime and cstime),
 * so a pool closing idle connections does not make the figure go backwards.
 */
export async function databaseCpuMs(postmasterPid: number): Promise<number> {
  const cpuOf = async (id: number) => {
    const stat = await readFile(`/proc/${id}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return [11, 12, 13, 14].reduce((sum, field) => sum + Number(fields[field] ?? 0), 0) * 10;
  };
  return (await Promise.all((await processTree(postmasterPid)).map(cpuOf))).reduce((sum, value) => sum + value, 0);
}

/** The pid of the PostgreSQL server behind `pool`: the parent of the backend serving one of its connections. */
export async function databaseServerPid(pool: { query: (text: string) => Promise<{ rows: Array<{ pid: number }> }> }): Promise<number> {
  const { rows } = await pool.query('SELECT pg_backend_pid() AS pid');
  const status = await readFile(`/proc/${rows[0]?.pid ?? 0}/status`, 'utf8').catch(() => '');
  return Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
}
