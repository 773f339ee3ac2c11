/** `sls package` as a deploy would run it, and the sizes of what it ships. */
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { packageService as packageInfra } from '@wildrydes/infra';

const run = promisify(execFile);

export interface FunctionArtefact {
  zip: string;
  zipBytes: number;
  zipGzipBytes: number;
  /** The bundled handler inside the zip (minified JS). */
  handlerFile: string;
  handlerBytes: number;
  handlerGzipBytes: number;
  files: number;
}

export interface Packaged {
  dir: string;
  /** Removes the packaged and unzipped files. */
  cleanup(): Promise<void>;
  functions: Record<string, FunctionArtefact>;
  /** Handler path of RequestUnicorn after unzipping. */
  requestUnicornHandler: string;
  /** Each function's handler file after unzipping, by its name in serverless.yml. */
  handlers: Record<string, string>;
  /** Each function's unzipped package folder (what Lambda puts in /var/task). */
  packageDirs: Record<string, string>;
  /** Each function's memory (MB) in the template: Lambda gives CPU in proportion to it. */
  memoryMb: Record<string, number>;
}

/** `sls package --stage dev` (infra's packageService, the one the template tests use), unzipped and measured. */
export async function packageService(): Promise<Packaged> {
  const { dir, template, cleanup } = await packageInfra('dev');
  const unzipped = join(dir, 'unzipped');
  const functions: Record<string, FunctionArtefact> = {};
  const handlers: Record<string, string> = {};
  const memoryMb: Record<string, number> = {};
  const packageDirs: Record<string, string> = {};
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const {
      Code,
      Handler: handler,
      MemorySize,
    } = (resource.Properties ?? {}) as { Code?: { S3Key?: string }; Handler?: string; MemorySize?: number };
    const zipName = Code?.S3Key?.split('/').pop();
    if (!zipName || !handler) continue;
    const zip = join(dir, zipName);
    const target = join(unzipped, logicalId);
    await mkdir(target, { recursive: true });
    await run('unzip', ['-q', '-o', zip, '-d', target]);
    const zipBuffer = await readFile(zip);
    const handlerBase = handler.slice(0, handler.lastIndexOf('.'));
    const candidates = ['.mjs', '.js', '.cjs'].map((ext) => join(target, handlerBase + ext));
    let handlerFile = '';
    for (const c of candidates) if (await stat(c).catch(() => undefined)) handlerFile = c;
    const handlerBuffer = handlerFile ? await readFile(handlerFile) : Buffer.alloc(0);
    const name = logicalId.replace(/LambdaFunction$/, '');
    functions[name] = {
      zip: zipName,
      zipBytes: zipBuffer.length,
      zipGzipBytes: gzipSync(zipBuffer).length,
      handlerFile: handlerFile.slice(target.length + 1),
      handlerBytes: handlerBuffer.length,
      handlerGzipBytes: gzipSync(handlerBuffer).length,
      files: await countFiles(target),
    };
    if (handlerFile) handlers[name] = handlerFile;
    packageDirs[name] = target;
    if (MemorySize) memoryMb[name] = MemorySize;
  }
  const requestUnicornHandler = handlers.RequestUnicorn;
  if (!requestUnicornHandler) throw new Error(`sls package produced no RequestUnicorn handler in ${dir}`);
  return { dir, cleanup, functions, requestUnicornHandler, handlers, packageDirs, memoryMb };
}

async function countFiles(dir: string): Promise<number> {
  let n = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) n++;
  return n;
}

/** The workshop function as it was deployed: one index.js; aws-sdk v2 came with the runtime. */
export async function baselineArtefact(file: string) {
  const buffer = await readFile(file);
  return { handlerBytes: buffer.length, handlerGzipBytes: gzipSync(buffer).length };
}

export interface BundleBreakdown {
  totalBytes: number;
  /** Bytes in the output per package (node_modules) or workspace folder, largest first. */
  byPackage: { name: string; bytes: number }[];
}

let esbuildOptions: Promise<Record<string, unknown>> | undefined;

/** The esbuild options serverless.yml gives serverless-esbuild, as esbuild's own: one `sls print` per run. */
export function serverlessEsbuildOptions(rootDir: string): Promise<Record<string, unknown>> {
  esbuildOptions ??= printEsbuildOptions(rootDir);
  return esbuildOptions;
}

async function printEsbuildOptions(rootDir: string): Promise<Record<string, unknown>> {
  const bin = join(rootDir, 'node_modules', '.bin', 'sls');
  const { stdout } = await run(bin, ['print', '--stage', 'dev', '--format', 'json', '--path', 'custom.esbuild'], {
    cwd: rootDir,
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', AWS_EC2_METADATA_DISABLED: 'true' },
    timeout: 60_000,
  });
  const options = JSON.parse(stdout) as Record<string, unknown>;
  // serverless-esbuild passes `exclude` to esbuild as `external`; the rest are its own keys.
  options.external = [...((options.external as string[] | undefined) ?? []), ...((options.exclude as string[] | undefined) ?? [])];
  for (const key of [
    'exclude',
    'outputWorkFolder',
    'outputBuildFolder',
    'outputFileExtension',
    'packager',
    'concurrency',
    'zipConcurrency',
    'nativeZip',
    'keepOutputDirectory',
    'packagerOptions',
    'installExtraArgs',
    'nodeExternals',
    'skipBuild',
    'skipRebuild',
    'skipBuildExcludeFns',
    'stripEntryResolveExtensions',
    'disposeContext',
    'watch',
    'packagePath',
  ]) {
    delete options[key];
  }
  return options;
}

