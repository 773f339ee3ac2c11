import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { readStackConfig } from '@wildrydes/local-stack';
import { frameworkRequire } from './deploy/aws';
import { withPackageLock } from './package-lock';

const run = promisify(execFile);

/** A CloudFormation template, loosely typed: tests assert on its shape. */
export interface Template {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }>;
  Outputs?: Record<string, { Value: unknown; Description?: string }>;
  Conditions?: Record<string, unknown>;
}

export interface Packaged {
  template: Template;
  dir: string;
  cleanup(): Promise<void>;
}

/**
 * Runs `sls package` for a stage, offline and without AWS credentials, into a temporary folder,
 * and returns the CloudFormation template it would deploy.
 */
export async function packageService(stage: string, extraArgs: string[] = []): Promise<Packaged> {
  const { rootDir } = readStackConfig();
  const require = createRequire(join(rootDir, 'package.json'));
  const bin = join(dirname(require.resolve('serverless/package.json')), 'bin', 'serverless.js');
  const dir = await mkdtemp(join(tmpdir(), `wildrydes-package-${stage}-`));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_EC2_METADATA_DISABLED: 'true',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    WILDRYDES_BUILD_DIR: `.esbuild-package-${stage}`,
  };
  await withPackageLock(rootDir, () =>
    run(process.execPath, [bin, 'package', '--stage', stage, '--package', dir, ...extraArgs], {
      cwd: rootDir,
      env,
      timeout: 120_000,
    }),
  ).catch((error: Error & { stdout?: string; stderr?: string; signal?: string }) => {
    // The framework prints its error on stdout, execFile's message carries only stderr.
    throw new Error(
      `sls package --stage ${stage} failed (${error.signal ?? 'exit'}): ${error.stderr ?? ''}\n${error.stdout ?? ''}`.trim(),
      { cause: error },
    );
  });
  const template = JSON.parse(await readFile(join(dir, 'cloudformation-template-update-stack.json'), 'utf8')) as Template;
  return { template, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The template `sls deploy --package <dir>` sends: the framework restores it from the package's
 * serverless-state.json (not from cloudformation-template-update-stack.json), written with shared
 * parts as json-cycle `$ref` pointers. Read here as the framework reads it.
 */
export async function templateToDeploy(dir: string): Promise<Template> {
  const { rootDir } = readStackConfig();
  const jsonCycle = frameworkRequire(rootDir)('json-cycle') as { parse(text: string): unknown };
  const state = jsonCycle.parse(await readFile(join(dir, 'serverless-state.json'), 'utf8')) as {
    service?: { provider?: { compiledCloudFormationTemplate?: Template } };
  };
  const template = state.service?.provider?.compiledCloudFormationTemplate;
  if (!template) throw new Error(`${dir}/serverless-state.json holds no compiled template: was it written by sls package?`);
  return template;
}

export function resourcesOfType(template: Template, type: string) {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}
