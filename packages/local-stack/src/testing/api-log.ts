/** The API's log, read back: each invocation's JSON lines and the metrics it wrote. */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { emfMetrics } from './emf';
import { config } from './stack-access';

/** The API's log (serverless-offline and our functions' JSON lines), for tests that check what is logged. */
export const apiLogFile = () => join(config.localDir, 'logs', 'api.log');

/** The API log's size now, in bytes: pass it to apiInvocationsSince to read only what is logged after. */
export async function apiLogOffset(): Promise<number> {
  return (await stat(apiLogFile())).size;
}

/** One invocation of a function, as the API's log tells it. */
interface LoggedInvocation {
  /** The function's name in serverless.yml, such as RequestUnicorn. */
  fn: string;
  requestId: string;
  /** The JSON lines our function logged with this request id, in order (not the sampled debug lines). */
  lines: Record<string, unknown>[];
  /**
   * The metrics it wrote for this request (EMF lines carrying its request id), summed by name; a
   * metric with extra dimensions as `name{Dimension=value}`.
   */
  metrics: Record<string, number>;
}

/** serverless-offline's last line for each invocation, written when the handler has returned (before the answer is sent). */
const INVOCATION_END = /^\(λ: (\w+)\) RequestId: ([\w-]+) {2}Duration:/gm;

/**
 * The invocations of function `fn` (RequestUnicorn unless said: the live notifier runs after every
 * booking too) that ended after byte `offset` of the API's log, in the order they ended, each with
 * the JSON lines our function logged for it; and the log's text from `offset` on. Waits, at most
 * `timeoutMs`, until at least `count` have ended: a test reads the lines of its own requests, never
 * an earlier test's, and never before they are written.
 */
export async function apiInvocationsSince(
  offset: number,
  count: number,
  { fn: only = 'RequestUnicorn', timeoutMs = 10_000 }: { fn?: string; timeoutMs?: number } = {},
): Promise<{ text: string; invocations: LoggedInvocation[] }> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    // `offset` counts bytes; the log holds multi-byte characters, so cut before decoding.
    const text = (await readFile(apiLogFile())).subarray(offset).toString('utf8');
    const ended = [...text.matchAll(INVOCATION_END)]
      .map(([, fn = '', requestId = '']) => ({ fn, requestId }))
      .filter((invocation) => invocation.fn === only);
    if (ended.length >= count || Date.now() > giveUpAt) {
      const lines = new Map<string, Record<string, unknown>[]>();
      const metrics = new Map<string, Record<string, number>>();
      for (const line of text.split('\n')) {
        if (line.startsWith('{"level"')) {
          const parsed = JSON.parse(line) as Record<string, unknown>;
          // Debug lines are written for a sampled share of invocations (debugLogSampleRate): they come and go.
          if (parsed.level === 'DEBUG') continue;
          const id = String(parsed.requestId);
          lines.set(id, [...(lines.get(id) ?? []), parsed]);
        } else if (line.startsWith('{"_aws"')) {
          const emf = JSON.parse(line) as Record<string, unknown>;
          const id = String(emf.requestId);
          const sums = metrics.get(id) ?? {};
          for (const { key, values } of emfMetrics(emf)) sums[key] = (sums[key] ?? 0) + values.reduce((a, b) => a + b, 0);
          metrics.set(id, sums);
        }
      }
      return {
        text,
        invocations: ended.map((e) => ({ ...e, lines: lines.get(e.requestId) ?? [], metrics: metrics.get(e.requestId) ?? {} })),
      };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
