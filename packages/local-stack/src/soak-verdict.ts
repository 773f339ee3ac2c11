/**
 * The soak's judgement, kept apart from the clock so it can be tested: given samples of the API
 * process, is its memory flat once warm, and is it idle when nothing is asked of it?
 * Medians and a median-based trend over whole windows, never a single sample, so one GC pause, one
 * slow sample on a busy machine or one burst's transient heap cannot decide the outcome.
 */

export type Phase = 'warmup' | 'traffic' | 'quiet';

export interface Sample {
  /** Seconds since the soak started. */
  t: number;
  phase: Phase;
  /** Resident memory of the API process (serverless-offline), in MB. */
  rssMb: number;
  /** Share of one core used by the API process since the previous sample, in %. */
  cpuPercent: number;
  requests: number;
  created: number;
  failed: number;
}

interface Limits {
  /** Median RSS of the run's last sixth over the median during warm-up (handlers imported, a few requests served). */
  maxGrowth: number;
  /** RSS trend across the quiet window (after the last burst), as a share of its median. */
  maxQuietGrowth: number;
  /** Median CPU of the API process while no request arrives, in % of one core. */
  maxQuietCpuPercent: number;
  /** Share of requests that must be answered 201: a soak whose requests fail proves little. */
  minCreatedShare: number;
}

/**
 * A warm heap legitimately grows during the bursts (20 concurrent in-process invocations: about a
 * third more), and V8 gives memory back slowly, hence the headroom. The failure this guards against
 * grew by hundreds of MB per burst of file changes, with no request arriving.
 */
export const DEFAULT_LIMITS: Limits = { maxGrowth: 1.5, maxQuietGrowth: 0.1, maxQuietCpuPercent: 20, minCreatedShare: 0.9 };

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Theil–Sen slope: the median of the slopes between every two points; a few outliers cannot tilt it. */
export function trend(points: readonly { x: number; y: number }[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i] as { x: number; y: number };
      const b = points[j] as { x: number; y: number };
      if (b.x !== a.x) slopes.push((b.y - a.y) / (b.x - a.x));
    }
  }
  return slopes.length === 0 ? 0 : median(slopes);
}

const mb = (value: number) => `${Math.round(value)} MB`;

/** The checks, in the order they are printed; the soak passes when every one is ok. */
export function judge(samples: readonly Sample[], limits: Limits = DEFAULT_LIMITS): Check[] {
  const warmup = samples.filter((s) => s.phase === 'warmup');
  const traffic = samples.filter((s) => s.phase === 'traffic');
  const quiet = samples.filter((s) => s.phase === 'quiet');
  const tail = samples.slice(-Math.max(3, Math.floor(samples.length / 6)));
  // Too few samples to tell anything: say so rather than pass.
  if (warmup.length < 3 || traffic.length < 6 || quiet.length < 6) {
    return [
      {
        name: 'enough samples',
        ok: false,
        detail: `${warmup.length} samples in warm-up, ${traffic.length} with traffic, ${quiet.length} after the last burst; run longer`,
      },
    ];
  }
  const checks: Check[] = [];

  // Against the warm level, not the traffic phase's: a leak that starts early would raise that baseline too.
  const base = median(warmup.map((s) => s.rssMb));
  const end = median(tail.map((s) => s.rssMb));
  checks.push({
    name: 'memory flat over the run',
    ok: end <= base * limits.maxGrowth,
    detail: `last ${tail.length} samples ${mb(end)} vs ${mb(base)} in warm-up (x${(end / base).toFixed(2)}, limit x${limits.maxGrowth})`,
  });

  const span = (quiet.at(-1)?.t ?? 0) - (quiet[0]?.t ?? 0);
  const growth = trend(quiet.map((s) => ({ x: s.t, y: s.rssMb }))) * span;
  const level = median(quiet.map((s) => s.rssMb));
  checks.push({
    name: 'no growth after the last burst',
    ok: growth <= level * limits.maxQuietGrowth,
    detail: `trend ${growth >= 0 ? '+' : ''}${mb(growth)} over the ${Math.round(span)} s without requests, at ${mb(level)} (limit +${mb(level * limits.maxQuietGrowth)})`,
  });

  const cpu = median(quiet.map((s) => s.cpuPercent));
  checks.push({
    name: 'idle without requests',
    ok: cpu <= limits.maxQuietCpuPercent,
    detail: `median ${cpu.toFixed(1)} % of a core after the last burst (limit ${limits.maxQuietCpuPercent} %)`,
  });

  const last = samples[samples.length - 1] as Sample;
  checks.push({
    name: 'rides booked',
    ok: last.requests > 0 && last.created >= last.requests * limits.minCreatedShare,
    detail: `${last.created} of ${last.requests} requests answered 201 (at least ${limits.minCreatedShare * 100} % needed)`,
  });
  return checks;
}

export function formatRow(s: Sample): string {
  return [
    String(Math.round(s.t)).padStart(5),
    s.phase.padEnd(8),
    String(s.requests).padStart(5),
    String(s.created).padStart(5),
    String(s.failed).padStart(6),
    String(Math.round(s.rssMb)).padStart(7),
    s.cpuPercent.toFixed(1).padStart(6),
  ].join('  ');
}

export const TABLE_HEADER = ['    t', 'phase   ', ' sent', '  201', 'failed', 'RSS MB', ' CPU %'].join('  ');
