import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FLEET_SIZE, TABLES, type TableName } from '@wildrydes/rides';

/**
 * The one place the local stack's facts live: ports, names, folders, the demo rider.
 * `dev` keeps its data between runs; `test` starts empty on its own ports, so the test suite
 * can run while `pnpm dev` is up; `soak` (`pnpm soak`) likewise, beside both. serverless.yml's
 * `local` params fall back to the dev ports and names, and the AsyncAPI document names the dev
 * WebSocket port: packages/infra/test/local-stage.test.ts proves those copies agree.
 */
export type Profile = 'dev' | 'test' | 'soak';

export interface Ports {
  api: number;
  lambda: number;
  /** serverless-offline's WebSocket server: the live API and its management endpoint. */
  websocket: number;
  dynamodb: number;
  cognito: number;
  web: number;
}

export interface StackConfig {
  profile: Profile;
  rootDir: string;
  /** Where state, logs and stack.json go (git-ignored). */
  localDir: string;
  /** Keep DynamoDB and Cognito data between runs. */
  persist: boolean;
  region: string;
  ports: Ports;
  ridesTable: string;
  idempotencyTable: string;
  unicornsTable: string;
  ridersTable: string;
  connectionsTable: string;
  watchesTable: string;
  /** Unicorns seeded at start-up (`generateFleet`): the named few for dev, a city-sized fleet for tests. */
  fleetSize: number;
  userPoolName: string;
  userPoolClientName: string;
  demoRider: { email: string; password: string };
}

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const DEFAULT_PORTS: Record<Profile, Ports> = {
  dev: { api: 3000, lambda: 3002, websocket: 3001, dynamodb: 8000, cognito: 9229, web: 5173 },
  test: { api: 3100, lambda: 3102, websocket: 3101, dynamodb: 8100, cognito: 9329, web: 5273 },
  soak: { api: 3010, lambda: 3012, websocket: 3011, dynamodb: 8010, cognito: 9239, web: 5183 },
};

const isProfile = (name: string | undefined): name is Profile => name !== undefined && Object.hasOwn(DEFAULT_PORTS, name);

/** Environment variables that override each port, named in every "port is busy" message. */
export const PORT_ENV: Record<keyof Ports, string> = {
  api: 'WILDRYDES_API_PORT',
  lambda: 'WILDRYDES_LAMBDA_PORT',
  websocket: 'WILDRYDES_WEBSOCKET_PORT',
  dynamodb: 'WILDRYDES_DYNAMODB_PORT',
  cognito: 'WILDRYDES_COGNITO_PORT',
  web: 'WILDRYDES_WEB_PORT',
};

function port(env: NodeJS.ProcessEnv, name: keyof Ports, fallback: number): number {
  const raw = env[PORT_ENV[name]];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${PORT_ENV[name]}=${raw} is not a port number (1-65535)`);
  }
  return value;
}

/**
 * The test stack's fleet: 100 unicorns in each of the 20 cities, so hundreds of riders can each
 * hold a ride at once (one ride per rider) and load tests meet a city's fleet, not six unicorns.
 */
const TEST_FLEET_SIZE = 2000;

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name}=${raw} is not a whole number`);
  return value;
}

/** serverless.yml's `service`: it starts every table's and function's name. */
export const SERVICE_NAME = 'wildrydes';

/** A table's name on the `local` stage, as serverless.yml names every stage's (`wildrydes-<stage>-<name>`). */
const localTable = (name: TableName) => `${SERVICE_NAME}-local-${name}`;

export function readStackConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  const profile: Profile = isProfile(env.WILDRYDES_PROFILE) ? env.WILDRYDES_PROFILE : 'dev';
  const defaults = DEFAULT_PORTS[profile];
  const localDir = resolve(env.WILDRYDES_LOCAL_DIR || join(REPO_ROOT, profile === 'dev' ? '.local' : `.local/${profile}`));
  return {
    profile,
    rootDir: REPO_ROOT,
    localDir,
    persist: profile === 'dev',
    region: 'us-east-1',
    ports: {
      api: port(env, 'api', defaults.api),
      lambda: port(env, 'lambda', defaults.lambda),
      websocket: port(env, 'websocket', defaults.websocket),
      dynamodb: port(env, 'dynamodb', defaults.dynamodb),
      cognito: port(env, 'cognito', defaults.cognito),
      web: port(env, 'web', defaults.web),
    },
    ridesTable: localTable('rides'),
    idempotencyTable: localTable('idempotency'),
    unicornsTable: localTable('unicorns'),
    ridersTable: localTable('riders'),
    connectionsTable: localTable('connections'),
    watchesTable: localTable('watches'),
    fleetSize: wholeNumber(env, 'WILDRYDES_FLEET_SIZE', profile === 'test' ? TEST_FLEET_SIZE : DEFAULT_FLEET_SIZE),
    userPoolName: 'wildrydes-local',
    userPoolClientName: 'wildrydes-web',
    demoRider: { email: 'rider@wildrydes.local', password: 'Giddy-up-2026' },
  };
}

/**
 * serverless.yml's `stream` events, which the local stack delivers offline (services/streams.ts):
 * one function, LiveNotifier, on the rides' and the unicorns' streams. The YAML must repeat these
 * literals; packages/infra/test/template.test.ts proves the copies agree.
 */
export const STREAM_CONSUMER = { function: 'LiveNotifier', batchSize: 25, maximumRetryAttempts: 2 } as const;

/** The tables whose streams the local stack reads: those defined with a stream (@wildrydes/rides tables.ts). */
export const streamSources = (config: StackConfig) =>
  (Object.keys(TABLES) as TableName[])
    .filter((name) => 'stream' in TABLES[name])
    .map((name) => ({
      table: config[`${name}Table`],
      functionName: `${SERVICE_NAME}-local-${STREAM_CONSUMER.function}`,
      batchSize: STREAM_CONSUMER.batchSize,
      maximumRetryAttempts: STREAM_CONSUMER.maximumRetryAttempts,
    }));

export const urls = (config: StackConfig) => ({
  api: `http://localhost:${config.ports.api}`,
  websocket: `ws://localhost:${config.ports.websocket}`,
  /** The live API's management endpoint (POST /@connections/{id}), on the same server. */
  liveEndpoint: `http://localhost:${config.ports.websocket}`,
  lambda: `http://localhost:${config.ports.lambda}`,
  dynamodb: `http://localhost:${config.ports.dynamodb}`,
  cognito: `http://localhost:${config.ports.cognito}`,
  web: `http://localhost:${config.ports.web}`,
});

/** The variables that make a child process (tests, the web server) see this same stack. */
export function stackEnv(config: StackConfig): Record<string, string> {
  const env: Record<string, string> = {
    WILDRYDES_PROFILE: config.profile,
    WILDRYDES_LOCAL_DIR: config.localDir,
  };
  for (const [name, variable] of Object.entries(PORT_ENV)) env[variable] = String(config.ports[name as keyof Ports]);
  return env;
}
