import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StackConfig } from './config';

/** `.local/stack.json`: how tools, tests and the web app find the running stack. Shape is fixed. */
export interface StackDescription {
  api: { url: string };
  cognito: { endpoint: string; region: string; userPoolId: string; userPoolClientId: string };
  dynamodb: { endpoint: string; region: string; ridesTable: string };
}

/** The web app's runtime `/config.json`, pointing at the local stack. */
export interface WebConfig {
  cognito: { userPoolId: string; userPoolClientId: string; region: string; endpoint?: string; authFlow?: string };
  api: { invokeUrl: string };
  map: { tileUrl: string; attribution: string; center: [number, number]; zoom: number };
}

export const stackFilePath = (localDir: string) => join(localDir, 'stack.json');
export const webConfigPath = (localDir: string) => join(localDir, 'web-config.json');

export function webConfigFor(stack: StackDescription): WebConfig {
  return {
    cognito: {
      userPoolId: stack.cognito.userPoolId,
      userPoolClientId: stack.cognito.userPoolClientId,
      region: stack.cognito.region,
      endpoint: stack.cognito.endpoint,
      // cognito-local speaks only USER_PASSWORD_AUTH; real Cognito keeps SRP.
      authFlow: 'USER_PASSWORD_AUTH',
    },
    api: { invokeUrl: stack.api.url },
    // Offline there are no map tiles from the internet: the web app ships one local tile.
    map: { tileUrl: '/tiles/local.png', attribution: 'Local tile (offline)', center: [47.6062, -122.3321], zoom: 13 },
  };
}

export async function writeStackFiles(config: StackConfig, stack: StackDescription): Promise<void> {
  await mkdir(config.localDir, { recursive: true });
  await writeFile(webConfigPath(config.localDir), `${JSON.stringify(webConfigFor(stack), null, 2)}\n`);
  // Written last: its presence means every service is ready.
  await writeFile(stackFilePath(config.localDir), `${JSON.stringify(stack, null, 2)}\n`);
}

export async function readStackFile(localDir: string): Promise<StackDescription> {
  const path = stackFilePath(localDir);
  try {
    return JSON.parse(await readFile(path, 'utf8')) as StackDescription;
  } catch {
    throw new Error(`No running local stack described at ${path}: start one with \`pnpm stack\``);
  }
}
