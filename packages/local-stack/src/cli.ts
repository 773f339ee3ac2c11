#!/usr/bin/env node
/**
 * The local stack's command line, behind the root scripts:
 *   stack                 the backend in the foreground (pnpm stack)
 *   dev                   the backend and the web app (pnpm dev)
 *   run [--profile test] -- <command…>   start the stack, run the command against it, stop
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readStackConfig, type StackConfig, stackEnv, urls } from './config';
import { assertPortsFree } from './ports';
import { type ServiceProcess, StackError, startProcess, waitUntilReady } from './processes';
import { type RunningStack, startStack } from './stack';
import { stackFilePath, webConfigPath } from './stack-file';

const say = (line: string) => console.log(`[wildrydes] ${line}`);

function parseArgs(argv: string[]) {
  const [command = 'stack', ...rest] = argv;
  const dash = rest.indexOf('--');
  const options = dash === -1 ? rest : rest.slice(0, dash);
  const passthrough = dash === -1 ? [] : rest.slice(dash + 1);
  const profileAt = options.indexOf('--profile');
  const profile = profileAt === -1 ? undefined : options[profileAt + 1];
  return { command, profile, passthrough };
}

/** Stops everything on Ctrl-C or SIGTERM, once, then exits. */
function stopOnSignals(stopAll: () => Promise<void>, exitCode = () => 0): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      say('stopping…');
      void stopAll().finally(() => process.exit(exitCode()));
    });
  }
}

function printReady(config: StackConfig, stack: RunningStack, web?: string) {
  const { email, password } = config.demoRider;
  say('ready.');
  console.log('');
  if (web) console.log(`  Web app      ${web}`);
  console.log(`  API          ${stack.description.api.url}  (POST /ride)`);
  console.log(`  Live API     ${stack.description.websocket.url}  (WebSocket, ?token=<ID token>)`);
  console.log(
    `  Cognito      ${stack.description.cognito.endpoint}  pool ${stack.description.cognito.userPoolId}, client ${stack.description.cognito.userPoolClientId}`,
  );
  console.log(`  DynamoDB     ${stack.description.dynamodb.endpoint}  table ${stack.description.dynamodb.ridesTable}`);
  console.log(`  Demo rider   ${email} / ${password}`);
  console.log(`  Stack file   ${stackFilePath(config.localDir)}`);
  console.log(`  Logs         ${join(config.localDir, 'logs')}/`);
  // The functions' JSON log lines and their metrics (CloudWatch's embedded metric format) share the API's log.
  console.log(`  Metrics      ${join(config.localDir, 'logs', 'api.log')}  (lines starting {"_aws"; docs/operations.md)`);
  console.log('');
  say('press Ctrl-C to stop everything.');
}

function startWeb(config: StackConfig): ServiceProcess {
  return startProcess({
    name: 'web app (Vite)',
    command: 'pnpm',
    args: ['--filter', '@wildrydes/web', 'run', 'dev'],
    cwd: config.rootDir,
    env: { ...process.env, ...stackEnv(config), WILDRYDES_WEB_CONFIG: webConfigPath(config.localDir) },
    logFile: join(config.localDir, 'logs', 'web.log'),
  });
}

async function waitForWeb(url: string, web: ServiceProcess): Promise<void> {
  await waitUntilReady(web, async () => (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok, 60_000);
}

async function main(): Promise<number> {
  const { command, profile, passthrough } = parseArgs(process.argv.slice(2));
  if (profile) process.env.WILDRYDES_PROFILE = profile;
  const config = readStackConfig();
  if (!['stack', 'dev', 'run'].includes(command)) throw new StackError(`Unknown command "${command}": use stack, dev or run -- <command>`);
  if (command === 'run' && passthrough.length === 0) throw new StackError('Nothing to run: use run -- <command…>');

  const hasWeb = existsSync(join(config.rootDir, 'apps/web/package.json'));
  if (command === 'dev' && hasWeb) await assertPortsFree({ web: config.ports.web });

  let code = command === 'run' ? 1 : 0;
  let starting: Promise<RunningStack> | undefined;
  let stack: RunningStack | undefined;
  let web: ServiceProcess | undefined;
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    await web?.stop();
    // Ctrl-C while the stack starts: let the start finish (on failure it stops what it began), then
    // stop it all, so no service started in the meantime is left running.
    if (!stack && starting) say('waiting for the services now starting, to stop them too…');
    const running = stack ?? (await starting?.catch(() => undefined));
    await running?.stop();
  };
  // Before anything starts, so an early Ctrl-C stops what has started instead of orphaning it.
  stopOnSignals(stopAll, () => code);

  say(`starting the local stack (${config.profile}); logs in ${join(config.localDir, 'logs')}/`);
  starting = startStack(config, say);
  stack = await starting;
  if (stopping) return new Promise<number>(() => {}); // a signal came during the start: stopAll exits

  if (command === 'run') {
    const [bin, ...args] = passthrough as [string, ...string[]];
    say(`stack ready; running: ${passthrough.join(' ')}`);
    const child = spawn(bin, args, { stdio: 'inherit', env: { ...process.env, ...stackEnv(config) } });
    code = await new Promise<number>((resolve) => {
      child.once('error', (error) => {
        console.error(error.message);
        resolve(127);
      });
      child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
    });
    await stopAll();
    return code;
  }

  if (command === 'dev' && hasWeb) {
    say('starting the web app…');
    web = startWeb(config);
    try {
      await waitForWeb(urls(config).web, web);
    } catch (error) {
      await stopAll();
      throw error;
    }
    void web.exited.then(() => stopping || say(`the web app stopped; see ${web?.logFile}`));
  }
  printReady(config, stack, web ? urls(config).web : undefined);
  for (const service of stack.services) {
    void service.exited.then(() => stopping || say(`${service.name} stopped unexpectedly; see ${service.logFile}`));
  }
  await new Promise(() => {}); // until a signal
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof StackError) console.error(`[wildrydes] ${error.message}`);
    else console.error('[wildrydes] failed:', error);
    process.exit(1);
  },
);
