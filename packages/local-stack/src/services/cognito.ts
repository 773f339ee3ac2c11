import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { type StackConfig, urls } from '../config';
import { type ServiceProcess, startProcess, waitUntilReady } from '../processes';

const require = createRequire(import.meta.url);

/** Where cognito-local keeps pools and users (plain JSON, passwords and codes included: dev only). */
export const cognitoDataDir = (config: StackConfig) => join(config.localDir, 'cognito', '.cognito', 'db');

export function cognitoClient(config: StackConfig): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: config.region,
    endpoint: urls(config).cognito,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

export async function startCognito(config: StackConfig): Promise<ServiceProcess> {
  const workDir = join(config.localDir, 'cognito');
  if (!config.persist) rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const bin = join(dirname(require.resolve('cognito-local/package.json')), 'lib', 'bin', 'start.js');
  const service = startProcess({
    name: 'cognito-local',
    command: process.execPath,
    args: [bin],
    // cognito-local always writes to ./.cognito under its working folder.
    cwd: workDir,
    env: { ...process.env, PORT: String(config.ports.cognito), HOST: 'localhost' },
    logFile: join(config.localDir, 'logs', 'cognito.log'),
  });
  const health = `${urls(config).cognito}/health`;
  await waitUntilReady(service, async () => (await fetch(health, { signal: AbortSignal.timeout(1000) })).ok, 30_000);
  return service;
}
