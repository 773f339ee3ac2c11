/**
 * Many riders for the bench. Since fair use (one active ride per rider), every `POST /ride` the
 * bench sends must come from a rider with no ride on its way, so each invocation and each request
 * under load is a different rider, asking from a different place where the fleet lives.
 *
 * Riders are not signed up one by one (three cognito-local calls each, thousands of times): their
 * ID tokens are minted from the demo rider's real one, claim for claim, with a new username, sub
 * and ids, and signed with cognito-local's own key (it ships in the npm package). The function
 * verifies them exactly as the real ones: the same JWKS, key id, issuer, audience and token use.
 */
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PickupLocation } from '@wildrydes/contract';
// @wildrydes/rides is not a dependency of the bench (declaring it would change pnpm-lock.yaml): by path.
import { fleetItem, generateFleet, toFleetUnicorn } from '../../packages/rides/src/index';
import { batchPut } from './dispatch';

/** A point riders ask from: the contract's own type. */
export type Location = PickupLocation;

export interface BenchRider {
  username: string;
  idToken: string;
  /** The token's claims as API Gateway's Cognito authorizer hands them on (strings): for the workshop baseline. */
  claims: Record<string, string>;
}

const json64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const parse64 = (part: string | undefined) => JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

/** cognito-local's signing key, from the package the local stack runs. */
async function cognitoLocalKey() {
  const localStack = dirname(fileURLToPath(import.meta.resolve('@wildrydes/local-stack')));
  const require = createRequire(join(localStack, 'index.ts'));
  const file = join(dirname(require.resolve('cognito-local/package.json')), 'lib', 'keys', 'cognitoLocal.private.json');
  const { jwk } = JSON.parse(await readFile(file, 'utf8')) as { jwk: Record<string, string> };
  return createPrivateKey({ key: jwk, format: 'jwk' });
}

/** Makes riders whose tokens are copies of `template` (a real ID token of the pool) for other usernames. */
export async function riderMint(template: string, overrides: Record<string, unknown> = {}): Promise<(username: string) => BenchRider> {
  const [headerPart, payloadPart] = template.split('.');
  const header = parse64(headerPart);
  const claims = parse64(payloadPart);
  const key = await cognitoLocalKey();
  return (username) => {
    const now = Math.floor(Date.now() / 1000);
    const payload: Record<string, unknown> = {
      ...claims,
      sub: randomUUID(),
      'cognito:username': username,
      email: `${username}@wildrydes.local`,
      iat: now,
      exp: now + 3600,
      ...overrides,
    };
    for (const id of ['jti', 'origin_jti', 'event_id']) if (id in claims) payload[id] = randomUUID();
    if ('auth_time' in claims) payload.auth_time = now;
    const signed = `${json64(header)}.${json64(payload)}`;
    const signature = sign('sha256', Buffer.from(signed), key).toString('base64url');
    return {
      username,
      idToken: `${signed}.${signature}`,
      claims: Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, String(v)])),
    };
  };
}

/**
 * Grows the local stack's fleet from `from` unicorns (what it seeded) to `to`: the same
 * `generateFleet(to)`, whose first `from` are the ones already there. BatchWriteItem, a few times
 * faster on DynamoDB Local than the stack's one conditional put per unicorn.
 */
export async function growFleet(endpoint: string, region: string, table: string, from: number, to: number): Promise<void> {
  if (to <= from) return;
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region, endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  );
  try {
    await batchPut(
      client,
      table,
      generateFleet(to)
        .slice(from)
        .map((seed) => fleetItem(toFleetUnicorn(seed))),
    );
  } finally {
    client.destroy();
  }
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Pickups where the local stack's fleet lives: pickup `k` is the home of unicorn `k * stride`
 * (mod the fleet's size), so consecutive requests go to different cities and every unicorn's home
 * is asked from once before any is asked from again. Deterministic.
 */
export function fleetPickups(fleetSize: number): (k: number) => Location {
  const homes = generateFleet(fleetSize).map((seed) => seed.Home);
  if (homes.length === 0) throw new Error('the local stack has no fleet: set WILDRYDES_FLEET_SIZE above 0');
  let stride = 7919;
  while (gcd(stride, homes.length) !== 1) stride++;
  return (k) => homes[(k * stride) % homes.length] as Location;
}
