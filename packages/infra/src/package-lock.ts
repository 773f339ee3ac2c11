import { mkdir, rm, stat } from 'node:fs/promises';
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
  { waitMs = 300_000, staleMs = 300_000, pollMs = 100 }: { waitMs?: number; staleMs?: number; pollMs?: number } = {},
): Promise<T> {
  const lock = join(rootDir, '.esbuild-package.lock');
  const started = Date.now();
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than any packaging takes was left by a process that died holding it.
      const since = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (since > staleMs) await rm(lock, { recursive: true, force: true });
      else if (Date.now() - started > waitMs) {
        throw new Error(`Another \`sls package\` of this service has held ${lock} for ${Math.round(since / 1000)} s; remove it if none is running.`);
      } else await sleep(pollMs);
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
