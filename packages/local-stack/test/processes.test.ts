import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StackError, startProcess, waitUntilReady } from '../src/processes';

const dir = mkdtempSync(join(tmpdir(), 'wildrydes-processes-'));
/** Running, not merely a zombie waiting for an orphan reaper. */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('startProcess', () => {
  it('stops the service and everything it started, leaving nothing running', async () => {
    const service = startProcess({
      name: 'sleeper',
      command: 'sh',
      args: ['-c', 'sleep 60 & echo $! ; wait'],
      cwd: dir,
      env: process.env,
      logFile: join(dir, 'sleeper.log'),
    });
    let grandchild = 0;
    await waitUntilReady(
      service,
      async () => {
        grandchild = Number((await readFile(service.logFile, 'utf8')).trim().split('\n').pop());
        return grandchild > 0;
      },
      5000,
    );
    expect(alive(grandchild)).toBe(true);
    await service.stop();
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(service.child.pid!)).toBe(false);
    expect(alive(grandchild)).toBe(false);
  });

  it('reports a service that dies while starting, with the end of its log', async () => {
    const service = startProcess({
      name: 'broken',
      command: 'sh',
      args: ['-c', 'echo "cannot bind"; exit 3'],
      cwd: dir,
      env: process.env,
      logFile: join(dir, 'broken.log'),
    });
    const error = await waitUntilReady(service, async () => false, 5000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackError);
    expect((error as Error).message).toMatch(/broken exited while starting[\s\S]*cannot bind/);
  });
});
