import { mkdirSync, rmSync } from 'node:fs';
import { urls, type StackConfig } from './config';
import { ensureRider, ensureRidesTable, ensureUserPool, ensureUserPoolClient } from './bootstrap';
import { assertPortsFree } from './ports';
import type { ServiceProcess } from './processes';
import { startApi } from './services/api';
import { cognitoClient, startCognito } from './services/cognito';
import { dynamoDbClient, startDynamoDb } from './services/dynamodb';
import { stackFilePath, writeStackFiles, type StackDescription } from './stack-file';

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
  const stop = async () => {
    rmSync(stackFilePath(config.localDir), { force: true });
    for (const service of [...services].reverse()) await service.stop();
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
    await ensureRidesTable(ddb, config.ridesTable);
    const userPoolId = await ensureUserPool(idp, config.userPoolName);
    const userPoolClientId = await ensureUserPoolClient(idp, userPoolId, config.userPoolClientName);
    await ensureRider(idp, { userPoolId, userPoolClientId }, config.demoRider);
    ddb.destroy();
    idp.destroy();

    log('starting the API under serverless-offline…');
    services.push(await startApi(config, { userPoolId, userPoolClientId }));

    const u = urls(config);
    const description: StackDescription = {
      api: { url: u.api },
      cognito: { endpoint: u.cognito, region: config.region, userPoolId, userPoolClientId },
      dynamodb: { endpoint: u.dynamodb, region: config.region, ridesTable: config.ridesTable },
    };
    await writeStackFiles(config, description);
    return { description, services, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
