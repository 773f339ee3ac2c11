// The live-rides WebSocket protocol: what the browser sends and what the server pushes.
// Every message is a JSON object with a string `type` and the protocol's `version`; asyncapi.json is
// generated from these schemas, as openapi.json is from the REST ones.
import * as z from 'zod/mini';
import { Ride } from './history';
import { LIVE_PROTOCOL_VERSION, MAX_LIVE_REQUEST_BYTES } from './live-limits';
import { describeIssues } from './parse';
import { PickupLocation } from './ride';

const version = z.literal(LIVE_PROTOCOL_VERSION);
const isoTime = z.string();

/** A map view: its south-west and north-east corners, in degrees. */
export const LiveArea = z
  .object(
    {
      South: z.number({ error: 'must be a number' }).check(z.gte(-90), z.lte(90)),
      West: z.number({ error: 'must be a number' }).check(z.gte(-180), z.lte(180)),
      North: z.number({ error: 'must be a number' }).check(z.gte(-90), z.lte(90)),
      East: z.number({ error: 'must be a number' }).check(z.gte(-180), z.lte(180)),
    },
    { error: 'must be an object with South, West, North and East in degrees' },
  )
  .check(z.refine((area) => area.South <= area.North, { error: 'South must not be north of North' }));
export type LiveArea = z.infer<typeof LiveArea>;

/** Browser → server (route `watch`): the free unicorns in this area, now and as they change. Replaces any earlier watch. */
export const WatchRequest = z.object({
  action: z.literal('watch'),
  Area: LiveArea,
});
export type WatchRequest = z.infer<typeof WatchRequest>;

/** Parses a `watch` frame; the error message names the problem (sent back as an `error` message). Never throws. */
export function parseWatchRequest(body: string | null | undefined): { ok: true; value: WatchRequest } | { ok: false; message: string } {
  if (!body) return { ok: false, message: 'The message is empty: send {"action":"watch","Area":{"South":…,"West":…,"North":…,"East":…}}' };
  if (body.length > MAX_LIVE_REQUEST_BYTES) return { ok: false, message: `The message is over ${MAX_LIVE_REQUEST_BYTES} characters` };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, message: 'The message is not valid JSON' };
  }
  const result = WatchRequest.safeParse(json);
  return result.success ? { ok: true, value: result.data } : { ok: false, message: describeIssues(result.error.issues) };
}

/** The unicorn's approach to the pickup: it leaves `From` at `Departs` and lands at `To` at `Arrives`. */
export const UnicornPath = z.object({
  From: PickupLocation,
  To: PickupLocation,
  Departs: isoTime,
  Arrives: isoTime,
});
export type UnicornPath = z.infer<typeof UnicornPath>;

/** What happened to a ride: booked, cancelled (by any of the rider's tabs or devices), or another written change. */
export const RideChange = z.enum(['booked', 'cancelled', 'changed']);
export type RideChange = z.infer<typeof RideChange>;

/**
 * Server → the rider's own connections only: one of their rides changed. `Ride` is the ride as
 * `GET /rides/{rideId}` answers it at the moment of the push; `Status` moves on with time (the
 * domain's one status function), so no push is sent when the unicorn lands.
 */
export const RideMessage = z.object({
  type: z.literal('ride'),
  version,
  Change: RideChange,
  RideId: z.string(),
  Status: Ride.shape.Status,
  Ride,
  Path: UnicornPath,
});
export type RideMessage = z.infer<typeof RideMessage>;

/** A unicorn as watchers see it: where it is free next, and from when (in the past: free now). */
export const UnicornSpot = z.object({
  Name: z.string(),
  Position: PickupLocation,
  FreeFrom: isoTime,
});
export type UnicornSpot = z.infer<typeof UnicornSpot>;

/** Server → a watcher, answering `watch`: the free unicorns in the area now (at most MAX_WATCHED_UNICORNS). */
export const UnicornsMessage = z.object({
  type: z.literal('unicorns'),
  version,
  Area: LiveArea,
  Unicorns: z.array(UnicornSpot),
});
export type UnicornsMessage = z.infer<typeof UnicornsMessage>;

/**
 * Server → watchers of the cells a unicorn left or entered: it was booked (free again later,
 * elsewhere) or released. A watcher shows it while `FreeFrom` has passed and `Position` is in view.
 */
export const UnicornMessage = z.object({
  type: z.literal('unicorn'),
  version,
  Unicorn: UnicornSpot,
});
export type UnicornMessage = z.infer<typeof UnicornMessage>;

/** Server → one connection: its last message was refused; `message` names the problem. */
export const LiveErrorMessage = z.object({
  type: z.literal('error'),
  version,
  message: z.string(),
});
export type LiveErrorMessage = z.infer<typeof LiveErrorMessage>;

/** Everything the server pushes, told apart by `type`. */
export const LiveMessage = z.discriminatedUnion('type', [RideMessage, UnicornsMessage, UnicornMessage, LiveErrorMessage]);
export type LiveMessage = z.infer<typeof LiveMessage>;

/** Parses a pushed message; `undefined` for anything this client does not understand (another version, a new type). */
export function parseLiveMessage(data: string): LiveMessage | undefined {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return undefined;
  }
  const result = LiveMessage.safeParse(json);
  return result.success ? result.data : undefined;
}
