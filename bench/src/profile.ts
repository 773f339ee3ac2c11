/**
 * Where a cold start's CPU time goes, package by package: RequestUnicorn's artefact and the SDK
 * floor, each bundled like the functions but with a source map, started in fresh processes under
 * `node --cpu-prof`; every sample's function is mapped back through the source map to the package
 * it came from (the AWS SDK's parts, aws-jwt-verify, zod, Powertools, our own packages), the rest to
 * Node itself (its start-up and built-ins) and the garbage collector.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { SourceMapConsumer } from 'source-map-js';
import { serverlessEsbuildOptions } from './artefacts';
import { CHILD } from './lambda';
import { summarize } from './stats';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileResult {
  runs: number;
  /** Median self time (ms) per package and category, for WildRydes and for the floor. */
  wildrydes: Record<string, number>;
  floor: Record<string, number>;
  /** Median of the total sampled CPU time (ms) of each process. */
  totals: { wildrydes: number; floor: number };
}

/** The package a bundled source belongs to: `@scope/name` under node_modules, `packages/x` of ours. */
export function packageOf(source: string): string {
  const modules = [...source.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
  const last = modules.at(-1)?.[1];
  if (last) return last;
  const ours = /(packages\/[^/]+|bench\/reference)/.exec(source)?.[1];
  return ours ?? 'other';
}

/** Self time (ms) per package of one profile; `bundle` is the artefact's URL, mapped by `map`. */
export function attribute(profile: CpuProfile, bundle: string, map: SourceMapConsumer): Record<string, number> {
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byPackage: Record<string, number> = {};
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id);
    if (!us) continue;
    const { url, functionName, lineNumber, columnNumber } = node.callFrame;
    let label: string;
    if (functionName === '(idle)') continue;
    if (functionName === '(garbage collector)') label = 'GC';
    else if (functionName === '(program)') label = 'V8 (program)';
    else if (url === bundle) {
      const original = map.originalPositionFor({ line: lineNumber + 1, column: columnNumber });
      label = original.source ? packageOf(original.source) : 'bundle (unmapped)';
    } else if (url.startsWith('node:') || url === '') label = 'Node built-ins';
    else label = 'bench harness';
    byPackage[label] = (byPackage[label] ?? 0) + us / 1000;
  }
  return byPackage;
}

const esbuildOf = (rootDir: string) => createRequire(join(rootDir, 'package.json'))('esbuild') as typeof import('esbuild');

async function bundleWithMap(rootDir: string, outDir: string, entry: string, name: string) {
  const file = join(outDir, `${name}.mjs`);
  await esbuildOf(rootDir).build({
    ...(await serverlessEsbuildOptions(rootDir)),
    absWorkingDir: rootDir,
    entryPoints: [entry],
    outfile: file,
    sourcemap: 'external',
    write: true,
  });
  return { file, map: new SourceMapConsumer(JSON.parse(await readFile(`${file}.map`, 'utf8'))) };
}

async function profiledRun(artefact: string, event: unknown, env: NodeJS.ProcessEnv, dir: string): Promise<CpuProfile> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const eventFile = join(dir, 'event.json');
  await writeFile(eventFile, JSON.stringify([event]));
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200', CHILD, 'cold', artefact, eventFile],
      {
        env,
        // fd 3 carries the child's own timing report: not needed here, but read so it can be written.
        stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
        timeout: 60_000,
      },
    );
    (child.stdio[3] as Readable).resume();
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`profiled run failed (exit ${code}): ${stderr}`))));
  });
  const [file] = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('node --cpu-prof wrote no profile');
  return JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
}

export async function profileColdStarts(options: {
  rootDir: string;
  workDir: string;
  runs: number;
  env: NodeJS.ProcessEnv;
  wildrydesEvent: () => unknown;
  floorEvent: () => unknown;
  log: (line: string) => void;
}): Promise<ProfileResult> {
  const wildrydes = await bundleWithMap(
    options.rootDir,
    options.workDir,
    'packages/functions/src/request-unicorn/handler.ts',
    'profiled-request-unicorn',
  );
  const floor = await bundleWithMap(options.rootDir, options.workDir, 'bench/reference/sdk-floor.ts', 'profiled-sdk-floor');
  const samples = { wildrydes: [] as Record<string, number>[], floor: [] as Record<string, number>[] };
  options.log(`profile: ${options.runs} cold starts of each under node --cpu-prof`);
  for (let run = 0; run < options.runs; run++) {
    for (const [name, bundle, event] of [
      ['wildrydes', wildrydes, options.wildrydesEvent()],
      ['floor', floor, options.floorEvent()],
    ] as const) {
      const profile = await profiledRun(bundle.file, event, options.env, join(options.workDir, `profile-${name}`));
      samples[name].push(attribute(profile, `file://${bundle.file}`, bundle.map));
    }
  }
  const medians = (runs: Record<string, number>[]) => {
    const labels = new Set(runs.flatMap((r) => Object.keys(r)));
    return Object.fromEntries([...labels].map((label) => [label, summarize(runs.map((r) => r[label] ?? 0)).median]));
  };
  const total = (runs: Record<string, number>[]) => summarize(runs.map((r) => Object.values(r).reduce((a, b) => a + b, 0))).median;
  return {
    runs: options.runs,
    wildrydes: medians(samples.wildrydes),
    floor: medians(samples.floor),
    totals: { wildrydes: total(samples.wildrydes), floor: total(samples.floor) },
  };
}
