/**
 * The deadline chain serverless.yml's params set, for every stage, as the framework resolves them:
 * the API gives up > the function's timeout > its own cut-off > one booking attempt > one DynamoDB
 * try. The other places that must fit in it (the web app's and the tests' own waits) are checked too.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dynamodbCallMaxMs } from '@wildrydes/functions/store/dynamodb-client';
import { readStackConfig } from '@wildrydes/local-stack';
import { RIDE_REQUEST_TIMEOUT_MS } from '@wildrydes/local-stack/testing';
import { attemptBudgetMs } from '@wildrydes/rides';
import { describe, expect, it } from 'vitest';
import { slsBin } from '../src/deploy/aws';

const run = promisify(execFile);
const { rootDir } = readStackConfig();

/** API Gateway's integration timeout for REST APIs (its default quota): the API gives up then. */
const API_GATEWAY_TIMEOUT_MS = 29_000;

interface Resolved {
  provider: { timeout: number; environment: Record<string, unknown> };
  functions: Record<string, { timeout?: number }>;
}

const printed = new Map<string, Promise<Resolved>>();
/** The service as the framework resolves it for `stage` (`sls print`, once per stage). */
function resolved(stage: string): Promise<Resolved> {
  const service = printed.get(stage) ?? print(stage);
  printed.set(stage, service);
  return service;
}

async function print(stage: string): Promise<Resolved> {
  const { stdout } = await run(process.execPath, [slsBin(rootDir), 'print', '--stage', stage, '--format', 'json'], {
    cwd: rootDir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, SLS_TELEMETRY_DISABLED: '1', AWS_EC2_METADATA_DISABLED: 'true' },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as Resolved;
}

/**
 * How long the web app waits for the API: the typed client's default (packages/client/src/client.ts),
 * which the app uses as it is; read from its source, as infra depends on neither.
 */
function webApiTimeoutMs(): number {
  const web = readFileSync(join(rootDir, 'apps/web/src/api/api.ts'), 'utf8');
  if (/timeoutMs\s*:/.test(web)) throw new Error('apps/web/src/api/api.ts sets its own timeout: read it here instead');
  const source = readFileSync(join(rootDir, 'packages/client/src/client.ts'), 'utf8');
  const match = source.match(/export const DEFAULT_TIMEOUT_MS = ([\d_]+);/);
  if (!match) throw new Error('DEFAULT_TIMEOUT_MS not found in packages/client/src/client.ts');
  return Number(match[1]!.replace(/_/g, ''));
}

/** A stage's chain, in milliseconds, as the framework resolves it. */
async function chainOf(stage: string) {
  const { provider } = await resolved(stage);
  const functionTimeoutMs = provider.timeout * 1000;
  const answerReserveMs = Number(provider.environment.ANSWER_RESERVE_MS);
  const dynamodbTimeoutMs = Number(provider.environment.DYNAMODB_TIMEOUT_MS);
  const attemptMs = attemptBudgetMs(dynamodbCallMaxMs(dynamodbTimeoutMs));
  return { functionTimeoutMs, answerReserveMs, dynamodbTimeoutMs, attemptMs, cutOffMs: functionTimeoutMs - answerReserveMs };
}

describe.each([
  // Offline, serverless-offline answers 504 when the function's timeout passes: that is the API's deadline.
  { stage: 'local', offline: true },
  { stage: 'dev', offline: false },
  { stage: 'prod', offline: false },
])('deadlines of stage $stage', ({ stage, offline }) => {
  it('leave each step room to finish inside the next', async () => {
    const { functions } = await resolved(stage);
    // One timeout for every function: no function sets its own.
    expect(Object.values(functions).filter((f) => f.timeout !== undefined)).toEqual([]);
    const { functionTimeoutMs, answerReserveMs, dynamodbTimeoutMs, cutOffMs, attemptMs } = await chainOf(stage);
    const apiDeadlineMs = offline ? functionTimeoutMs : API_GATEWAY_TIMEOUT_MS;

    expect(answerReserveMs).toBeGreaterThan(0);
    expect(functionTimeoutMs).toBeLessThanOrEqual(apiDeadlineMs);
    expect(cutOffMs).toBeLessThan(functionTimeoutMs);
    // A request that starts with its whole time can make at least one attempt, with time to spare.
    expect(cutOffMs).toBeGreaterThan(attemptMs);
    expect(attemptMs).toBeGreaterThan(dynamodbTimeoutMs);
    console.log(
      `${stage}: API ${apiDeadlineMs} ms >= function ${functionTimeoutMs} ms > cut-off ${cutOffMs} ms > attempt ${attemptMs} ms > DynamoDB try ${dynamodbTimeoutMs} ms`,
    );
  }, 60_000);

  if (offline) {
    it('are shorter than the integration tests wait for POST /ride, so tests see the API’s answer', async () => {
      const { provider } = await resolved(stage);
      expect(RIDE_REQUEST_TIMEOUT_MS).toBeGreaterThan(provider.timeout * 1000);
    }, 60_000);
  } else {
    it('are shorter than the web app waits for the API, so a rider always gets the function’s answer', async () => {
      const { provider } = await resolved(stage);
      expect(webApiTimeoutMs()).toBeGreaterThan(provider.timeout * 1000);
    }, 60_000);
  }
});

describe('docs/security.md', () => {
  it('quotes the chain as serverless.yml sets it, for AWS and locally', async () => {
    const [aws, prod, local] = await Promise.all([chainOf('dev'), chainOf('prod'), chainOf('local')]);
    // The docs give one figure for AWS: both deployed stages must share it.
    expect(prod).toEqual(aws);
    const s = (ms: number) => `${ms / 1000} s`;
    const docs = readFileSync(join(rootDir, 'docs/security.md'), 'utf8').replace(/\s+/g, ' ');
    expect(docs).toContain(
      `API gives up (${s(API_GATEWAY_TIMEOUT_MS)}; offline, serverless-offline's 504 at the function timeout) ≥ ` +
        `function timeout (${s(aws.functionTimeoutMs)}; ${s(local.functionTimeoutMs)} locally) > ` +
        `cut-off (${s(aws.answerReserveMs)} before; ${s(local.answerReserveMs)} locally) > ` +
        `one attempt (${s(aws.attemptMs)}; ${s(local.attemptMs)} locally) > ` +
        `one DynamoDB try (${s(aws.dynamodbTimeoutMs)}; ${s(local.dynamodbTimeoutMs)} locally)`,
    );
    expect(docs).toContain(`time out per try (${s(aws.dynamodbTimeoutMs)} in AWS, ${s(local.dynamodbTimeoutMs)} locally)`);
    // An attempt starts only while a whole one fits before the cut-off: the rest is time for lost races.
    expect(docs).toContain(
      `after about ${s(local.cutOffMs - local.attemptMs)} of lost races locally (${s(aws.cutOffMs - aws.attemptMs)} in AWS)`,
    );
  }, 120_000);
});
