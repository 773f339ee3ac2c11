/**
 * `pnpm bench`: WildRydes against the workshop original, side by side. Starts its own local stack
 * (test profile, bench ports), measures, and writes bench/results/latest.{md,json}.
 * Not part of `pnpm test`: it takes minutes, and its figures are for people, not for assertions.
 */
import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

// Bench ports and folder, unless set: runs next to `pnpm dev` and `pnpm test`.
const DEFAULTS: Record<string, string> = {
  WILDRYDES_PROFILE: 'test',
  WILDRYDES_API_PORT: '4400',
  WILDRYDES_LAMBDA_PORT: '4402',
  WILDRYDES_WEBSOCKET_PORT: '4401',
  WILDRYDES_DYNAMODB_PORT: '4801',
  WILDRYDES_COGNITO_PORT: '4930',
  WILDRYDES_WEB_PORT: '4574',
  WILDRYDES_LOCAL_DIR: join(ROOT, '.local/bench'),
  TURBO_TELEMETRY_DISABLED: '1',
  SLS_TELEMETRY_DISABLED: '1',
  AWS_EC2_METADATA_DISABLED: 'true',
};

const log = (line: string) => console.log(`[bench] ${line}`);

/**
 * The fleet the bench's ride requests meet: 250 unicorns in each of the 20 cities, so each of a
 * run's 6,000-odd requests (each by a new rider, fair use) finds one within reach while the
 * earlier rides are still on their way. The stack seeds its test fleet; the bench adds the rest.
 */
