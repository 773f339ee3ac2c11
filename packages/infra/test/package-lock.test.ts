import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withPackageLock } from '../src/package-lock';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wildrydes-lock-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('withPackageLock', () => {
  it('lets one packaging run at a time, and each one in turn', async () => {
    const events: string[] = [];
    const job = (name: string) =>
      withPackageLock(
        root,
        async () => {
          events.push(`${name} start`);
          await sleep(30);
          events.push(`${name} end`);
          return name;
        },
        { pollMs: 5 },
      );
    expect(await Promise.all([job('a'), job('b'), job('c')])).toEqual(['a', 'b', 'c']);
    // Never two starts in a row: every start is followed by its own end.
    for (let i = 0; i < events.length; i += 2) expect(events[i + 1]).toBe(events[i]!.replace('start', 'end'));
    await expect(stat(join(root, '.esbuild-package.lock'))).rejects.toThrow();
  });

  it('releases the lock when the packaging fails', async () => {
    await expect(withPackageLock(root, () => Promise.reject(new Error('sls failed')))).rejects.toThrow('sls failed');
    expect(await withPackageLock(root, async () => 'next')).toBe('next');
  });

  it('breaks at once a lock whose holder has exited (an interrupted test run)', async () => {
    const lock = join(root, '.esbuild-package.lock');
    await mkdir(lock);
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    await writeFile(join(lock, 'pid'), String(gone));
    expect(await withPackageLock(root, async () => 'ran', { waitMs: 1_000 })).toBe('ran');
  });

  it('waits for a lock whose holder is alive, however old, and says it is waiting', async () => {
    const lock = join(root, '.esbuild-package.lock');
    await mkdir(lock);
    await writeFile(join(lock, 'pid'), String(process.pid));
    const old = new Date(Date.now() - 10 * 60_000);
    await utimes(lock, old, old);
    let waits = 0;
    await expect(
      withPackageLock(root, async () => 'never', { waitMs: 50, pollMs: 10, staleMs: 60_000, onWait: () => waits++ }),
    ).rejects.toThrow(/\.esbuild-package\.lock/);
    expect(waits).toBe(1);
  });

  it('breaks a lock left behind by a process that died holding it', async () => {
    const lock = join(root, '.esbuild-package.lock');
    await mkdir(lock);
    const old = new Date(Date.now() - 10 * 60_000);
    await utimes(lock, old, old);
    expect(await withPackageLock(root, async () => 'ran', { staleMs: 60_000 })).toBe('ran');
  });

  it('gives up with a message naming the lock when it is held too long', async () => {
    await mkdir(join(root, '.esbuild-package.lock'));
    await expect(withPackageLock(root, async () => 'never', { waitMs: 50, pollMs: 10 })).rejects.toThrow(/\.esbuild-package\.lock/);
  });
});
