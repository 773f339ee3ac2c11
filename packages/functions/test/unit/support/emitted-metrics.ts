import { emfMetrics } from '@wildrydes/local-stack/testing';
import { vi } from 'vitest';

/**
 * The metrics a handler writes while `run` runs, read back from its EMF lines (Powertools writes
 * them with console.log in the unit tests' dev mode): each metric's values, keyed by name and,
 * for a line with extra dimensions, `name{Dimension=value}`. Other console output is swallowed.
 */
export async function emittedMetrics(run: () => Promise<unknown>): Promise<Record<string, number[]>> {
  return (await emitted(run)).metrics;
}

/** The metrics, as emittedMetrics reads them, and the EMF lines themselves. */
export async function emitted(run: () => Promise<unknown>): Promise<{ metrics: Record<string, number[]>; lines: string[] }> {
  const lines: string[] = [];
  const out = vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
    lines.push(String(line));
  });
  const quiet = ['info', 'warn', 'error', 'debug'].map((method) => vi.spyOn(console, method as 'info').mockImplementation(() => {}));
  try {
    await run();
  } finally {
    out.mockRestore();
    for (const spy of quiet) spy.mockRestore();
  }
  const metrics: Record<string, number[]> = {};
  const emfLines = lines.filter((line) => line.startsWith('{"_aws"'));
  for (const line of emfLines) {
    for (const { key, values } of emfMetrics(JSON.parse(line) as Record<string, unknown>))
      metrics[key] = [...(metrics[key] ?? []), ...values];
  }
  return { metrics, lines: emfLines };
}
