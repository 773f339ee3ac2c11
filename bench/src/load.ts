/** POST /ride through the running local stack (serverless-offline), each request a different rider with a valid ID token. */
import { open, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Location } from './riders';
import { type Summary, summarize } from './stats';

const require = createRequire(import.meta.url);
// autocannon ships CommonJS without types.
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

interface AutocannonResult {
  duration: number;
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; max: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}

export interface LoadResult {
  connections: number;
  requests: number;
  durationS: number;
  throughputRps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  statuses: Record<string, number>;
  non2xx: number;
  errors: number;
  timeouts: number;
  created201: number;
  itemsWritten: number;
  itemsMatch201: boolean;
  /** Booking transactions per ride booked, from the API's log ("ride booked" lines); absent without a log. */
  attempts?: Summary;
  /**
   * Where the requests came from: `spread`, each a different rider at a different unicorn's home
   * (since fair use); absent in older runs, where one rider asked from one spot again and again.
   */
  pickups?: 'spread';
}

/** One request's rider and pickup. */
export interface LoadRequest {
  idToken: string;
  pickup: Location;
}

/** autocannon's raw request, as its `setupRequest` hook gets and returns it. */
interface RawRequest {
  headers?: Record<string, string>;
  body?: string | Buffer;
  [key: string]: unknown;
}

export async function loadApi(options: {
  apiUrl: string;
  /** The next request's rider and pickup: called once per request sent (and once more per connection). */
  nextRequest: () => LoadRequest;
  origin: string;
  connections: number;
  amount: number;
  countRides: () => Promise<number>;
  /** The API's log file, to count booking attempts per ride. */
  apiLog?: string;
}): Promise<LoadResult> {
  const before = await options.countRides();
  const logStart = options.apiLog ? (await stat(options.apiLog)).size : 0;
  const result = await autocannon({
    url: `${options.apiUrl}/ride`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: options.origin },
    // Built before it is sent, per request: a new rider and pickup each time.
    requests: [
      {
        setupRequest: (request: RawRequest): RawRequest => {
          const { idToken, pickup } = options.nextRequest();
          return { ...request, headers: { ...request.headers, Authorization: idToken }, body: JSON.stringify({ PickupLocation: pickup }) };
        },
      },
    ],
    connections: options.connections,
    amount: options.amount,
    timeout: 30,
  });
  const after = await options.countRides();
  const attempts = options.apiLog ? await bookingAttempts(options.apiLog, logStart) : undefined;
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  const created201 = statuses['201'] ?? 0;
  return {
    connections: options.connections,
    requests: result.requests.total,
    durationS: result.duration,
    throughputRps: result.requests.total / result.duration,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    statuses,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    created201,
    itemsWritten: after - before,
    itemsMatch201: after - before === created201,
    ...(attempts?.length ? { attempts: summarize(attempts) } : {}),
    pickups: 'spread',
  };
}

/** The `attempts` of every "ride booked" line the function logged after `from` bytes. */
async function bookingAttempts(file: string, from: number): Promise<number[]> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.max(0, size - from));
    await handle.read(buffer, 0, buffer.length, from);
    return buffer
      .toString('utf8')
      .split('\n')
      .filter((line) => line.includes('"ride booked"'))
      .map((line) => Number(/"attempts":(\d+)/.exec(line)?.[1]))
      .filter((n) => Number.isFinite(n));
  } finally {
    await handle.close();
  }
}
