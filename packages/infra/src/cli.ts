/**
 * Deploy tooling, run from the repository root:
 *
 *   pnpm run deploy -- --stage prod --param="webOrigin=https://main.<appId>.amplifyapp.com"
 *       reads the deployed user pool's signing keys (if the stack exists) to ship with the functions,
 *       packages the service (`sls package`, offline), checks the template against CloudFormation's
 *       schemas (stops there, one line per problem), checks the AWS credentials, deploys that package
 *       (`sls deploy --package`), then writes the web app's config.json from the stack's outputs
 *       (apps/web/dist/config.json, or each --config-out path). `--package <dir>` checks and deploys
 *       a package made earlier instead (`sls package --package <dir>` with the same stage and params).
 *   pnpm run remove -- --stage dev
 *       checks the credentials, runs `sls remove`.
 *   tsx packages/infra/src/cli.ts web-config --out apps/web/dist/config.json [--check-csp customHttp.yml [--csp-meta apps/web/dist/index.html]]
 *       (the Amplify build) writes config.json from WILDRYDES_* environment variables; with
 *       `--stage <stage> [--region <region>]` from the deployed stack's outputs instead.
 *       --check-csp fails if that file's Content-Security-Policy would block the configured hosts;
 *       --csp-meta then writes that policy, narrowed to exactly those hosts, into the page as a <meta>.
 *   tsx packages/infra/src/cli.ts outputs-env --stage <stage> [--region <region>]
 *       prints the stack's outputs as the WILDRYDES_* variables an Amplify branch needs (JSON).
 *
 * Failures print one line (no stack trace) and exit non-zero.
 */

import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { seedFleet } from '@wildrydes/local-stack';
import { generateFleet } from '@wildrydes/rides';
import { type Command, type DeployArgs, packageArgs, parseArgs, slsArgs, stackName, UsageError } from './deploy/args';
import { getCallerIdentity, loadYaml, slsBin, stackOutputs } from './deploy/aws';
import { checkedDeploy } from './deploy/checked-deploy';
import { CredentialsError, checkCredentials } from './deploy/credentials';
import { cspForDeployment, cspFromCustomHttp, cspProblems, withCspMeta } from './deploy/csp';
import { shippedKeysParam } from './deploy/shipped-keys';
import { ConfigError, envFromOutputs, serialize, type WebConfig, webConfigFromEnv, webConfigFromOutputs } from './deploy/web-config';
import { withPackageLock } from './package-lock';
import { packageService, templateToDeploy } from './package-service';
import { cfnSchemas, checkTemplate } from './template-check';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DEFAULT_CONFIG_OUT = join(ROOT, 'apps/web/dist/config.json');

const say = (line: string) => process.stderr.write(`${line}\n`);

async function writeConfig(config: WebConfig, paths: string[]): Promise<void> {
  for (const path of paths) {
    const absolute = resolve(process.cwd(), path);
    await mkdir(dirname(absolute), { recursive: true });
    await writeFile(absolute, serialize(config));
    say(`wrote ${relative(process.cwd(), absolute) || absolute}`);
  }
}

function runSls(args: string[]): Promise<number> {
  return new Promise((resolveExit, reject) => {
    const child = spawn(process.execPath, [slsBin(ROOT), ...args], {
      cwd: ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        SLS_TELEMETRY_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
        AWS_EC2_METADATA_DISABLED: process.env.AWS_EC2_METADATA_DISABLED ?? 'true',
      },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolveExit(code ?? (signal ? 1 : 0)));
  });
}

async function ensureCredentials(region: string): Promise<void> {
  const identity = await checkCredentials(() => getCallerIdentity(ROOT, region), region);
  say(`AWS account ${identity.Account} as ${identity.Arn} (${region})`);
}

async function outputsOf(stage: string, region: string): Promise<Record<string, string>> {
  try {
    return await stackOutputs(ROOT, region, stackName(stage));
  } catch (error) {
    const e = error as { name?: string; message?: string };
    if (e.name === 'ValidationError' && /does not exist/.test(e.message ?? '')) {
      throw new ConfigError(`no stack ${stackName(stage)} in ${region}: deploy it first (pnpm run deploy -- --stage ${stage})`);
    }
    throw error;
  }
}

/** Adds the unicorns the deployed fleet lacks (a redeploy never frees a booked unicorn). */
async function seedDeployedFleet(outputs: Record<string, string>, region: string, size: number): Promise<void> {
  const table = outputs.UnicornsTableName;
  if (!table) throw new ConfigError('the stack has no UnicornsTableName output: is serverless.yml up to date?');
  const client = new DynamoDBClient({ region, maxAttempts: 3 });
  try {
    say(`fleet: ${await seedFleet(client, table, generateFleet(size))} unicorn(s) added to ${table} (${size} in all)`);
  } finally {
    client.destroy();
  }
}

/** Runs sls while holding the checkout's package lock: `sls deploy` and `sls remove` use <service>/.serverless too. */
async function slsLocked(args: string[]): Promise<number> {
  const code = await withPackageLock(ROOT, () => runSls(args), {
    onWait: () => say('waiting for another `sls package` of this checkout (a test run?) to finish…'),
  });
  if (code !== 0) say(`sls ${args[0]} failed (exit ${code}): see its output above`);
  return code;
}

