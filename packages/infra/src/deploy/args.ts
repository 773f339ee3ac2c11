/**
 * Arguments of `pnpm run deploy` / `pnpm run remove`: a thin layer over `sls deploy` / `sls remove`.
 * Our own flags are taken out; everything else goes to the framework unchanged.
 */
import { DEFAULT_FLEET_SIZE } from '@wildrydes/rides';

export type Command = 'deploy' | 'remove';

export interface DeployArgs {
  command: Command;
  stage: string;
  region: string;
  /** `--param="name=value"` pairs, passed on to sls (webOrigin, throttleRate, tracing, …). */
  params: Record<string, string>;
  /** Where to write the web app's config.json after a deploy (default: apps/web/dist/config.json). */
  configOut: string[];
  /** Skip writing config.json (`--no-config`). */
  writeConfig: boolean;
  /** Unicorns the deployed fleet should have (`--fleet-size`; default: the named few). */
  fleetSize: number;
  /** Deploy this folder's package (from an earlier `sls package --package <dir>`) instead of packaging anew. */
  packageDir?: string;
  /** Arguments for sls that this wrapper does not interpret (e.g. --verbose, --force). */
  passthrough: string[];
}

export class UsageError extends Error {
  override name = 'UsageError';
}

const STAGE = /^[a-z][a-z0-9-]{0,15}$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

const USAGE = [
  'usage: pnpm run deploy -- --stage <dev|prod|…> [--region <region>] [--param="webOrigin=https://…"]',
  '                          [--config-out <path>]… [--no-config] [--fleet-size <n>] [--package <dir>] [other sls deploy options]',
  '       pnpm run remove -- --stage <stage> [--region <region>]',
].join('\n');

/**
 * Parses the wrapper's arguments. The stage is required (no silent default to dev when tearing
 * down); the region falls back to AWS_REGION, AWS_DEFAULT_REGION, then us-east-1 as in serverless.yml.
 */
export function parseArgs(command: Command, argv: readonly string[], env: NodeJS.ProcessEnv = {}): DeployArgs {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let stage: string | undefined;
  let region: string | undefined;
  const params: Record<string, string> = {};
  const configOut: string[] = [];
  let writeConfig = true;
  let fleetSize = DEFAULT_FLEET_SIZE;
  let packageDir: string | undefined;
  const passthrough: string[] = [];

  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      i++;
      return next;
    };
    switch (flag) {
      case '--':
        continue;
      case '--stage':
      case '-s':
        stage = value();
        break;
      case '--region':
      case '-r':
        region = value();
        break;
      case '--param': {
        const pair = value();
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new UsageError(`--param needs name=value (got "${pair}")`);
        if (eq === pair.length - 1) throw new UsageError(`--param ${pair.slice(0, eq)} is empty: give a value or leave the param out`);
        params[pair.slice(0, eq)] = pair.slice(eq + 1);
        break;
      }
      case '--config-out':
        if (command !== 'deploy') throw new UsageError('--config-out only applies to deploy');
        configOut.push(value());
        break;
      case '--no-config':
        writeConfig = false;
        break;
      case '--fleet-size': {
        if (command !== 'deploy') throw new UsageError('--fleet-size only applies to deploy');
        const raw = value();
        fleetSize = Number(raw);
        if (!/^\d+$/.test(raw) || fleetSize < 1 || fleetSize > 1_000_000)
          throw new UsageError(`--fleet-size must be a whole number from 1 to 1000000 (got "${raw}")`);
        break;
      }
      case '--package':
      case '-p':
        if (command !== 'deploy') throw new UsageError('--package only applies to deploy');
        packageDir = value();
        break;
      case '--help':
      case '-h':
        throw new UsageError(USAGE);
      default:
        passthrough.push(arg);
    }
  }

  if (!stage) throw new UsageError(`--stage is required (e.g. --stage dev)\n${USAGE}`);
  if (!STAGE.test(stage)) throw new UsageError(`stage "${stage}" must be lowercase letters, digits or dashes (at most 16)`);
  if (stage === 'local') throw new UsageError('stage "local" is the offline stack (pnpm stack), not an AWS deployment');
  region ??= env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
  if (!REGION.test(region)) throw new UsageError(`region "${region}" does not look like an AWS region (e.g. eu-west-1)`);
  if (command === 'deploy' && stage === 'prod' && !params.webOrigin) {
    throw new UsageError('stage prod needs the web app\'s origin: add --param="webOrigin=https://main.<appId>.amplifyapp.com"');
  }
  return { command, stage, region, params, configOut, writeConfig, fleetSize, passthrough, ...(packageDir ? { packageDir } : {}) };
}

/** The `sls` command line for parsed arguments. */
export function slsArgs(args: DeployArgs): string[] {
  return [
    args.command,
    '--stage',
    args.stage,
    '--region',
    args.region,
    ...Object.entries(args.params).map(([name, value]) => `--param=${name}=${value}`),
    ...args.passthrough,
  ];
}

/**
 * The arguments `sls package` needs to build the template `sls deploy` would: region and params.
 * The rest of the passthrough is for the deploy (`--verbose`, `--force`, …), which package refuses.
 */
export function packageArgs(args: DeployArgs): string[] {
  return ['--region', args.region, ...Object.entries(args.params).map(([name, value]) => `--param=${name}=${value}`)];
}

/** The CloudFormation stack the framework names for a stage. */
export const stackName = (stage: string, service = 'wildrydes') => `${service}-${stage}`;