const esbuildOf = (rootDir: string) => createRequire(join(rootDir, 'package.json'))('esbuild') as typeof import('esbuild');

/**
 * What the RequestUnicorn bundle is made of: esbuild's metafile for the same entry and the same
 * options serverless.yml gives serverless-esbuild, written nowhere.
 */
export async function bundleBreakdown(rootDir: string, handlerEntry: string): Promise<BundleBreakdown> {
  const result = await esbuildOf(rootDir).build({
    ...(await serverlessEsbuildOptions(rootDir)),
    absWorkingDir: rootDir,
    entryPoints: [handlerEntry],
    outdir: join(tmpdir(), 'wildrydes-bench-breakdown'),
    write: false,
    metafile: true,
  });
  const output = Object.values(result.metafile!.outputs)[0]!;
  const byPackage = new Map<string, number>();
  for (const [file, input] of Object.entries(output.inputs)) {
    const match = file.match(/.*node_modules\/((?:@[^/]+\/)?[^/]+)\//);
    const name = match ? match[1]! : file.split('/').slice(0, 2).join('/');
    byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
  }
  return {
    totalBytes: output.bytes,
    byPackage: [...byPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes),
  };
}

/** A reference handler (bench/reference/<name>.ts), bundled like the real functions into `outDir`. */
export async function bundleReference(rootDir: string, outDir: string, name: string, banner?: string) {
  const options = await serverlessEsbuildOptions(rootDir);
  const file = join(outDir, `${name}.mjs`);
  await esbuildOf(rootDir).build({
    ...options,
    ...(banner ? { banner: { js: banner } } : {}),
    absWorkingDir: rootDir,
    entryPoints: [`bench/reference/${name}.ts`],
    outfile: file,
    write: true,
  });
  const buffer = await readFile(file);
  return { file, handlerFile: `bench/reference/${name}.ts`, handlerBytes: buffer.length, handlerGzipBytes: gzipSync(buffer).length };
}

/** The SDK-floor reference (bench/reference/sdk-floor.ts), bundled like the real functions into `outDir`. */
export const bundleSdkFloor = (rootDir: string, outDir: string) => bundleReference(rootDir, outDir, 'sdk-floor');

/** What the local stack's description (stack.json) tells the print that the stack's config does not. */
interface StackEndpoints {
  cognito: { userPoolId: string; userPoolClientId: string };
  dynamodb: { region: string };
}

let printed:
  | Promise<{ provider: { environment?: Record<string, unknown> }; functions: Record<string, { environment?: Record<string, unknown> }> }>
  | undefined;

/**
 * serverless.yml as the framework resolves it for stage `local`, with the environment the local
 * stack gives its API (`offlineEnvironment`): one `sls print` per run.
 */
function printLocal(rootDir: string, stack: StackEndpoints) {
  printed ??= (async () => {
    const { offlineEnvironment, readStackConfig } = await import('@wildrydes/local-stack');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SLS_TELEMETRY_DISABLED: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...offlineEnvironment(readStackConfig(), {
        userPoolId: stack.cognito.userPoolId,
        userPoolClientId: stack.cognito.userPoolClientId,
        // The bench ships the keys itself where a section wants them (ID_TOKEN_JWKS).
        idTokenJwks: '',
      }),
    };
    const bin = join(rootDir, 'node_modules', '.bin', 'sls');
    const { stdout } = await run(bin, ['print', '--stage', 'local', '--region', stack.dynamodb.region, '--format', 'json'], {
      cwd: rootDir,
      env,
      timeout: 60_000,
    });
    return JSON.parse(stdout);
  })();
  return printed;
}

const strings = (values: Record<string, unknown> | undefined) =>
  Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, String(v ?? '')]));

/** The functions' environment as serverless.yml sets it for the local stack (stage `local`): the provider's. */
export async function functionEnvironment(rootDir: string, stack: StackEndpoints): Promise<Record<string, string>> {
  return strings((await printLocal(rootDir, stack)).provider.environment);
}

/** Each function's own environment on top of the provider's (live tables, cursor key), by function name. */
export async function ownEnvironments(rootDir: string, stack: StackEndpoints): Promise<Record<string, Record<string, string>>> {
  const { functions } = await printLocal(rootDir, stack);
  return Object.fromEntries(Object.entries(functions).map(([name, f]) => [name, strings(f.environment)]));
}
