/**
 * Helpers for tests that run against the local stack started by the root test command
 * (or by `pnpm stack`). They find it through stack.json and talk to it only on localhost.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, ScanCommand as ScanItemsCommand } from '@aws-sdk/lib-dynamodb';
import { type FleetSeed, scopeIdempotencyKey } from '@wildrydes/rides';
import { importJWK, type JWK, SignJWT } from 'jose';
import { ensureUserPool, ensureUserPoolClient, seedFleet } from '../bootstrap';
import { readStackConfig } from '../config';
import { signalGroup } from '../processes';
import { cognitoDataDir } from '../services/cognito';
import { startDynamoDb } from '../services/dynamodb';
import { readProcesses } from '../stack';
import { readStackFile, type StackDescription } from '../stack-file';

const config = readStackConfig();
export const demoRider = config.demoRider;

let stackPromise: Promise<StackDescription> | undefined;
export const readStack = () => (stackPromise ??= readStackFile(config.localDir));

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
let clients: { idp: CognitoIdentityProviderClient; ddb: DynamoDBDocumentClient } | undefined;
async function localClients() {
  if (clients) return clients;
  const stack = await readStack();
  clients = {
    idp: new CognitoIdentityProviderClient({ region: stack.cognito.region, endpoint: stack.cognito.endpoint, credentials }),
    ddb: DynamoDBDocumentClient.from(new DynamoDBClient({ region: stack.dynamodb.region, endpoint: stack.dynamodb.endpoint, credentials })),
  };
  return clients;
}

export interface Tokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

/** Signs in with USER_PASSWORD_AUTH, as the web app does against cognito-local. */
export async function signIn(email: string, password: string, clientId?: string): Promise<Tokens> {
  const { idp } = await localClients();
  const { cognito } = await readStack();
  const { AuthenticationResult: result } = await idp.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId ?? cognito.userPoolClientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  if (!result?.IdToken || !result.AccessToken || !result.RefreshToken) throw new Error(`Sign-in of ${email} returned no tokens`);
  return { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: result.RefreshToken };
}

