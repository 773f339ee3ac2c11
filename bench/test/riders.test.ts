import { createPublicKey, verify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fleetPickups, riderMint } from '../src/riders';

const part = (token: string, i: number) => JSON.parse(Buffer.from(token.split('.')[i] ?? '', 'base64url').toString('utf8'));
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

async function cognitoLocalPublicKey() {
  const localStack = dirname(fileURLToPath(import.meta.resolve('@wildrydes/local-stack')));
  const require = createRequire(join(localStack, 'index.ts'));
  const file = join(dirname(require.resolve('cognito-local/package.json')), 'lib', 'keys', 'cognitoLocal.public.json');
  const { jwk } = JSON.parse(await readFile(file, 'utf8')) as { jwk: Record<string, string> };
  return createPublicKey({ key: jwk, format: 'jwk' });
}

describe('bench riders', () => {
  it("are copies of a real token for another username, signed with cognito-local's key", async () => {
    const template = `${b64({ kid: 'CognitoLocal', alg: 'RS256' })}.${b64({
      sub: 'demo',
      'cognito:username': 'demo',
      email: 'rider@wildrydes.local',
      token_use: 'id',
      aud: 'client',
      iss: 'http://localhost:4930/pool',
      jti: 'j',
      iat: 1,
      exp: 2,
    })}.signature`;
    const mint = await riderMint(template);
    const a = mint('bench-rider-1');
    const b = mint('bench-rider-2');
    expect(part(a.idToken, 0)).toEqual({ kid: 'CognitoLocal', alg: 'RS256' });
    const claims = part(a.idToken, 1);
    expect(claims).toMatchObject({
      'cognito:username': 'bench-rider-1',
      token_use: 'id',
      aud: 'client',
      iss: 'http://localhost:4930/pool',
    });
    expect(claims.exp - claims.iat).toBe(3600);
    expect(claims.sub).not.toBe(part(b.idToken, 1).sub);
    expect(a.claims['cognito:username']).toBe('bench-rider-1');
    const [header, payload, signature] = a.idToken.split('.');
    expect(
      verify('sha256', Buffer.from(`${header}.${payload}`), await cognitoLocalPublicKey(), Buffer.from(signature ?? '', 'base64url')),
    ).toBe(true);
  });

  it('ask from every home of the fleet once before any home again', () => {
    const pickup = fleetPickups(2000);
    const first = new Set(Array.from({ length: 2000 }, (_, k) => JSON.stringify(pickup(k))));
    expect(first.size).toBeGreaterThan(1990); // a few unicorns may share rounded coordinates
    expect(pickup(2000)).toEqual(pickup(0));
  });
});
