import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createJwksFetcher, JwksUnavailable } from '../../../src/auth/jwks-fetcher';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A key server on loopback; `drip` sends the body a byte every 50 ms (a connection never idle long). */
async function keyServer(drip: boolean): Promise<string> {
  const body = JSON.stringify({ keys: [] });
  server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    if (!drip) return response.end(body);
    let i = 0;
    const timer = setInterval(() => {
      if (response.destroyed || i >= body.length) {
        clearInterval(timer);
        if (!response.destroyed) response.end();
        return;
      }
      response.write(body[i++]);
    }, 50);
  });
  const listening = server;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}/jwks.json`;
}

describe('the JWKS fetcher', () => {
  it('reads the key set from a server on this machine', async () => {
    const body = await createJwksFetcher(2000).fetch(await keyServer(false));
    expect(JSON.parse(new TextDecoder().decode(body))).toEqual({ keys: [] });
  });

  it('gives up on a server that answers a byte at a time once the whole deadline has passed, not only between bytes', async () => {
    // 15 bytes at 50 ms each take 750 ms; the deadline is 300 ms, and no gap between bytes reaches it.
    await expect(createJwksFetcher(300).fetch(await keyServer(true))).rejects.toThrow(new JwksUnavailable('JWKS request took over 300 ms'));
  });

  it('fetches over plain http from this machine only', async () => {
    await expect(createJwksFetcher().fetch('http://cognito.example.com/pool/.well-known/jwks.json')).rejects.toBeInstanceOf(
      JwksUnavailable,
    );
  });
});