let riders = 0;
/** Registers and confirms a new rider (in our pool, or another), then signs in. */
export async function createRider(pool?: { userPoolId: string; userPoolClientId: string }) {
  const { idp } = await localClients();
  const { cognito } = await readStack();
  const ids = pool ?? cognito;
  const email = `rider-${Date.now().toString(36)}-${process.pid}-${++riders}@wildrydes.local`;
  const password = 'Test-rider-1!';
  await idp.send(
    new SignUpCommand({
      ClientId: ids.userPoolClientId,
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
  await idp.send(new AdminConfirmSignUpCommand({ UserPoolId: ids.userPoolId, Username: email }));
  return { email, password, tokens: await signIn(email, password, ids.userPoolClientId) };
}

/** Another user pool with its own app client on the same cognito-local: a stranger's tokens. */
export async function otherUserPool(name = 'wildrydes-stranger') {
  const { idp } = await localClients();
  const userPoolId = await ensureUserPool(idp, name);
  return { userPoolId, userPoolClientId: await ensureUserPoolClient(idp, userPoolId, 'stranger-web') };
}

/** The code cognito-local "emailed" to a rider (sign-up or password reset), from its data files. */
export async function confirmationCode(email: string): Promise<string> {
  const { cognito } = await readStack();
  const file = join(cognitoDataDir(config), `${cognito.userPoolId}.json`);
  const db = JSON.parse(await readFile(file, 'utf8')) as {
    Users?: Record<string, { Username?: string; ConfirmationCode?: string; Attributes?: { Name: string; Value: string }[] }>;
  };
  const user = Object.values(db.Users ?? {}).find(
    (u) => u.Username === email || u.Attributes?.some((a) => a.Name === 'email' && a.Value === email),
  );
  if (!user?.ConfirmationCode) throw new Error(`No confirmation code stored for ${email}`);
  return user.ConfirmationCode;
}

/** Mints a token signed with cognito-local's own key (it ships in the npm package): valid signature, chosen claims. */
export async function mintToken(claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  const { cognito } = await readStack();
  const require = createRequire(import.meta.url);
  const keyFile = join(require.resolve('cognito-local/package.json'), '..', 'lib', 'keys', 'cognitoLocal.private.json');
  const { jwk } = JSON.parse(await readFile(keyFile, 'utf8')) as { jwk: JWK };
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    'cognito:username': 'minted-rider',
    sub: 'minted-rider',
    token_use: 'id',
    iss: `${cognito.endpoint}/${cognito.userPoolId}`,
    aud: cognito.userPoolClientId,
    iat: now,
    exp: now + 3600,
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal', ...header })
    .sign(await importJWK(jwk, 'RS256'));
}

/** A ride item as stored in DynamoDB Local. */
export async function getRide(rideId: string): Promise<Record<string, unknown> | undefined> {
  const { ddb } = await localClients();
  const { dynamodb } = await readStack();
  const { Item } = await ddb.send(new GetCommand({ TableName: dynamodb.ridesTable, Key: { RideId: rideId }, ConsistentRead: true }));
  return Item;
}

/** The rider an ID token names (`cognito:username`), as the function takes it from a verified token. */
export function riderOf(idToken: string): string {
  const payload = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  const username = payload['cognito:username'];
  if (typeof username !== 'string') throw new Error('The token names no cognito:username');
  return username;
}

/** The ride a rider's Idempotency-Key is claimed for (written with the ride, in one transaction), if any. */
export async function claimedRideId(rider: string, key: string): Promise<string | undefined> {
  const { ddb } = await localClients();
  const { Item } = await ddb.send(
    new GetCommand({ TableName: config.idempotencyTable, Key: { Key: scopeIdempotencyKey(rider, key) }, ConsistentRead: true }),
  );
  return (Item?.Response as { RideId?: string } | undefined)?.RideId;
}

/** How many rides the table holds: tests compare it before and after to prove nothing was written. */
export async function countRides(): Promise<number> {
  const { ddb } = await localClients();
  const { dynamodb } = await readStack();
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(
      new ScanCommand({ TableName: dynamodb.ridesTable, Select: 'COUNT', ConsistentRead: true, ExclusiveStartKey: start as never }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  /** The body parsed as JSON, or its text when it is not JSON. */
  json: unknown;
}

/** Calls the local API from the web app's origin, with a timeout so a hung server fails the test, not the run. */
async function callApi(path: string, init: RequestInit, timeoutMs: number): Promise<ApiAnswer> {
  const { api } = await readStack();
  const response = await fetch(`${api.url}${path}`, {
    ...init,
    headers: { Origin: webOrigin(), ...(init.headers as Record<string, string>) },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, json };
}

/**
 * How long tests wait for `POST /ride` under load or faults: longer than the local function timeout
 * (serverless.yml's `local.functionTimeout`; packages/infra/test/deadlines.test.ts checks), so a
 * test always sees the API's own answer and never gives up first.
 */
export const RIDE_REQUEST_TIMEOUT_MS = 30_000;

/** POSTs a ride request (an object is sent as JSON, a string as it is). */
export function postRide(body: unknown, headers: Record<string, string> = {}, timeoutMs = 15_000): Promise<ApiAnswer> {
  return callApi(
    '/ride',
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
    timeoutMs,
  );
}

/** GETs a path of the local API. */
export function getApi(path: string, headers: Record<string, string> = {}): Promise<ApiAnswer> {
  return callApi(path, { headers }, 15_000);
}

/** The web app's origin, which the API allows. */
export const webOrigin = () => `http://localhost:${config.ports.web}`;

type ServiceName = 'dynamodb' | 'cognito' | 'api';
const processesFile = () => join(config.localDir, 'processes.json');
const pidOf = (service: ServiceName) => {
  const pid = readProcesses(processesFile())[service];
  if (!pid) throw new Error(`No ${service} process recorded in ${processesFile()}`);
  return pid;
};

/** Freezes a service (SIGSTOP): it accepts connections but answers nothing, like a hung server. */
export async function pauseService(service: ServiceName): Promise<void> {
  process.kill(pidOf(service), 'SIGSTOP');
}

/** Lets a paused service run again (SIGCONT). */
export async function resumeService(service: ServiceName): Promise<void> {
  process.kill(pidOf(service), 'SIGCONT');
}

/**
 * Slows a service without stopping it: freezes it (SIGSTOP) and lets it run (SIGCONT) in turn,
 * through `phases` of [frozen ms, running ms], repeated until `stop()`, which leaves it running
 * and resolves with how many times it was frozen.
 */
export function startDutyCycle(service: ServiceName, phases: readonly (readonly [number, number])[]): { stop(): Promise<number> } {
  if (phases.length === 0) throw new Error('A duty cycle needs at least one [frozen ms, running ms] phase');
  const pid = pidOf(service);
  let running = true;
  let freezes = 0;
  let wake: (() => void) | undefined;
  // Sleeps that stop() can cut short, so the service never stays frozen after the test moves on.
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const cycle = (async () => {
    for (let i = 0; running; i++) {
      const [frozenMs, runningMs] = phases[i % phases.length] ?? [0, 0];
      process.kill(pid, 'SIGSTOP');
      freezes++;
      try {
        await sleep(frozenMs);
      } finally {
        process.kill(pid, 'SIGCONT');
      }
      if (running) await sleep(runningMs);
    }
  })();
  return {
    async stop() {
      running = false;
      wake?.();
      await cycle;
      return freezes;
    },
  };
}

/** Stops DynamoDB Local outright (its data stays on disk) and waits until it is gone. */
export async function stopDynamoDb(): Promise<void> {
  const pid = pidOf('dynamodb');
  signalGroup(pid, 'SIGTERM');
  for (let i = 0; i < 100 && isRunning(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/**
 * Starts DynamoDB Local again on the same port and data, and records its PID so the stack's
 * own shutdown stops it. The API is not restarted: it must recover by itself.
 */
export async function restartDynamoDb(): Promise<void> {
  const service = await startDynamoDb(config, false);
  service.child.unref();
  const pids = readProcesses(processesFile());
  writeFileSync(processesFile(), `${JSON.stringify({ ...pids, dynamodb: service.child.pid })}\n`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The API's log (serverless-offline and our functions' JSON lines), for tests that check what is logged. */
export const apiLogFile = () => join(config.localDir, 'logs', 'api.log');

/** Runs `total` tasks with at most `concurrency` in flight; results in task order. */
export async function runPool<T>(total: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(total);
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return results;
}

/** Adds unicorns to the local fleet (free, at the given homes), for dispatch tests in places no one else rides. */
export async function addUnicorns(seeds: readonly FleetSeed[]): Promise<void> {
  const stack = await readStack();
  const client = new DynamoDBClient({ region: stack.dynamodb.region, endpoint: stack.dynamodb.endpoint, credentials });
  try {
    await seedFleet(client, config.unicornsTable, seeds);
  } finally {
    client.destroy();
  }
}

/** Every ride in the table (a Scan: tests only). */
export async function allRides(): Promise<Record<string, unknown>[]> {
  const { ddb } = await localClients();
  const { dynamodb } = await readStack();
  const rides: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new ScanItemsCommand({ TableName: dynamodb.ridesTable, ConsistentRead: true, ExclusiveStartKey: start }));
    rides.push(...((page.Items ?? []) as Record<string, unknown>[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return rides;
}
