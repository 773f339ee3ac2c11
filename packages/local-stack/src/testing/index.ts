/**
 * Helpers for tests that run against the local stack started by the root test command
 * (or by `pnpm stack`). They find it through stack.json and talk to it only on localhost.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, ScanCommand as ScanItemsCommand } from '@aws-sdk/lib-dynamodb';
import { distanceKm, type FleetSeed, type FleetUnicorn, generateFleet, scopeIdempotencyKey } from '@wildrydes/rides';
import { importJWK, type JWK, SignJWT } from 'jose';
import { ensureUserPool, ensureUserPoolClient, seedFleet } from '../bootstrap';
import { readStackConfig, SERVICE_NAME, urls } from '../config';
import { signalGroup } from '../processes';
import { serverlessBin } from '../services/api';
import { cognitoDataDir } from '../services/cognito';
import { startDynamoDb } from '../services/dynamodb';
import { readProcesses } from '../stack';
import { readStackFile, type StackDescription } from '../stack-file';

/** A point on the map, as the API's PickupLocation. */
type PickupLocation = FleetSeed['Home'];

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

let signingKey: ReturnType<typeof importJWK> | undefined;
/** cognito-local's private key, read and imported once (tests mint hundreds of tokens). */
function cognitoLocalKey() {
  signingKey ??= (async () => {
    const require = createRequire(import.meta.url);
    const keyFile = join(require.resolve('cognito-local/package.json'), '..', 'lib', 'keys', 'cognitoLocal.private.json');
    const { jwk } = JSON.parse(await readFile(keyFile, 'utf8')) as { jwk: JWK };
    return importJWK(jwk, 'RS256');
  })();
  return signingKey;
}

/** Mints a token signed with cognito-local's own key (it ships in the npm package): valid signature, chosen claims. */
export async function mintToken(claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  const { cognito } = await readStack();
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
    .sign(await cognitoLocalKey());
}

/** A rider the API has never seen, with a valid ID token (`idToken`, as in Tokens) and their `cognito:username`. */
export interface MintedRider {
  username: string;
  idToken: string;
}

/**
 * A fresh rider: a valid ID token (cognito-local's key, our pool and app client) for a new, unique
 * `cognito:username` and `sub`. One active ride per rider: tests that book many rides use one each.
 */
export async function riderToken(name = 'rider'): Promise<MintedRider> {
  const username = `${name}-${randomUUID()}`;
  return { username, idToken: await mintToken({ 'cognito:username': username, sub: randomUUID() }) };
}

/** `n` fresh riders (see riderToken). */
export const riderTokens = (n: number, name = 'rider'): Promise<MintedRider[]> =>
  Promise.all(Array.from({ length: n }, () => riderToken(name)));

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

/** A unicorn of the fleet as stored in DynamoDB Local: where it is free next, from when, and its index keys. */
export interface StoredUnicorn extends FleetUnicorn {
  Region: string;
  Geohash: string;
}

/** A unicorn item as stored in DynamoDB Local (read consistently). */
export async function getUnicorn(name: string): Promise<StoredUnicorn | undefined> {
  const { ddb } = await localClients();
  const { Item } = await ddb.send(new GetCommand({ TableName: config.unicornsTable, Key: { Name: name }, ConsistentRead: true }));
  return Item as StoredUnicorn | undefined;
}

/** A rider's record in the riders table (their active ride and until when), if they ever booked. */
export async function getRiderRecord(username: string): Promise<Record<string, unknown> | undefined> {
  const { ddb } = await localClients();
  const { Item } = await ddb.send(new GetCommand({ TableName: config.ridersTable, Key: { User: username }, ConsistentRead: true }));
  return Item;
}

