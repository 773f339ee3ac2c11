import { describe, expect, it } from 'vitest';
import { judge, median, type Phase, type Sample, trend } from '../src/soak-verdict';

/** 60 samples 10 s apart: 6 of warm-up, 30 of traffic, 24 quiet; RSS and CPU from the given functions of the index. */
function run(rss: (i: number, phase: Phase) => number, cpu: (i: number, phase: Phase) => number = () => 1): Sample[] {
  return Array.from({ length: 60 }, (_, i) => {
    const phase: Phase = i < 6 ? 'warmup' : i < 36 ? 'traffic' : 'quiet';
    return { t: (i + 1) * 10, phase, rssMb: rss(i, phase), cpuPercent: cpu(i, phase), requests: i * 4, created: i * 4, failed: 0 };
  });
}
const failed = (samples: Sample[]) =>
  judge(samples)
    .filter((c) => !c.ok)
    .map((c) => c.name);

describe('median and trend', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('finds the slope of a line, and keeps it when a few points are far off', () => {
    const line = Array.from({ length: 20 }, (_, x) => ({ x, y: 100 + 2 * x }));
    expect(trend(line)).toBe(2);
    const spiky = line.map((p) => (p.x % 7 === 3 ? { ...p, y: 5000 } : p));
    expect(trend(spiky)).toBe(2);
    expect(trend([{ x: 1, y: 5 }])).toBe(0);
  });
});

describe('the soak verdict', () => {
  it('passes a process that warms up, rises with the bursts and settles', () => {
    const samples = run((i, phase) => (phase === 'warmup' ? 300 + i * 10 : phase === 'traffic' ? 420 + (i % 5) * 20 : 430));
    expect(failed(samples)).toEqual([]);
  });

  it('passes a flat process whose garbage collector saws up and down', () => {
    expect(failed(run((i) => 400 + (i % 4) * 25))).toEqual([]);
  });

  it('is not fooled by single spikes: medians, not maxima', () => {
    const samples = run(
      (i) => (i % 9 === 0 ? 1500 : 400),
      (i) => (i % 9 === 0 ? 95 : 2),
    );
    expect(failed(samples)).toEqual([]);
  });

  it('fails a steady leak that doubles memory over the run', () => {
    const samples = run((i) => 400 + (i * 400) / 59);
    expect(failed(samples)).toEqual(['memory flat over the run', 'no growth after the last burst']);
  });

  it('fails memory that keeps growing once requests stop, even while still close to its level under traffic', () => {
    const samples = run((i, phase) => (phase === 'quiet' ? 400 + (i - 35) * 4 : 400));
    expect(failed(samples)).toEqual(['no growth after the last burst']);
  });

  it('fails memory that jumped after the traffic and stayed up', () => {
    const samples = run((i, phase) => (phase === 'traffic' ? 400 : phase === 'quiet' ? (i < 40 ? 450 : 900) : 300));
    expect(failed(samples)).toEqual(['memory flat over the run']);
  });

  it('fails memory that jumped early in the traffic and stayed up (the dev stack under file churn: 515 MB to 3.1 GB)', () => {
    const samples = run((i, phase) => (phase === 'warmup' ? 515 : 3000 + (i % 3) * 40));
    expect(failed(samples)).toEqual(['memory flat over the run']);
  });

  it('fails a process that stays busy when nothing is asked of it', () => {
    const samples = run(
      () => 400,
      (_, phase) => (phase === 'quiet' ? 70 : 5),
    );
    expect(failed(samples)).toEqual(['idle without requests']);
  });

  it('fails a run in which too few rides were booked', () => {
    const samples = run(() => 400).map((s) => ({
      ...s,
      created: Math.floor(s.requests * 0.8),
      failed: s.requests - Math.floor(s.requests * 0.8),
    }));
    expect(failed(samples)).toEqual(['rides booked']);
    expect(failed(run(() => 400).map((s) => ({ ...s, requests: 0, created: 0 })))).toEqual(['rides booked']);
  });

  it('refuses to judge too few samples, or a run with no quiet window', () => {
    expect(failed(run(() => 400).slice(0, 5))).toEqual(['enough samples']);
    expect(failed(run(() => 400).slice(4))).toEqual(['enough samples']);
    const noQuiet = run(() => 400).map((s) => (s.phase === 'quiet' ? { ...s, phase: 'traffic' as const } : s));
    expect(failed(noQuiet)).toEqual(['enough samples']);
  });
});
