import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Profile, StackConfig } from './config';

/** `.local/stack.json`: how tools, tests and the web app find the running stack. Shape is fixed. */
export interface StackDescription {
  api: { url: string };
  /** The live rides WebSocket API (serverless-offline). */
  websocket: { url: string };
  cognito: { endpoint: string; region: string; userPoolId: string; userPoolClientId: string };
  dynamodb: { endpoint: string; region: string; ridesTable: string };
}

/** The web app's runtime `/config.json`, pointing at the local stack. */
export interface WebConfig {
  cognito: { userPoolId: string; userPoolClientId: string; region: string; endpoint?: string; authFlow?: string };
  api: { invokeUrl: string };
  websocket: { url: string };
  /** Without tileUrl the app uses OpenStreetMap's tiles (apps/web/src/config/runtime-config.ts). */
  map: { tileUrl?: string; attribution?: string; center: [number, number]; zoom: number; offline?: boolean };
}

export const stackFilePath = (localDir: string) => join(localDir, 'stack.json');
export const webConfigPath = (localDir: string) => join(localDir, 'web-config.json');

/**
 * The web app's config.json for the local stack: this is where a profile decides the map's tiles.
 * `dev` shows OpenStreetMap's tiles, and the app falls back to its offline tile by itself when they
 * do not load (no network); `test` (the test suites, the browser suite, the benchmarks) uses the
 * offline tile only, so nothing leaves localhost.
 */
export function webConfigFor(stack: StackDescription, profile: Profile): WebConfig {
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
    websocket: { url: stack.websocket.url },
    map: { center: [47.6062, -122.3321], zoom: 13, ...(profile === 'test' ? { offline: true } : {}) },
  };
}

export async function writeStackFiles(config: StackConfig, stack: StackDescription): Promise<void> {
  await mkdir(config.localDir, { recursive: true });
  await writeFile(webConfigPath(config.localDir), `${JSON.stringify(webConfigFor(stack, config.profile), null, 2)}\n`);
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