async function checkTemplateToDeploy(template: unknown) {
  const { schemas, loadMs } = await cfnSchemas();
  const { problems, checked } = checkTemplate(template, schemas);
  const summary = `template checked against CloudFormation's schemas: ${checked.resources} resources, ${checked.properties} properties, ${checked.references} references (schemas loaded in ${loadMs} ms)`;
  return { problems, summary };
}

async function deployOrRemove(command: Command, argv: string[]): Promise<number> {
  const args: DeployArgs = parseArgs(command, argv, process.env);
  let code: number;
  if (command === 'deploy') {
    if (args.params.idTokenJwks === undefined) {
      const keys = await shippedKeysParam({ outputs: () => stackOutputs(ROOT, args.region, stackName(args.stage)), say });
      if (keys) args.params.idTokenJwks = keys;
    }
    code = await checkedDeploy({
      packageService: async () => {
        if (args.packageDir) {
          const dir = resolve(process.cwd(), args.packageDir);
          return { dir, template: await templateToDeploy(dir), cleanup: async () => {} }; // the caller's folder: kept
        }
        say(`packaging ${stackName(args.stage)} (sls package, offline)…`);
        const packaged = await packageService(args.stage, packageArgs(args));
        return { dir: packaged.dir, template: await templateToDeploy(packaged.dir), cleanup: packaged.cleanup };
      },
      check: checkTemplateToDeploy,
      ensureCredentials: () => ensureCredentials(args.region),
      deploy: (dir) => slsLocked([...slsArgs(args), '--package', dir]),
      say,
    });
  } else {
    await ensureCredentials(args.region);
    code = await slsLocked(slsArgs(args));
  }
  if (code !== 0) return code;
  if (command === 'deploy') {
    const outputs = await outputsOf(args.stage, args.region);
    await seedDeployedFleet(outputs, args.region, args.fleetSize);
    if (args.writeConfig) {
      await writeConfig(webConfigFromOutputs(outputs, process.env), args.configOut.length > 0 ? args.configOut : [DEFAULT_CONFIG_OUT]);
    }
  }
  return 0;
}

/** Options of the web-config and outputs-env commands: --out, --stage, --region. */
function simpleOptions(argv: string[]): { out: string[]; stage?: string; region: string; checkCsp?: string; cspMeta?: string } {
  const out: string[] = [];
  let checkCsp: string | undefined;
  let cspMeta: string | undefined;
  let stage: string | undefined;
  let region = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1';
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (!v) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--out') out.push(value());
    else if (flag === '--stage') stage = value();
    else if (flag === '--region') region = value();
    else if (flag === '--check-csp') checkCsp = value();
    else if (flag === '--csp-meta') cspMeta = value();
    else throw new UsageError(`unknown option ${args[i]}`);
  }
  return { out, stage, region, checkCsp, cspMeta };
}

async function webConfigCommand(argv: string[]): Promise<number> {
  const { out, stage, region, checkCsp, cspMeta } = simpleOptions(argv);
  if (cspMeta && !checkCsp) throw new UsageError('--csp-meta needs --check-csp: the policy it narrows');
  const paths = out.length > 0 ? out : [DEFAULT_CONFIG_OUT];
  let config: WebConfig | undefined;
  if (stage) {
    await ensureCredentials(region);
    config = webConfigFromOutputs(await outputsOf(stage, region), process.env);
  } else {
    config = webConfigFromEnv(process.env);
    if (!config) {
      say(
        'no WILDRYDES_USER_POOL_ID etc. in the environment: no config.json written (the app will say it is not configured; see docs/deploy.md)',
      );
      return 0;
    }
  }
  if (checkCsp) {
    const policy = cspFromCustomHttp(loadYaml(ROOT, await readFile(resolve(process.cwd(), checkCsp), 'utf8')));
    if (!policy) throw new ConfigError(`${checkCsp} has no Content-Security-Policy for pattern '**'`);
    const problems = cspProblems(policy, config);
    if (problems.length > 0) throw new ConfigError(`${checkCsp}'s Content-Security-Policy would break the app: ${problems.join('; ')}`);
    if (cspMeta) {
      const page = resolve(process.cwd(), cspMeta);
      await writeFile(page, withCspMeta(await readFile(page, 'utf8'), cspForDeployment(policy, config)));
      say(`${cspMeta}: Content-Security-Policy narrowed to this deployment's hosts`);
    }
  }
  await writeConfig(config, paths);
  return 0;
}

async function outputsEnvCommand(argv: string[]): Promise<number> {
  const { stage, region } = simpleOptions(argv);
  if (!stage) throw new UsageError('--stage is required');
  await ensureCredentials(region);
  process.stdout.write(`${JSON.stringify(envFromOutputs(await outputsOf(stage, region)))}\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'deploy':
      case 'remove':
        return await deployOrRemove(command, rest);
      case 'web-config':
        return await webConfigCommand(rest);
      case 'outputs-env':
        return await outputsEnvCommand(rest);
      default:
        throw new UsageError(`unknown command "${command ?? ''}": deploy, remove, web-config or outputs-env`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof CredentialsError) {
      say(`error: ${error.message}`);
      return error instanceof UsageError ? 2 : 1;
    }
    // Anything else: still one line; WILDRYDES_DEBUG=1 shows the trace.
    const e = error as { name?: string; message?: string; stack?: string };
    say(`error: ${e.name ?? 'Error'}: ${(e.message ?? String(error)).split('\n')[0]}`);
    if (process.env.WILDRYDES_DEBUG) say(e.stack ?? '');
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
