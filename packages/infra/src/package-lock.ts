import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * `sls package` writes every artefact to `<service>/.serverless`, copies them to `--package`,
 * then deletes that folder. Two packagings of this service at once (the infra and bench tests run
 * in parallel, and `pnpm bench` may run beside them) take or delete each other's zips. This lock
 * lets one packaging run at a time, across processes: `mkdir` either creates the folder or fails.
 */
export async function withPackageLock<T>(
  rootDir: string,
  work: () => Promise<T>,
  {
    waitMs = 300_000,
    staleMs = 300_000,
    pollMs = 100,
    onWait,
  }: {
    waitMs?: number;
    staleMs?: number;
    pollMs?: number /** Called once if the lock is taken: say why nothing happens. */;
    onWait?: () => void;
  } = {},
): Promise<T> {
  const lock = join(rootDir, '.esbuild-package.lock');
  const started = Date.now();
  let waiting = false;
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await abandoned(lock, staleMs)) await rm(lock, { recursive: true, force: true });
      else if (Date.now() - started > waitMs) {
        throw new Error(
          `Another \`sls package\` of this service has held ${lock} for over ${Math.round(waitMs / 1000)} s; remove it if none is running.`,
        );
      } else {
        if (!waiting) onWait?.();
        waiting = true;
        await sleep(pollMs);
      }
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/**
 * Left by a process that is gone (an interrupted test run); or, when the holder is unknown (no pid
 * written: an older lock), older than any packaging takes. A live holder keeps it however long it
 * runs (a deploy can take minutes).
 */
async function abandoned(lock: string, staleMs: number): Promise<boolean> {
  const holder = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
  if (holder > 0) return !alive(holder);
  const age = await stat(lock).then(
    (s) => Date.now() - s.mtimeMs,
    () => 0,
  );
  return age > staleMs;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
