import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { PORT_ENV, type StackConfig, urls } from '../config';
import { type ServiceProcess, startProcess, waitUntilReady } from '../processes';

export interface ApiSettings {
  userPoolId: string;
  userPoolClientId: string;
  /** The pool's signing keys, encoded for `ID_TOKEN_JWKS` (jwks.ts). */
  idTokenJwks: string;
}

/** The Serverless Framework's command (osls, the root's `serverless` dependency). */
export function serverlessBin(rootDir: string): string {
  const require = createRequire(join(rootDir, 'package.json'));
  return join(dirname(require.resolve('serverless/package.json')), 'bin', 'serverless.js');
}

/**
 * What the offline API is told through its environment: serverless.yml's `local` params read these
 * (packages/infra/test/local-stage.test.ts proves it reads each one, and that its own fallbacks
 * are the dev profile's).
 */
export function offlineEnvironment(config: StackConfig, settings: ApiSettings): Record<string, string> {
  const u = urls(config);
  return {
    WILDRYDES_USER_POOL_ID: settings.userPoolId,
    WILDRYDES_USER_POOL_CLIENT_ID: settings.userPoolClientId,
    WILDRYDES_COGNITO_ENDPOINT: u.cognito,
    WILDRYDES_ID_TOKEN_JWKS: settings.idTokenJwks,
    WILDRYDES_DYNAMODB_ENDPOINT: u.dynamodb,
    WILDRYDES_WEB_ORIGIN: u.web,
    WILDRYDES_RIDES_TABLE: config.ridesTable,
    WILDRYDES_IDEMPOTENCY_TABLE: config.idempotencyTable,
    WILDRYDES_UNICORNS_TABLE: config.unicornsTable,
    WILDRYDES_RIDERS_TABLE: config.ridersTable,
    WILDRYDES_CONNECTIONS_TABLE: config.connectionsTable,
    WILDRYDES_WATCHES_TABLE: config.watchesTable,
    WILDRYDES_LIVE_ENDPOINT: u.liveEndpoint,
    // The key that signs history cursors: new each start, so cursors never outlive the API that issued them.
    WILDRYDES_CURSOR_SECRET: randomBytes(32).toString('base64url'),
    [PORT_ENV.api]: String(config.ports.api),
    [PORT_ENV.lambda]: String(config.ports.lambda),
    [PORT_ENV.websocket]: String(config.ports.websocket),
    // Each stack bundles into its own folder, so stacks with different local dirs never share a build.
    WILDRYDES_BUILD_DIR: relative(config.rootDir, join(config.localDir, 'esbuild')),
  };
}

/** Runs serverless.yml under serverless-offline (stage `local`), configured through the environment. */
export async function startApi(config: StackConfig, settings: ApiSettings): Promise<ServiceProcess> {
  const u = urls(config);
  const service = startProcess({
    name: 'API (serverless-offline)',
    command: process.execPath,
    args: [serverlessBin(config.rootDir), 'offline', 'start', '--stage', 'local', '--region', config.region],
    cwd: config.rootDir,
    env: {
      ...process.env,
      ...offlineEnvironment(config, settings),
      // Offline needs no AWS account; the SDK still wants credentials to sign with.
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_EC2_METADATA_DISABLED: 'true',
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
      // Let oversized Authorization headers reach the function, which answers them with a 401
      // (Node's own 16 kB limit would answer 431 before our code runs).
      NODE_OPTIONS: [process.env.NODE_OPTIONS, '--max-http-header-size=262144'].filter(Boolean).join(' '),
    },
    logFile: join(config.localDir, 'logs', 'api.log'),
  });
  // A preflight needs no token and no function: the API is up when it answers one.
  const probe = () =>
    fetch(`${u.api}/ride`, {
      method: 'OPTIONS',
      headers: { Origin: u.web, 'Access-Control-Request-Method': 'POST' },
      signal: AbortSignal.timeout(1000),
    }).then((r) => r.ok);
  await waitUntilReady(service, probe, 60_000);
  return service;
}
