/**
 * Node's compile cache (`module.enableCompileCache`, Node 22.1+), as a package step would ship it:
 * built once by importing the RequestUnicorn artefact under `NODE_COMPILE_CACHE` (portable mode, so
 * it survives the move from the build folder to /var/task), then shipped beside the handler. Three
 * containers, interleaved: no cache; the cache built by this very Node; and the same cache as a
 * Lambda running another Node version sees it (Node keeps each version's entries in a folder named
 * by a hash of its version and flags, so another version finds none: the folder is renamed here).
 * Every cold start gets a fresh copy of its folder, as every container gets the zip's files.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { type ColdResult, coldStarts, type Implementation } from './lambda';

const run = promisify(execFile);

/** Where the cache sits in the package, beside the handler's own folders. */
const CACHE_DIR = '.node-compile-cache';

export const COMPILE_CACHE_VARIANTS = [
  { name: 'wildrydesNoCache', label: 'no compile cache (as deployed)' },
  { name: 'wildrydesCache', label: 'compile cache built by the same Node' },
  { name: 'wildrydesCacheOther', label: 'compile cache built by another Node (ignored)' },
] as const;

export interface CompileCacheResult {
  rounds: number;
  node: string;
  cacheBytes: number;
  cacheGzipBytes: number;
  cacheFiles: number;
  /** The cache's folder: Node's version, the architecture and a hash of V8's flags. */
  cacheFolder: string;
  variants: { name: string; label: string; cold: ColdResult }[];
}

async function sizes(dir: string) {
  let bytes = 0;
  let gzip = 0;
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const buffer = await readFile(join(entry.parentPath, entry.name));
    bytes += buffer.length;
    gzip += gzipSync(buffer).length;
    files++;
  }
  return { bytes, gzip, files };
}

export async function measureCompileCache(options: {
  /** The unzipped RequestUnicorn package and its handler file inside it. */
  packageDir: string;
  handlerFile: string;
  rounds: number;
  workDir: string;
  env: NodeJS.ProcessEnv;
  nextEvent: () => unknown;
  log: (line: string) => void;
}): Promise<CompileCacheResult> {
  const relativeHandler = options.handlerFile.slice(options.packageDir.length + 1);
  const root = join(options.workDir, 'compile-cache');
  const built = join(root, 'built');
  await cp(options.packageDir, built, { recursive: true });
  const cacheEnv = (dir: string) => ({ ...options.env, NODE_COMPILE_CACHE: join(dir, CACHE_DIR), NODE_COMPILE_CACHE_PORTABLE: '1' });
  // Built as a package step could: an import of the handler (no invocation, no backend), the cache
  // written when the process exits.
  await run(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(join(built, relativeHandler))});`], {
    env: cacheEnv(built),
    timeout: 60_000,
  });
  const versions = await readdir(join(built, CACHE_DIR));
  if (versions.length !== 1) throw new Error(`expected one compile cache folder in ${join(built, CACHE_DIR)}, found ${versions.length}`);
  const size = await sizes(join(built, CACHE_DIR));
  // Another Node version looks for its own folder and finds none.
  const other = join(root, 'other-source');
  await cp(built, other, { recursive: true });
  await rename(join(other, CACHE_DIR, versions[0]!), join(other, CACHE_DIR, 'another-node-version'));

  // The shipped cache is read where it lands: Node's own debug output names the handler's entry accepted.
  const check = join(root, 'check');
  await cp(built, check, { recursive: true });
  const { stderr } = await run(
    process.execPath,
    ['--input-type=module', '-e', `await import(${JSON.stringify(join(check, relativeHandler))});`],
    {
      env: { ...cacheEnv(check), NODE_DEBUG_NATIVE: 'COMPILE_CACHE' },
      timeout: 60_000,
    },
  );
  if (!stderr.split('\n').some((line) => line.includes(relativeHandler) && line.endsWith('was accepted, keeping the in-memory entry'))) {
    throw new Error(`the compile cache built for ${relativeHandler} was not accepted after the move:\n${stderr.slice(-2000)}`);
  }

  const containers = Object.fromEntries(COMPILE_CACHE_VARIANTS.map((v) => [v.name, join(root, v.name)]));
  const sources: Record<string, string> = { wildrydesNoCache: options.packageDir, wildrydesCache: built, wildrydesCacheOther: other };
  const fresh = async () => {
    for (const v of COMPILE_CACHE_VARIANTS) {
      const dir = containers[v.name]!;
      await rm(dir, { recursive: true, force: true });
      await mkdir(dirname(dir), { recursive: true });
      await cp(sources[v.name]!, dir, { recursive: true });
    }
  };
  const impls: Implementation[] = COMPILE_CACHE_VARIANTS.map((v) => ({
    name: v.name,
    artefact: join(containers[v.name]!, relativeHandler),
    nextEvent: options.nextEvent,
    env: v.name === 'wildrydesNoCache' ? options.env : cacheEnv(containers[v.name]!),
  }));
  options.log(`compile cache: ${options.rounds} cold-start rounds of RequestUnicorn without, with, and with another Node's cache`);
  const cold = (await coldStarts(impls, options.rounds, options.workDir, options.log, fresh)) as Record<string, ColdResult>;
  return {
    rounds: options.rounds,
    node: process.version,
    cacheBytes: size.bytes,
    cacheGzipBytes: size.gzip,
    cacheFiles: size.files,
    cacheFolder: versions[0]!,
    variants: COMPILE_CACHE_VARIANTS.map((v) => ({ name: v.name, label: v.label, cold: cold[v.name]! })),
  };
}
