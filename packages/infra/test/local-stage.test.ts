/**
 * serverless.yml's `local` stage and the local stack: the stack hands the offline API its ports,
 * origin, endpoints and table names through the environment (offlineEnvironment), and the YAML
 * falls back to literals of its own when they are not set (`sls print`, or `sls offline` by hand).
 * Both must agree with packages/local-stack/src/config.ts, the one home of those facts; so must
 * the AsyncAPI document's local server.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { asyncApiDocument } from '@wildrydes/contract';
import { offlineEnvironment, readStackConfig, SERVICE_NAME, type StackConfig, urls } from '@wildrydes/local-stack';
import { describe, expect, it } from 'vitest';
import { slsBin } from '../src/deploy/aws';

const run = promisify(execFile);
const { rootDir } = readStackConfig();

interface Printed {
  service: string;
  provider: { environment: Record<string, unknown> };
  functions: Record<string, { environment?: Record<string, unknown> }>;
  custom: { 'serverless-offline': Record<string, unknown>; esbuild: Record<string, unknown> };
}

/** The service as the framework resolves stage `local` with only `env` set (besides what it needs to run). */
async function printLocal(env: Record<string, string>): Promise<Printed> {
  const { stdout } = await run(process.execPath, [slsBin(rootDir), 'print', '--stage', 'local', '--format', 'json'], {
    cwd: rootDir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, SLS_TELEMETRY_DISABLED: '1', AWS_EC2_METADATA_DISABLED: 'true', ...env },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as Printed;
}

/** What the offline API must be configured with for the stack `config` describes. */
function expectConfiguredFor(printed: Printed, config: StackConfig): void {
  const u = urls(config);
  expect(printed.service).toBe(SERVICE_NAME);
  const offline = printed.custom['serverless-offline'];
  // Numbers in the YAML, strings from the environment: serverless-offline takes either.
  expect([offline.httpPort, offline.lambdaPort, offline.websocketPort].map(Number)).toEqual([
    config.ports.api,
    config.ports.lambda,
    config.ports.websocket,
  ]);
  expect(offline.corsAllowOrigin).toBe(u.web);
  expect(printed.provider.environment).toMatchObject({
    RIDES_TABLE: config.ridesTable,
    IDEMPOTENCY_TABLE: config.idempotencyTable,
    UNICORNS_TABLE: config.unicornsTable,
    RIDERS_TABLE: config.ridersTable,
    ALLOWED_ORIGINS: u.web,
  });
  for (const fn of ['LiveConnect', 'LiveDisconnect', 'LiveWatch', 'LiveNotifier']) {
    expect(printed.functions[fn]?.environment, fn).toEqual({
      CONNECTIONS_TABLE: config.connectionsTable,
      WATCHES_TABLE: config.watchesTable,
      LIVE_ENDPOINT: u.liveEndpoint,
    });
  }
}

describe('the local stage of serverless.yml', () => {
  it('falls back to the dev profile’s ports, origin and table names', async () => {
    const printed = await printLocal({});
    expectConfiguredFor(printed, readStackConfig({}));
    expect(printed.provider.environment).toMatchObject({ COGNITO_ENDPOINT: '', DYNAMODB_ENDPOINT: '', USER_POOL_ID: '' });
  }, 60_000);

  it('takes every setting the local stack hands it', async () => {
    // Ports and names unlike any default, so a variable the YAML does not read shows.
    const base = readStackConfig({ WILDRYDES_PROFILE: 'test', WILDRYDES_API_PORT: '4711', WILDRYDES_LAMBDA_PORT: '4712' });
    const config: StackConfig = {
      ...base,
      ports: { ...base.ports, websocket: 4713, dynamodb: 4714, cognito: 4715, web: 4716 },
      ridesTable: 'moved-rides',
      idempotencyTable: 'moved-idempotency',
      unicornsTable: 'moved-unicorns',
      ridersTable: 'moved-riders',
      connectionsTable: 'moved-connections',
      watchesTable: 'moved-watches',
    };
    const env = offlineEnvironment(config, { userPoolId: 'pool-1', userPoolClientId: 'client-1', idTokenJwks: 'keys-1' });
    const printed = await printLocal(env);
    expectConfiguredFor(printed, config);
    const u = urls(config);
    expect(printed.provider.environment).toMatchObject({
      COGNITO_ENDPOINT: u.cognito,
      DYNAMODB_ENDPOINT: u.dynamodb,
      USER_POOL_ID: 'pool-1',
      USER_POOL_CLIENT_ID: 'client-1',
      ID_TOKEN_JWKS: 'keys-1',
    });
    expect(printed.functions.ListRides?.environment).toEqual({ CURSOR_SECRET: env.WILDRYDES_CURSOR_SECRET });
    expect(printed.custom.esbuild.outputWorkFolder).toBe(env.WILDRYDES_BUILD_DIR);
  }, 60_000);
});

describe('the live API’s AsyncAPI document', () => {
  it('names the dev stack’s WebSocket server as its local server', () => {
    const { servers } = asyncApiDocument() as { servers: { local: { host: string } } };
    expect(servers.local.host).toBe(new URL(urls(readStackConfig({})).websocket).host);
  });
});
