/**
 * `pnpm bench`: WildRydes against the workshop original, side by side. Starts its own local stack
 * (test profile, bench ports), measures, and writes bench/results/latest.{md,json}.
 * Not part of `pnpm test`: it takes minutes, and its figures are for people, not for assertions.
 */
import { spawn } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

// Bench ports and folder, unless set: runs next to `pnpm dev` and `pnpm test`.
const DEFAULTS: Record<string, string> = {
  WILDRYDES_PROFILE: 'test',
  WILDRYDES_API_PORT: '4400',
  WILDRYDES_LAMBDA_PORT: '4402',
  WILDRYDES_DYNAMODB_PORT: '4801',
  WILDRYDES_COGNITO_PORT: '4930',
  WILDRYDES_WEB_PORT: '4574',
  WILDRYDES_LOCAL_DIR: join(ROOT, '.local/bench'),
  TURBO_TELEMETRY_DISABLED: '1',
  SLS_TELEMETRY_DISABLED: '1',
  AWS_EC2_METADATA_DISABLED: 'true',
};

const log = (line: string) => console.log(`[bench] ${line}`);

/** Outside the stack: start it (stack CLI `run`) with this same script as its command. */
async function underStack(): Promise<number> {
  const env = { ...process.env };
  for (const [k, v] of Object.entries(DEFAULTS)) env[k] ||= v;
  env.WILDRYDES_BENCH_UNDER_STACK = '1';
  const tsxArgs = process.execArgv; // tsx's loader flags
  const child = spawn(
    process.execPath,
    [
      ...tsxArgs,
      join(ROOT, 'packages/local-stack/src/cli.ts'),
      'run',
      '--profile',
      'test',
      '--',
      process.execPath,
      ...tsxArgs,
      import.meta.filename,
      ...process.argv.slice(2),
    ],
    { cwd: ROOT, env, stdio: 'inherit' },
  );
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.once('SIGINT', forward);
  process.once('SIGTERM', forward);
  return new Promise((done) => child.once('exit', (code) => done(code ?? 1)));
}