const BENCH_FLEET_SIZE = 5000;

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
  const [
    { describeMachine },
    artefacts,
    lambda,
    { loadApi },
    { measureWeb },
    { writeReport, everyFunctionProblems },
    { measureDispatch },
    { measurePushLatency },
    { measureObservability },
    { measureShippedKeys },
    { profileColdStarts },
    everyFunction,
    { measureCompileCache },
    riders,
    testing,
    localStack,
  ] = await Promise.all([
    import('./machine'),
    import('./artefacts'),
    import('./lambda'),
    import('./load'),
    import('./web'),
    import('./report'),
    import('./dispatch'),
    import('./live'),
    import('./observability'),
    import('./shipped-keys'),
    import('./profile'),
    import('./every-function'),
    import('./compile-cache'),
    import('./riders'),
    import('@wildrydes/local-stack/testing'),
    import('@wildrydes/local-stack'),
  ]);
  const started = Date.now();
  const about = await describeMachine(ROOT);
  const stack = await testing.readStack();
  const origin = `http://localhost:${process.env.WILDRYDES_WEB_PORT}`;
  if (process.argv.includes('--dispatch-only')) return dispatchOnly({ quick, stack, origin, testing, riders, artefacts, measureDispatch });
  if (process.argv.includes('--live-only')) return liveOnly({ quick, stack, origin, testing, riders, measurePushLatency });
  const work = join(tmpdir(), `wildrydes-bench-${process.pid}`);
  await mkdir(work, { recursive: true });

  log('sls package --stage dev');
  const packaged = await artefacts.packageService();
  const breakdown = await artefacts.bundleBreakdown(ROOT, 'packages/functions/src/request-unicorn/handler.ts');
  const baselineFile = join(ROOT, 'bench/baselines/request-unicorn/index.js');
  const baselineSize = await artefacts.baselineArtefact(baselineFile);
  log('bundling the SDK-floor reference (bench/reference/sdk-floor.ts)');
  const sdkFloor = await artefacts.bundleSdkFloor(ROOT, work);

  // One rider per ride request (fair use: a rider's second request is refused while the first ride
  // is on its way), each from a different unicorn's home: tokens minted from the demo rider's.
  const { idToken } = await testing.signIn(testing.demoRider.email, testing.demoRider.password);
  const mint = await riders.riderMint(idToken);
  const stackConfig = localStack.readStackConfig();
  const fleetSize = Math.max(BENCH_FLEET_SIZE, stackConfig.fleetSize);
  log(`fleet: ${stackConfig.fleetSize} unicorns seeded by the stack, growing it to ${fleetSize}`);
  await riders.growFleet(stack.dynamodb.endpoint, stack.dynamodb.region, stackConfig.unicornsTable, stackConfig.fleetSize, fleetSize);
  const pickupAt = riders.fleetPickups(fleetSize);
  let rideRequests = 0;
  const nextRide = () => {
    const k = rideRequests++;
    return { rider: mint(`bench-rider-${k}`), pickup: pickupAt(k) };
  };
  // API Gateway hands the baseline the claims (as strings); WildRydes verifies the token itself.
  const wildrydesEvent = () => {
    const { rider, pickup } = nextRide();
    return lambda.rideEvent(rider.idToken, origin, pickup);
  };
  const baselineEvent = () => {
    const { rider, pickup } = nextRide();
    return lambda.rideEvent(rider.idToken, origin, pickup, rider.claims);
  };

  // What Lambda puts in a nodejs24.x container's environment, then the function's own settings
  // exactly as serverless.yml gives them under the local stack (so a new variable needs no change here).
  const functionEnv = await artefacts.functionEnvironment(ROOT, stack);
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
    { name: 'wildrydes', artefact: packaged.requestUnicornHandler, nextEvent: wildrydesEvent, env: lambdaEnv },
    { name: 'baseline', artefact: baselineFile, nextEvent: baselineEvent, env: lambdaEnv },
  ];
  const floor: import('./lambda').Implementation = { name: 'sdkFloor', artefact: sdkFloor.file, nextEvent: baselineEvent, env: lambdaEnv };

  const coldRounds = quick ? 4 : 20;
  log(`cold start: ${coldRounds} rounds, interleaved (WildRydes, the workshop baseline, the SDK v3 floor)`);
  const cold = await lambda.coldStarts([...impls, floor], coldRounds, work, log);
  const observability = await measureObservability({
    rootDir: ROOT,
    workDir: work,
    rounds: coldRounds,
    env: lambdaEnv,
    nextEvent: baselineEvent,
    log,
  });
  const shippedKeys = await measureShippedKeys({
    artefact: packaged.requestUnicornHandler,
    floorFile: sdkFloor.file,
    rounds: coldRounds,
    workDir: work,
    env: lambdaEnv,
    cognito: stack.cognito,
    templateIdToken: idToken,
    origin,
    pickupAt,
    log,
  });
  // Where the cold start's CPU time goes, with the keys shipped as a deploy ships them.
  const { encodeJwks, fetchPoolJwks } = localStack;
  const shippedEnv = {
    ...lambdaEnv,
    ID_TOKEN_JWKS: encodeJwks(await fetchPoolJwks(`${stack.cognito.endpoint}/${stack.cognito.userPoolId}`)),
  };
  const profile = await profileColdStarts({
    rootDir: ROOT,
    workDir: work,
    runs: quick ? 3 : 10,
    env: shippedEnv,
    wildrydesEvent,
    floorEvent: baselineEvent,
    log,
  });
  // The functions serverless.yml declares (the package also holds the framework's own custom resource).
  const ownEnv = await artefacts.ownEnvironments(ROOT, stack);
  const functions = await everyFunction.measureEveryFunction({
    handlers: Object.fromEntries(Object.keys(ownEnv).map((name) => [name, packaged.handlers[name] ?? ''])),
    handlerBytes: Object.fromEntries(Object.entries(packaged.functions).map(([name, f]) => [name, f.handlerBytes])),
    memoryMb: packaged.memoryMb,
    floorFile: sdkFloor.file,
    floorEvent: baselineEvent,
    rounds: coldRounds,
    workDir: work,
    env: shippedEnv,
    ownEnv,
    dynamodb: stack.dynamodb,
    tables: stackConfig,
    origin,
    mint,
    pickupAt,
    book: async (rider, pickup) => {
      const answer = await testing.postRide({ PickupLocation: pickup }, { Authorization: rider.idToken });
      const rideId = (answer.json as { RideId?: unknown }).RideId;
      if (answer.status !== 201 || typeof rideId !== 'string') throw new Error(`booking a ride answered ${answer.status}`);
      return rideId;
    },
    log,
  });
  const compileCache = await measureCompileCache({
    packageDir: packaged.packageDirs.RequestUnicorn!,
    handlerFile: packaged.requestUnicornHandler,
    rounds: coldRounds,
    workDir: work,
    env: shippedEnv,
    nextEvent: wildrydesEvent,
    log,
  });
  if (process.argv.includes('--cold-only')) {
    const file = join(process.env.WILDRYDES_LOCAL_DIR ?? join(ROOT, '.local/bench'), 'cold-only.json');
    await writeFile(file, `${JSON.stringify({ cold, observability, shippedKeys, profile, functions, compileCache }, null, 2)}\n`);
    const { compileCacheSection, everyFunctionSection, observabilitySection, profileSection, shippedKeysSection } = await import(
      './report'
    );
    const lines: string[] = [];
    profileSection(lines, profile, 1);
    shippedKeysSection(lines, shippedKeys, 2);
    observabilitySection(lines, observability, 3);
    everyFunctionSection(lines, functions, 4);
    compileCacheSection(lines, compileCache, 5);
    const problems = everyFunctionProblems(functions);
    if (problems.length) lines.push(`Not valid: ${problems.join('; ')}`);
    console.log(lines.join('\n'));
    log(`wrote ${file}`);
    await packaged.cleanup();
    await rm(work, { recursive: true, force: true });
    return 0;
  }
  // 1,000 sequential invocations in one process, as issue 6 asks; two processes per implementation (ABBA).
  const warmBlocks = 2;
  const perBlock = quick ? 100 : 1000;
  log(`warm: ${warmBlocks} processes of ${perBlock} sequential invocations per implementation, interleaved`);
  const warm = await lambda.warmInvocations(impls, warmBlocks, perBlock, work, log);
  // The artefacts and events are measured: nothing left behind in the temp folder.
  await packaged.cleanup();
  await rm(work, { recursive: true, force: true });

  log(`POST /ride by fleet size, the handler in-process on DynamoDB Local${quick ? ' (quick: up to 1,000 unicorns)' : ''}`);
  // Before the load test: serverless-offline has been seen keeping most of a core busy for minutes
  // after a burst of concurrent invocations, which would weigh on these rides. A failure here
  // still leaves the other figures in failed.*.
  let dispatchFailure: string | undefined;
  const dispatch = await measureDispatch({
    endpoint: stack.dynamodb.endpoint,
    region: stack.dynamodb.region,
    quick,
    functionEnv: lambdaEnv,
    origin,
    idTokenFor: (username) => mint(username).idToken,
    log,
  }).catch((error: Error) => {
    dispatchFailure = `dispatch by fleet size failed: ${error.message.split('\n')[0]}`;
    return undefined;
  });

  const amount = quick ? 300 : 2000;
  // Tokens are signed before the run (about 1 ms each), not while autocannon sends.
  const requestsFor = (count: number) => {
    const pool = Array.from({ length: count }, () => {
      const { rider, pickup } = nextRide();
      return { idToken: rider.idToken, pickup };
    });
    return () => {
      const next = pool.pop();
      if (next) return next;
      const { rider, pickup } = nextRide();
      return { idToken: rider.idToken, pickup };
    };
  };
  log('load: warm-up');
  await loadApi({
    apiUrl: stack.api.url,
    nextRequest: requestsFor(80),
    origin,
    connections: 10,
    amount: 50,
    countRides: testing.countRides,
  });
  const load = [];
  for (const connections of [10, 50]) {
    log(`load: POST /ride, ${amount} requests, concurrency ${connections}`);
    load.push(
      await loadApi({
        apiUrl: stack.api.url,
        nextRequest: requestsFor(amount + 2 * connections + 10),
        origin,
        connections,
        amount,
        countRides: testing.countRides,
        apiLog: testing.apiLogFile(),
      }),
    );
  }

  let liveFailure: string | undefined;
  const live = await measureLive({ quick, stack, origin, mint, pickupAt, measurePushLatency, prefix: 'bench-live' }).catch(
    (error: Error) => {
      liveFailure = `live push latency failed: ${error.message.split('\n')[0]}`;
      return undefined;
    },
  );

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
    dispatch,
    live,
    observability,
    shippedKeys,
    profile,
    functions,
    compileCache,
    traffic: { stackFleetSize: fleetSize, oneRiderPerRequest: true as const },
  };
  // A run where either side did not book rides measured something else: keep it out of latest.*.
  const problems = [
    ...(['wildrydes', 'baseline', 'sdkFloor'] as const).flatMap((name) => {
      const c = cold[name];
      return c && c.statuses['201'] !== c.runs ? [`${name} cold start answered ${JSON.stringify(c.statuses)}`] : [];
    }),
    ...observability.variants
      .filter((v) => v.cold.statuses['201'] !== v.cold.runs)
      .map((v) => `${v.name} cold start answered ${JSON.stringify(v.cold.statuses)}`),
    ...(['wildrydes', 'baseline'] as const).flatMap((name) =>
      warm[name].statuses['201'] === warm[name].invocations ? [] : [`${name} warm answered ${JSON.stringify(warm[name].statuses)}`],
    ),
    ...load
      .filter((l) => l.created201 === 0)
      .map((l) => `API under load (concurrency ${l.connections}) answered ${JSON.stringify(l.statuses)}`),
    ...everyFunctionProblems(functions),
    ...compileCache.variants
      .filter((v) => v.cold.statuses['201'] !== v.cold.runs)
      .map((v) => `${v.name} cold start answered ${JSON.stringify(v.cold.statuses)}`),
    ...(dispatchFailure ? [dispatchFailure] : []),
    ...(liveFailure ? [liveFailure] : []),
    ...(live?.runs ?? [])
      .filter((r) => r.missed > 0 || r.dropped > 0)
      .map((r) => `live at ${r.connections} sockets: ${r.missed} pushes missed, ${r.dropped} sockets dropped`),
    ...(dispatch?.sizes ?? []).flatMap((size) =>
      (['geo', 'scan'] as const)
        .filter((kind) => size[kind].outcomes.booked !== size[kind].rides)
        .map((kind) => `dispatch (${kind}) at ${size.fleet} unicorns: ${JSON.stringify(size[kind].outcomes)}`),
    ),
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

/**
 * `pnpm bench -- --dispatch-only [--quick] [--sizes=38,1000]`: the dispatch stage alone, for
 * working on it. Writes its figures to the bench's local folder (git-ignored), never latest.*.
 */
async function dispatchOnly(deps: {
  quick: boolean;
  stack: Awaited<ReturnType<typeof import('@wildrydes/local-stack/testing').readStack>>;
  origin: string;
  testing: typeof import('@wildrydes/local-stack/testing');
  riders: typeof import('./riders');
  artefacts: typeof import('./artefacts');
  measureDispatch: typeof import('./dispatch').measureDispatch;
}): Promise<number> {
  const { quick, stack, origin, testing, riders, artefacts } = deps;
  const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
  const sizes = sizesArg ? sizesArg.slice('--sizes='.length).split(',').map(Number) : undefined;
  const { idToken } = await testing.signIn(testing.demoRider.email, testing.demoRider.password);
  const mint = await riders.riderMint(idToken);
  const functionEnv = await artefacts.functionEnvironment(ROOT, stack);
  const result = await deps.measureDispatch({
    endpoint: stack.dynamodb.endpoint,
    region: stack.dynamodb.region,
    quick,
    functionEnv: { AWS_REGION: stack.dynamodb.region, ...functionEnv },
    origin,
    idTokenFor: (username) => mint(username).idToken,
    log,
    ...(sizes ? { sizes } : {}),
  });
  const file = join(process.env.WILDRYDES_LOCAL_DIR ?? join(ROOT, '.local/bench'), 'dispatch-only.json');
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${file}`);
  return 0;
}

/** Push latency at 50 and 200 open sockets (the two points), each socket a rider of its own. */
async function measureLive(deps: {
  quick: boolean;
  stack: { api: { url: string } };
  origin: string;
  mint: (username: string) => import('./riders').BenchRider;
  pickupAt: (k: number) => import('./riders').Location;
  measurePushLatency: typeof import('./live').measurePushLatency;
  prefix: string;
}): Promise<import('./live').LiveResult> {
  const stack = deps.stack as { api: { url: string }; websocket?: { url: string } };
  if (!stack.websocket?.url) throw new Error('stack.json names no websocket.url');
  const runs = [];
  let offset = 0;
  for (const connections of [50, 200]) {
    // One ride per rider (fair use), so at most one per open socket.
    const rides = Math.min(deps.quick ? 20 : 100, connections);
    const base = offset;
    log(`live: ${connections} sockets open, ${rides} rides booked one at a time`);
    runs.push(
      await deps.measurePushLatency({
        liveUrl: stack.websocket.url,
        apiUrl: stack.api.url,
        origin: deps.origin,
        connections,
        rides,
        rider: (k) => deps.mint(`${deps.prefix}-${base + k}`),
        pickup: (k) => deps.pickupAt(base + k),
        log,
      }),
    );
    offset += connections;
  }
  return { runs };
}

/** `pnpm bench -- --live-only [--quick]`: the live stage alone; writes to the bench's local folder, never latest.*. */
async function liveOnly(deps: {
  quick: boolean;
  stack: Awaited<ReturnType<typeof import('@wildrydes/local-stack/testing').readStack>>;
  origin: string;
  testing: typeof import('@wildrydes/local-stack/testing');
  riders: typeof import('./riders');
  measurePushLatency: typeof import('./live').measurePushLatency;
}): Promise<number> {
  const { idToken } = await deps.testing.signIn(deps.testing.demoRider.email, deps.testing.demoRider.password);
  const mint = await deps.riders.riderMint(idToken);
  const { readStackConfig } = await import('@wildrydes/local-stack');
  const pickupAt = deps.riders.fleetPickups(readStackConfig().fleetSize);
  const result = await measureLive({ ...deps, mint, pickupAt, prefix: `live-only-${Date.now()}` });
  const file = join(process.env.WILDRYDES_LOCAL_DIR ?? join(ROOT, '.local/bench'), 'live-only.json');
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${file}`);
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
