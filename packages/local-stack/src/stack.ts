import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateFleet, TABLES } from '@wildrydes/rides';
import { ensureRider, ensureTable, ensureUserPool, ensureUserPoolClient, seedFleet } from './bootstrap';
import { type StackConfig, streamSources, urls } from './config';
import { encodeJwks, fetchPoolJwks } from './jwks';
import { assertPortsFree } from './ports';
import { type ServiceProcess, signalGroup } from './processes';
import { startApi } from './services/api';
import { cognitoClient, startCognito } from './services/cognito';
import { dynamoDbClient, startDynamoDb } from './services/dynamodb';
import { type StreamReader, startStreamReader } from './services/streams';
import { type StackDescription, stackFilePath, writeStackFiles } from './stack-file';

export interface RunningStack {
  description: StackDescription;
  services: ServiceProcess[];
  /** Stops every process the stack started, newest first. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local and cognito-local side by side, sets up the table, pool, app client and
 * demo rider, then the API (which needs the pool's ids), and writes stack.json once all are ready.
 * On any failure it stops whatever it had started before rethrowing.
 */
export async function startStack(config: StackConfig, log: (line: string) => void = () => {}): Promise<RunningStack> {
  const services: ServiceProcess[] = [];
  let streamReader: StreamReader | undefined;
  const processesFile = join(config.localDir, 'processes.json');
  const stop = async () => {
    rmSync(stackFilePath(config.localDir), { force: true });
    await streamReader?.stop();
    streamReader = undefined;
    for (const service of [...services].reverse()) await service.stop();
    // A service a test stopped and started again is no child of ours: stop it by its recorded PID.
    for (const pid of Object.values(readProcesses(processesFile))) {
      if (!services.some((service) => service.child.pid === pid)) signalGroup(pid, 'SIGTERM');
    }
    rmSync(processesFile, { force: true });
  };
  try {
    mkdirSync(config.localDir, { recursive: true });
    rmSync(stackFilePath(config.localDir), { force: true });
    const { web: _web, ...backendPorts } = config.ports;
    await assertPortsFree(backendPorts);

    log('starting DynamoDB Local and cognito-local…');
    const [dynamodb, cognito] = await Promise.allSettled([startDynamoDb(config), startCognito(config)]);
    for (const started of [dynamodb, cognito]) if (started.status === 'fulfilled') services.push(started.value);
    for (const started of [dynamodb, cognito]) if (started.status === 'rejected') throw started.reason;

    const ddb = dynamoDbClient(config);
    const idp = cognitoClient(config);
    await ensureTable(ddb, config.ridesTable, TABLES.rides);
    await ensureTable(ddb, config.idempotencyTable, TABLES.idempotency);
    await ensureTable(ddb, config.unicornsTable, TABLES.unicorns);
    await ensureTable(ddb, config.ridersTable, TABLES.riders);
    await ensureTable(ddb, config.connectionsTable, TABLES.connections);
    await ensureTable(ddb, config.watchesTable, TABLES.watches);
    await seedFleet(ddb, config.unicornsTable, generateFleet(config.fleetSize));
    const userPoolId = await ensureUserPool(idp, config.userPoolName);
    const userPoolClientId = await ensureUserPoolClient(idp, userPoolId, config.userPoolClientName);
    await ensureRider(idp, { userPoolId, userPoolClientId }, config.demoRider);
    ddb.destroy();
    idp.destroy();

    // The functions verify tokens with these keys from their first request, as a deployed stack does.
    const idTokenJwks = encodeJwks(await fetchPoolJwks(`${urls(config).cognito}/${userPoolId}`));

    log('starting the API under serverless-offline…');
    const api = await startApi(config, { userPoolId, userPoolClientId, idTokenJwks });
    services.push(api);

    const u = urls(config);
    // The tables' streams drive the live notifier: read from now on, before anyone is told the stack is up.
    streamReader = await startStreamReader({
      dynamodbEndpoint: u.dynamodb,
      lambdaEndpoint: u.lambda,
      region: config.region,
      sources: streamSources(config),
      logFile: join(config.localDir, 'logs', 'streams.log'),
    });
    const description: StackDescription = {
      api: { url: u.api },
      websocket: { url: u.websocket },
      cognito: { endpoint: u.cognito, region: config.region, userPoolId, userPoolClientId },
      dynamodb: { endpoint: u.dynamodb, region: config.region, ridesTable: config.ridesTable },
    };
    // Which process is which, for fault-injection tests that pause a service.
    const [dynamodbService, cognitoService] = services;
    const pids = { dynamodb: dynamodbService?.child.pid, cognito: cognitoService?.child.pid, api: api.child.pid };
    writeFileSync(processesFile, `${JSON.stringify(pids)}\n`);
    await writeStackFiles(config, description);
    return { description, services, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The PIDs of the running services, by name (processes.json). */
export function readProcesses(file: string): Record<string, number> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}
