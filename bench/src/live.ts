/**
 * Live rides: how long a booking takes to reach the rider's open WebSocket, with `connections`
 * sockets open on the local stack (each a rider of its own). One ride at a time, so the figure is
 * the push path (DynamoDB Local's stream → the local stack's stream reader → LiveNotifier →
 * serverless-offline's WebSocket), not a queue of bookings. Local figures: in AWS, Lambda polls a
 * stream about 4 times a second per shard, and the path is other code on other machines.
 */
import { LIVE_TOKEN_PARAMETER, parseLiveMessage } from '@wildrydes/contract';
import WebSocket from 'ws';
import type { BenchRider, Location } from './riders';
import { type Summary, summarize } from './stats';

export interface LiveRun {
  connections: number;
  rides: number;
  /** From the booking's 201 answer to the `ride` message on the rider's socket. */
  fromAnswerMs: Summary;
  /** From sending POST /ride to that message. */
  fromRequestMs: Summary;
  /** Sockets closed during the run (should be 0). */
  dropped: number;
  /** Rides whose push did not come within PUSH_WAIT_MS. */
  missed: number;
}

export interface LiveResult {
  runs: LiveRun[];
}

const PUSH_WAIT_MS = 10_000;
const OPEN_WAIT_MS = 15_000;

interface OpenSocket {
  socket: WebSocket;
  waitFor(rideId: string): Promise<number | undefined>;
}

function openSocket(url: string, idToken: string): Promise<OpenSocket> {
  const target = new URL(url);
  target.searchParams.set(LIVE_TOKEN_PARAMETER, idToken);
  const socket = new WebSocket(target);
  const arrived = new Map<string, number>();
  const waiting = new Map<string, (at: number) => void>();
  socket.on('message', (data) => {
    const at = performance.now();
    const message = parseLiveMessage(String(data));
    if (message?.type !== 'ride' || message.Change !== 'booked') return;
    arrived.set(message.RideId, at);
    waiting.get(message.RideId)?.(at);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no WebSocket open within ${OPEN_WAIT_MS} ms`)), OPEN_WAIT_MS);
    socket.once('open', () => {
      clearTimeout(timer);
      resolve({
        socket,
        waitFor: (rideId) =>
          new Promise((done) => {
            const already = arrived.get(rideId);
            if (already !== undefined) return done(already);
            const giveUp = setTimeout(() => done(undefined), PUSH_WAIT_MS);
            waiting.set(rideId, (at) => {
              clearTimeout(giveUp);
              done(at);
            });
          }),
      });
    });
    socket.once('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      reject(new Error(`WebSocket refused: HTTP ${res.statusCode}`));
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export async function measurePushLatency(options: {
  liveUrl: string;
  apiUrl: string;
  origin: string;
  connections: number;
  rides: number;
  rider: (k: number) => BenchRider;
  pickup: (k: number) => Location;
  log: (line: string) => void;
}): Promise<LiveRun> {
  const riders = Array.from({ length: options.connections }, (_, k) => options.rider(k));
  const sockets: OpenSocket[] = [];
  let dropped = 0;
  try {
    // Opened 20 at a time: serverless-offline runs the authorizer and $connect for each.
    for (let i = 0; i < riders.length; i += 20) {
      sockets.push(...(await Promise.all(riders.slice(i, i + 20).map((r) => openSocket(options.liveUrl, r.idToken)))));
    }
    for (const { socket } of sockets) socket.once('close', () => dropped++);
    const fromAnswer: number[] = [];
    const fromRequest: number[] = [];
    let missed = 0;
    const rides = Math.min(options.rides, riders.length);
    for (let k = 0; k < rides; k++) {
      const sent = performance.now();
      const response = await fetch(`${options.apiUrl}/ride`, {
        method: 'POST',
        headers: { Authorization: riders[k]!.idToken, 'Content-Type': 'application/json', Origin: options.origin },
        body: JSON.stringify({ PickupLocation: options.pickup(k) }),
        signal: AbortSignal.timeout(30_000),
      });
      const answered = performance.now();
      const body = (await response.json()) as { RideId?: string };
      if (response.status !== 201 || !body.RideId) throw new Error(`POST /ride answered ${response.status}: ${JSON.stringify(body)}`);
      const at = await sockets[k]!.waitFor(body.RideId);
      if (at === undefined) {
        missed++;
        continue;
      }
      fromAnswer.push(Math.max(0, at - answered));
      fromRequest.push(at - sent);
    }
    const run = {
      connections: options.connections,
      rides,
      fromAnswerMs: summarize(fromAnswer),
      fromRequestMs: summarize(fromRequest),
      dropped,
      missed,
    };
    options.log(
      `live: ${options.connections} sockets, ${rides} rides: push after the answer median ${run.fromAnswerMs.median.toFixed(1)} ms, p99 ${run.fromAnswerMs.p99.toFixed(1)} ms; missed ${missed}, dropped ${dropped}`,
    );
    return run;
  } finally {
    await Promise.all(
      sockets.map(
        ({ socket }) =>
          new Promise<void>((done) => {
            if (socket.readyState === WebSocket.CLOSED) return done();
            const timer = setTimeout(() => {
              socket.terminate();
              done();
            }, 2000);
            socket.once('close', () => {
              clearTimeout(timer);
              done();
            });
            socket.close();
          }),
      ),
    );
  }
}
