/**
 * What logging and metrics cost a cold start and a bundle: the SDK floor with WildRydes' former
 * hand-written log and EMF lines, with Powertools' Logger and Metrics, and with Tracer too, bundled
 * like the real functions and started interleaved (bench/reference/observability-*.ts). The
 * functions use Logger and Metrics; Tracer is measured to show why it is left out.
 */
import { bundleReference } from './artefacts';
import { type ColdResult, coldStarts, type Implementation } from './lambda';

export const OBSERVABILITY_VARIANTS = [
  { name: 'obsHand', file: 'observability-hand', label: 'hand-written log + EMF line' },
  { name: 'obsPowertools', file: 'observability-powertools', label: 'Powertools Logger + Metrics' },
  { name: 'obsTracer', file: 'observability-tracer', label: 'Powertools Logger + Metrics + Tracer' },
] as const;

export interface ObservabilityResult {
  rounds: number;
  variants: { name: string; label: string; handlerBytes: number; handlerGzipBytes: number; cold: ColdResult }[];
  floor: { handlerBytes: number; cold: ColdResult };
}

export async function measureObservability(options: {
  rootDir: string;
  workDir: string;
  rounds: number;
  env: NodeJS.ProcessEnv;
  nextEvent: () => unknown;
  log: (line: string) => void;
}): Promise<ObservabilityResult> {
  const floor = await bundleReference(options.rootDir, options.workDir, 'sdk-floor');
  // Tracer's X-Ray SDK is CommonJS that requires Node's modules at run time: in an ES module bundle
  // it needs `require` back (the banner Powertools' docs give for esbuild), which the others do not.
  const requireShim = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";
  const bundles = await Promise.all(
    OBSERVABILITY_VARIANTS.map((v) =>
      bundleReference(options.rootDir, options.workDir, v.file, v.name === 'obsTracer' ? requireShim : undefined),
    ),
  );
  // Tracer sends its segments to the X-Ray daemon's address (loopback UDP, nobody listening): as in
  // Lambda, a trace header names the invocation's segment.
  const tracerEnv = { ...options.env, _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1' };
  const impls: Implementation[] = [
    { name: 'sdkFloor', artefact: floor.file, nextEvent: options.nextEvent, env: options.env },
    ...OBSERVABILITY_VARIANTS.map((v, i) => ({
      name: v.name,
      artefact: bundles[i]!.file,
      nextEvent: options.nextEvent,
      env: v.name === 'obsTracer' ? tracerEnv : options.env,
    })),
  ];
  options.log(
    `observability: ${options.rounds} cold-start rounds of the SDK floor and ${OBSERVABILITY_VARIANTS.length} variants, interleaved`,
  );
  const cold = (await coldStarts(impls, options.rounds, options.workDir, options.log)) as Record<string, ColdResult>;
  return {
    rounds: options.rounds,
    floor: { handlerBytes: floor.handlerBytes, cold: cold.sdkFloor! },
    variants: OBSERVABILITY_VARIANTS.map((v, i) => ({
      name: v.name,
      label: v.label,
      handlerBytes: bundles[i]!.handlerBytes,
      handlerGzipBytes: bundles[i]!.handlerGzipBytes,
      cold: cold[v.name]!,
    })),
  };
}
