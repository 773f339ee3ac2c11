import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface ServiceProcess {
  name: string;
  logFile: string;
  child: ChildProcess;
  /** Resolves when the process has exited, for whatever reason. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

interface StartOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
}

/**
 * Starts a service in its own process group with its output in a log file, so stopping it
 * stops everything it started too (serverless-offline forks workers, Java forks nothing).
 */
export function startProcess({ name, command, args, cwd, env, logFile }: StartOptions): ServiceProcess {
  mkdirSync(dirname(logFile), { recursive: true });
  appendFileSync(logFile, `\n--- ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);
  // The service writes straight into its log file, so it never blocks on (or dies with) a pipe to us.
  const log = openSync(logFile, 'a');
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(null));
    child.once('exit', (code) => resolve(code));
  });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      signalGroup(child.pid, 'SIGTERM');
      const timeout = new Promise<'timeout'>((r) => setTimeout(r, 5000, 'timeout').unref());
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        signalGroup(child.pid, 'SIGKILL');
        await exited;
      }
    })());

  return { name, logFile, child, exited, stop };
}

export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal); // the whole group this service leads
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** The last lines of a log, to show with a failure. */
async function tail(file: string, lines = 15): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Polls `check` until it returns true, the process dies, or time runs out. */
export async function waitUntilReady(service: ServiceProcess, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let dead = false;
  void service.exited.then(() => (dead = true));
  while (Date.now() < deadline) {
    if (dead)
      throw new StackError(`${service.name} exited while starting. Its log (${service.logFile}) ends:\n${await tail(service.logFile)}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new StackError(
    `${service.name} was not ready after ${timeoutMs / 1000} s. Its log (${service.logFile}) ends:\n${await tail(service.logFile)}`,
  );
}

/** A failure whose message already tells the user what to do: printed without a stack trace. */
export class StackError extends Error {
  override name = 'StackError';
}