async function suite(): Promise<number> {
  const quick = process.argv.includes('--quick');
  const [{ describeMachine }, artefacts, lambda, { loadApi }, { measureWeb }, { writeReport }, testing] = await Promise.all([
    import('./machine'),
    import('./artefacts'),
    import('./lambda'),
    import('./load'),
    import('./web'),
    import('./report'),
    import('@wildrydes/local-stack/testing'),
  ]);
  const started = Date.now();
  const about = await describeMachine(ROOT);
  const stack = await testing.readStack();
  const origin = `http://localhost:${process.env.WILDRYDES_WEB_PORT}`;
  const work = join(tmpdir(), `wildrydes-bench-${process.pid}`);
  await mkdir(work, { recursive: true });

  log('sls package --stage dev');
  const packaged = await artefacts.packageService();
  const breakdown = await artefacts.bundleBreakdown(ROOT, 'packages/functions/src/request-unicorn/handler.ts');
  const baselineFile = join(ROOT, 'bench/baselines/request-unicorn/index.js');
  const baselineSize = await artefacts.baselineArtefact(baselineFile);
  log('bundling the SDK-floor reference (bench/reference/sdk-floor.ts)');
  const sdkFloor = await artefacts.bundleSdkFloor(ROOT, work);

  const { idToken } = await testing.signIn(testing.demoRider.email, testing.demoRider.password);
  const claims = JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  // API Gateway hands claims to the function as strings.
  const gatewayClaims = Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, String(v)]));
  await lambda.writeEvent(join(work, 'event-wildrydes.json'), lambda.rideEvent(idToken, origin));
  await lambda.writeEvent(join(work, 'event-baseline.json'), lambda.rideEvent(idToken, origin, gatewayClaims));

  // What Lambda puts in a nodejs24.x container's environment, then the function's own settings
  // exactly as serverless.yml gives them under the local stack (so a new variable needs no change here).
  const functionEnv = await artefacts.functionEnvironment(ROOT, stack, origin);
  const lambdaEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    AWS_REGION: stack.dynamodb.region,
    AWS_DEFAULT_REGION: stack.dynamodb.region,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: 'wildrydes-dev-RequestUnicorn',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SESSION_TOKEN: 'local',
    // No notice on stderr from the baseline's aws-sdk v2 (in maintenance mode).
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
    ...functionEnv,
  };
  const impls: [import('./lambda').Implementation, import('./lambda').Implementation] = [
    { name: 'wildrydes', artefact: packaged.requestUnicornHandler, eventFile: join(work, 'event-wildrydes.json'), env: lambdaEnv },
    { name: 'baseline', artefact: baselineFile, eventFile: join(work, 'event-baseline.json'), env: lambdaEnv },
  ];
  const floor: import('./lambda').Implementation = {
    name: 'sdkFloor',
    artefact: sdkFloor.file,
    eventFile: join(work, 'event-baseline.json'),
    env: lambdaEnv,
  };

  const coldRounds = quick ? 4 : 20;
  log(`cold start: ${coldRounds} rounds, interleaved (WildRydes, the workshop baseline, the SDK v3 floor)`);
  const cold = await lambda.coldStarts([...impls, floor], coldRounds, log);
  // 1,000 sequential invocations in one process, as issue 6 asks; two processes per implementation (ABBA).
  const warmBlocks = 2;
  const perBlock = quick ? 100 : 1000;
  log(`warm: ${warmBlocks} processes of ${perBlock} sequential invocations per implementation, interleaved`);
  const warm = await lambda.warmInvocations(impls, warmBlocks, perBlock, log);
  // The artefacts and events are measured: nothing left behind in the temp folder.
  await packaged.cleanup();
  await rm(work, { recursive: true, force: true });

  const amount = quick ? 300 : 2000;
  log('load: warm-up');
  await loadApi({ apiUrl: stack.api.url, idToken, origin, connections: 10, amount: 50, countRides: testing.countRides });
  const load = [];
  for (const connections of [10, 50]) {
    log(`load: POST /ride, ${amount} requests, concurrency ${connections}`);
    load.push(
      await loadApi({
        apiUrl: stack.api.url,
        idToken,
        origin,
        connections,
        amount,
        countRides: testing.countRides,
        apiLog: testing.apiLogFile(),
      }),
    );
  }

  const web = await measureWeb({
    rootDir: ROOT,
    port: Number(process.env.WILDRYDES_WEB_PORT),
    env: { ...process.env },
    rider: testing.demoRider,
    lighthouseRuns: quick ? 1 : 3,
    log,
  }).catch((error: Error) => ({ measured: false, reason: error.message.split('\n')[0] }));

  const results = {
    ...about,
    durationS: Math.round((Date.now() - started) / 1000),
    quick,
    artefacts: {
      functions: packaged.functions,
      requestUnicornBreakdown: breakdown,
      baseline: { handlerFile: 'bench/baselines/request-unicorn/index.js', ...baselineSize },
      sdkFloor: { handlerFile: sdkFloor.handlerFile, handlerBytes: sdkFloor.handlerBytes, handlerGzipBytes: sdkFloor.handlerGzipBytes },
    },
    cold,
    warm,
    load,
    web,
  };
  // A run where either side did not book rides measured something else: keep it out of latest.*.
  const problems = [
    ...(['wildrydes', 'baseline', 'sdkFloor'] as const).flatMap((name) => {
      const c = cold[name];
      return c && c.statuses['201'] !== c.runs ? [`${name} cold start answered ${JSON.stringify(c.statuses)}`] : [];
    }),
    ...(['wildrydes', 'baseline'] as const).flatMap((name) =>
      warm[name].statuses['201'] === warm[name].invocations ? [] : [`${name} warm answered ${JSON.stringify(warm[name].statuses)}`],
    ),
    ...load
      .filter((l) => l.created201 === 0)
      .map((l) => `API under load (concurrency ${l.connections}) answered ${JSON.stringify(l.statuses)}`),
  ];
  const files = await writeReport(ROOT, results, problems.length ? 'failed' : undefined);
  log(`wrote ${files.join(', ')}`);
  if (problems.length) {
    console.error(
      `[bench] not a valid run, latest.* left as they were:\n  ${problems.join('\n  ')}\n  (function environment: ${JSON.stringify(functionEnv)})`,
    );
    return 1;
  }
  return 0;
}

/** `pnpm bench -- --rerender`: latest.md from latest.json again, no measuring. */
async function rerender(): Promise<number> {
  const { rerender: render } = await import('./report');
  log(`wrote ${await render(ROOT)}`);
  return 0;
}

const main = process.argv.includes('--rerender') ? rerender : process.env.WILDRYDES_BENCH_UNDER_STACK ? suite : underStack;
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('[bench] failed:', error);
    process.exit(1);
  },
);
