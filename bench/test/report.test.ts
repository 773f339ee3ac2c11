import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goals, markdown, type Results } from '../src/report';

const results = join(import.meta.dirname, '..', 'results');
const latest = async () => JSON.parse(await readFile(join(results, 'latest.json'), 'utf8')) as Results;

describe('the benchmark report', () => {
  it('is what the renderer makes of the committed figures (after a change to report.ts: pnpm bench -- --rerender)', async () => {
    const r = await latest();
    expect(markdown(r)).toBe(await readFile(join(results, 'latest.md'), 'utf8'));
    // The goals stored beside the figures are the ones report.ts judges today.
    expect((r as Results & { goals: unknown }).goals).toEqual(goals(r));
  });

  it('judges the cold-start goal on the ratio of medians, baseline over WildRydes', async () => {
    const r = await latest();
    const g = goals(r);
    expect(g.coldRatio).toBeCloseTo(r.cold.baseline.importPlusFirstMs.median / r.cold.wildrydes.importPlusFirstMs.median, 10);
    const fast = {
      ...r,
      cold: {
        ...r.cold,
        wildrydes: {
          ...r.cold.wildrydes,
          importPlusFirstMs: { ...r.cold.wildrydes.importPlusFirstMs, median: r.cold.baseline.importPlusFirstMs.median / 3 },
        },
      },
    };
    expect(goals(fast).coldStart).toBe(true);
    const slow = {
      ...r,
      cold: {
        ...r.cold,
        wildrydes: {
          ...r.cold.wildrydes,
          importPlusFirstMs: { ...r.cold.wildrydes.importPlusFirstMs, median: r.cold.baseline.importPlusFirstMs.median / 2.9 },
        },
      },
    };
    expect(goals(slow).coldStart).toBe(false);
  });

  it('shows the SDK floor next to WildRydes, and still renders runs from before it was measured', async () => {
    const r = await latest();
    expect(markdown(r)).toMatch(/\| \*\*import \+ first invocation\*\* \|.*\| [\d.]+ ms \/ [\d.]+ ms \/ [\d.]+ ms \| \+[\d.]+ ms \|/);
    const { sdkFloor: _cold, ...coldWithout } = r.cold;
    const { sdkFloor: _size, ...artefactsWithout } = r.artefacts;
    const older = markdown({ ...r, cold: coldWithout, artefacts: artefactsWithout } as Results);
    expect(older).not.toContain('SDK v3 floor');
    expect(older).toContain('| **import + first invocation** |');
  });
});
