/** The stack's functions themselves: invoked directly, and their settings as serverless.yml resolves them. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SERVICE_NAME, urls } from '../config';
import { serverlessBin } from '../services/api';
import { config } from './stack-access';

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