/** Where the stack's DynamoDB Local listens and what its tables are called, for tests that drive the stores directly. */
export async function localDynamoDb(): Promise<{
  region: string;
  endpoint: string;
  tables: { rides: string; idempotency: string; unicorns: string; riders: string };
}> {
  const { dynamodb } = await readStack();
  return {
    region: dynamodb.region,
    endpoint: dynamodb.endpoint,
    tables: { rides: config.ridesTable, idempotency: config.idempotencyTable, unicorns: config.unicornsTable, riders: config.ridersTable },
  };
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

/** POSTs to a path of the local API: an object is sent as JSON, a string as it is, `undefined` as no body. */
export function postApi(path: string, body?: unknown, headers: Record<string, string> = {}, timeoutMs = 15_000): Promise<ApiAnswer> {
  if (body === undefined) return callApi(path, { method: 'POST', headers }, timeoutMs);
  return callApi(
    path,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
    timeoutMs,
  );
}

/** POSTs a ride request (an object is sent as JSON, a string as it is). */
export function postRide(body: unknown, headers: Record<string, string> = {}, timeoutMs = 15_000): Promise<ApiAnswer> {
  return postApi('/ride', body, headers, timeoutMs);
}

/** `POST /rides/{rideId}/cancel` as the rider whose ID token this is. */
export function cancelRide(rideId: string, idToken: string, timeoutMs = 15_000): Promise<ApiAnswer> {
  return postApi(`/rides/${encodeURIComponent(rideId)}/cancel`, undefined, { Authorization: idToken }, timeoutMs);
}

/** The final answer of postRideSettled, and how many requests it took. */
export interface SettledAnswer extends ApiAnswer {
  tries: number;
}

/**
 * A ride request as a careful client sends it: with an Idempotency-Key, retried with the same key
 * while the answer is a 503 meant to be retried soon (Retry-After of a few seconds: a dependency
 * timed out, the function's deadline came, or every candidate was taken by racing requests). A
 * retry returns the ride if an earlier try booked it, or books it. A 503 with a long Retry-After
 * (no unicorn within reach) is final. So is anything else, a 504 included: the function answers
 * 503 before its deadline, and waits (`timeoutMs`, RIDE_REQUEST_TIMEOUT_MS by default) outlast the
 * local function timeout, so a gateway timeout or no answer at all is a failure for the test to
 * see, not to retry away (no answer throws). Bounded: at most `tries` requests; the last answer is
 * returned.
 */
export async function postRideSettled(
  body: unknown,
  idToken: string,
  { key = randomUUID(), tries = 5, timeoutMs = RIDE_REQUEST_TIMEOUT_MS }: { key?: string; tries?: number; timeoutMs?: number } = {},
): Promise<SettledAnswer> {
  for (let attempt = 1; ; attempt++) {
    const answer = await postRide(body, { Authorization: idToken, 'Idempotency-Key': key }, timeoutMs);
    const retryAfter = Number(answer.headers.get('retry-after'));
    const retrySoon = answer.status === 503 && Number.isFinite(retryAfter) && retryAfter <= 5;
    if (!retrySoon || attempt >= tries) return { ...answer, tries: attempt };
    // Retry-After, give or take half of it: requests refused together do not all come back together.
    await new Promise((r) => setTimeout(r, Math.max(250, retryAfter * 1000 * (0.5 + Math.random()))));
  }
}

/** GETs a path of the local API. */
export function getApi(path: string, headers: Record<string, string> = {}): Promise<ApiAnswer> {
  return callApi(path, { headers }, 15_000);
}

/**
 * Invokes one of the stack's functions directly, as AWS would for a schedule or a stream (through
 * serverless-offline's Lambda endpoint): its answer, parsed.
 */
export async function invokeFunction(name: string, event: unknown = {}, timeoutMs = 30_000): Promise<unknown> {
  const response = await fetch(`${urls(config).lambda}/2015-03-31/functions/${SERVICE_NAME}-local-${name}/invocations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Amz-Invocation-Type': 'RequestResponse' },
    body: JSON.stringify(event),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok || response.headers.get('x-amz-function-error'))
    throw new Error(`${name} failed: HTTP ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

/** `DELETE /me` as the rider whose ID token this is. */
export function deleteAccount(idToken: string, timeoutMs = 15_000): Promise<ApiAnswer> {
  return callApi('/me', { method: 'DELETE', headers: { Authorization: idToken } }, timeoutMs);
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

/** The API log's size now, in bytes: pass it to apiInvocationsSince to read only what is logged after. */
export async function apiLogOffset(): Promise<number> {
  return (await stat(apiLogFile())).size;
}

/** One invocation of a function, as the API's log tells it. */
export interface LoggedInvocation {
  /** The function's name in serverless.yml, such as RequestUnicorn. */
  fn: string;
  requestId: string;
  /** The JSON lines our function logged with this request id, in order (not the sampled debug lines). */
  lines: Record<string, unknown>[];
  /**
   * The metrics it wrote for this request (EMF lines carrying its request id), summed by name; a
   * metric with extra dimensions as `name{Dimension=value}`.
   */
  metrics: Record<string, number>;
}

/** One EMF line's metrics, summed into `into` (see LoggedInvocation.metrics). */
function addMetrics(into: Record<string, number>, emf: Record<string, unknown>): void {
  const directives = (emf._aws as { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string }[] }[] }).CloudWatchMetrics;
  for (const { Dimensions, Metrics } of directives) {
    const extra = (Dimensions[0] ?? []).filter((d) => d !== 'service' && d !== 'stage');
    const suffix = extra.length ? `{${extra.map((d) => `${d}=${String(emf[d])}`).join(',')}}` : '';
    for (const { Name } of Metrics) {
      const values = ([] as unknown[]).concat(emf[Name]).map(Number);
      into[`${Name}${suffix}`] = (into[`${Name}${suffix}`] ?? 0) + values.reduce((a, b) => a + b, 0);
    }
  }
}

/** serverless-offline's last line for each invocation, written when the handler has returned (before the answer is sent). */
const INVOCATION_END = /^\(λ: (\w+)\) RequestId: ([\w-]+) {2}Duration:/gm;

/**
 * The invocations of function `fn` (RequestUnicorn unless said: the live notifier runs after every
 * booking too) that ended after byte `offset` of the API's log, in the order they ended, each with
 * the JSON lines our function logged for it; and the log's text from `offset` on. Waits, at most
 * `timeoutMs`, until at least `count` have ended: a test reads the lines of its own requests, never
 * an earlier test's, and never before they are written.
 */
export async function apiInvocationsSince(
  offset: number,
  count: number,
  { fn: only = 'RequestUnicorn', timeoutMs = 10_000 }: { fn?: string; timeoutMs?: number } = {},
): Promise<{ text: string; invocations: LoggedInvocation[] }> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    // `offset` counts bytes; the log holds multi-byte characters, so cut before decoding.
    const text = (await readFile(apiLogFile())).subarray(offset).toString('utf8');
    const ended = [...text.matchAll(INVOCATION_END)]
      .map(([, fn = '', requestId = '']) => ({ fn, requestId }))
      .filter((invocation) => invocation.fn === only);
    if (ended.length >= count || Date.now() > giveUpAt) {
      const lines = new Map<string, Record<string, unknown>[]>();
      const metrics = new Map<string, Record<string, number>>();
      for (const line of text.split('\n')) {
        if (line.startsWith('{"level"')) {
          const parsed = JSON.parse(line) as Record<string, unknown>;
          // Debug lines are written for a sampled share of invocations (debugLogSampleRate): they come and go.
          if (parsed.level === 'DEBUG') continue;
          const id = String(parsed.requestId);
          lines.set(id, [...(lines.get(id) ?? []), parsed]);
        } else if (line.startsWith('{"_aws"')) {
          const emf = JSON.parse(line) as Record<string, unknown>;
          const id = String(emf.requestId);
          const sums = metrics.get(id) ?? {};
          addMetrics(sums, emf);
          metrics.set(id, sums);
        }
      }
      return {
        text,
        invocations: ended.map((e) => ({ ...e, lines: lines.get(e.requestId) ?? [], metrics: metrics.get(e.requestId) ?? {} })),
      };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

let localSettings: Promise<{ timeoutMs: number; environment: Record<string, string> }> | undefined;
/**
 * The `local` stage's function timeout and environment as the framework resolves serverless.yml
 * (`sls print`): its params are the one home of the timeouts the tests hold the API to. Takes
 * seconds; read once per test file.
 */
export function localFunctionSettings(): Promise<{ timeoutMs: number; environment: Record<string, string> }> {
  localSettings ??= promisify(execFile)(
    process.execPath,
    [serverlessBin(config.rootDir), 'print', '--stage', 'local', '--format', 'json'],
    {
      cwd: config.rootDir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SLS_TELEMETRY_DISABLED: '1', AWS_EC2_METADATA_DISABLED: 'true' },
      timeout: 60_000,
    },
  ).then(({ stdout }) => {
    const { provider } = JSON.parse(stdout) as { provider: { timeout: number; environment: Record<string, unknown> } };
    return {
      timeoutMs: provider.timeout * 1000,
      environment: Object.fromEntries(Object.entries(provider.environment).map(([k, v]) => [k, String(v)])),
    };
  });
  return localSettings;
}

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

/** One city of the test fleet: its herd's centre, and every unicorn seeded within 20 km of it. */
export interface FleetCity {
  name: string;
  centre: PickupLocation;
  unicorns: FleetSeed[];
}

let cities: FleetCity[] | undefined;
/**
 * The cities the stack's fleet serves, read from the fleet it seeds (`generateFleet`: herds named
 * `<city> <n>` within about 15 km of their city's centre, plus the named unicorns): each centre is
 * its herd's mean position. Pickups within ~10 km of a centre are within reach of the whole herd.
 */
export function fleetCities(): FleetCity[] {
  if (cities) return cities;
  const fleet = generateFleet(config.fleetSize);
  const herds = new Map<string, FleetSeed[]>();
  for (const unicorn of fleet) {
    const city = /^(.+) \d{6}$/.exec(unicorn.Name)?.[1];
    if (!city) continue;
    const herd = herds.get(city) ?? [];
    herd.push(unicorn);
    herds.set(city, herd);
  }
  cities = [...herds].map(([name, herd]) => {
    const centre = {
      Latitude: herd.reduce((sum, u) => sum + u.Home.Latitude, 0) / herd.length,
      Longitude: herd.reduce((sum, u) => sum + u.Home.Longitude, 0) / herd.length,
    };
    return { name, centre, unicorns: fleet.filter((u) => distanceKm(u.Home, centre) <= 20) };
  });
  return cities;
}

/** A city of the test fleet by name. */
export function fleetCity(name: string): FleetCity {
  const city = fleetCities().find((c) => c.name === name);
  if (!city) throw new Error(`The test fleet has no herd in ${name}`);
  return city;
}

/**
 * The city dispatch.test.ts fills with a burst of 200 riders, which needs every unicorn there:
 * other tests book elsewhere (sharedCities).
 */
export const BURST_CITY = 'Seoul';

/** The fleet's cities that tests share: all but the burst's. */
export const sharedCities = (): FleetCity[] => fleetCities().filter((c) => c.name !== BURST_CITY);

/**
 * `count` pickups spread evenly over a disc of `radiusKm` around `centre` (a sunflower pattern:
 * deterministic, no two alike).
 */
export function pickupsAround(centre: PickupLocation, count: number, radiusKm = 10): PickupLocation[] {
  const kmPerDegree = 111.195;
  const golden = Math.PI * (3 - Math.sqrt(5));
  return Array.from({ length: count }, (_, i) => {
    const r = (radiusKm * Math.sqrt((i + 0.5) / count)) / kmPerDegree;
    const theta = i * golden;
    return {
      Latitude: Math.round((centre.Latitude + r * Math.cos(theta)) * 1e6) / 1e6,
      Longitude: Math.round((centre.Longitude + (r * Math.sin(theta)) / Math.cos((centre.Latitude * Math.PI) / 180)) * 1e6) / 1e6,
    };
  });
}

/** `count` pickups dealt round the given cities in turn, each within `radiusKm` of its city's centre. */
export function pickupsAcross(cityList: readonly FleetCity[], count: number, radiusKm = 10): PickupLocation[] {
  const perCity = cityList.map((city, c) => pickupsAround(city.centre, Math.ceil((count - c) / cityList.length), radiusKm));
  return Array.from({ length: count }, (_, i) => perCity[i % cityList.length]?.[Math.floor(i / cityList.length)] as PickupLocation);
}

/**
 * Every pair of stored rides that held one unicorn at the same time: [BookedFrom, DropoffTime), or
 * for a cancelled ride up to its CancelTime (a cancel frees the unicorn then; a ride cancelled while
 * still queued never held it). Empty when no unicorn was ever booked twice at once.
 */
export function overlappingBookings(rides: readonly Record<string, unknown>[]): string[] {
  const byUnicorn = new Map<string, { id: string; from: number; until: number }[]>();
  for (const ride of rides) {
    if (typeof ride.BookedFrom !== 'string' || typeof ride.DropoffTime !== 'string') continue;
    const from = Date.parse(ride.BookedFrom);
    const until = Math.min(Date.parse(ride.DropoffTime), typeof ride.CancelTime === 'string' ? Date.parse(ride.CancelTime) : Infinity);
    if (until <= from) continue;
    const spans = byUnicorn.get(String(ride.UnicornName)) ?? [];
    spans.push({ id: String(ride.RideId), from, until });
    byUnicorn.set(String(ride.UnicornName), spans);
  }
  const overlaps: string[] = [];
  for (const [name, spans] of byUnicorn) {
    spans.sort((a, b) => a.from - b.from);
    for (let i = 1; i < spans.length; i++) {
      const [before, after] = [spans[i - 1], spans[i]] as [(typeof spans)[number], (typeof spans)[number]];
      if (after.from < before.until) overlaps.push(`${name}: ${before.id} until ${before.until} overlaps ${after.id} from ${after.from}`);
    }
  }
  return overlaps;
}
