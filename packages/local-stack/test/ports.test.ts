import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { assertPortsFree } from '../src/ports';

describe('assertPortsFree', () => {
  it('passes for a free port', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as { port: number };
    await new Promise((r) => server.close(r));
    await expect(assertPortsFree({ api: port })).resolves.toBeUndefined();
  });

  it('names the busy port, its service, and the variable that moves it', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as { port: number };
    try {
      await expect(assertPortsFree({ dynamodb: port })).rejects.toThrow(
        `Port ${port} (dynamodb) is busy: stop what is using it, or pick another with WILDRYDES_DYNAMODB_PORT=<port>.`,
      );
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
