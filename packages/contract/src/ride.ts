// zod/mini: the same schemas at a fraction of the bundle size (the Lambda and the web app ship it).
import * as z from 'zod/mini';

/** Where the rider wants to be picked up. Field names are the workshop's (PascalCase). */
export const PickupLocation = z.object({
  Latitude: z
    .number({ error: 'must be a number' })
    .check(z.gte(-90, { error: 'must be between -90 and 90' }), z.lte(90, { error: 'must be between -90 and 90' })),
  Longitude: z
    .number({ error: 'must be a number' })
    .check(z.gte(-180, { error: 'must be between -180 and 180' }), z.lte(180, { error: 'must be between -180 and 180' })),
});
export type PickupLocation = z.infer<typeof PickupLocation>;

const location = () => z.object(PickupLocation.shape, { error: 'must be an object with Latitude and Longitude' });

/**
 * Body of `POST /ride`: what the workshop's `ride.js` sends, plus an optional drop-off point (same
 * rules as the pickup). Unknown fields are ignored.
 */
export const RideRequest = z.object(
  { PickupLocation: location(), DropoffLocation: z.optional(location()) },
  { error: 'must be a JSON object with PickupLocation' },
);
export type RideRequest = z.infer<typeof RideRequest>;

/**
 * A ride's life: `Assigned` (the unicorn is on its way) → `PickedUp` → `Completed`, or `Cancelled`
 * by the rider before pickup. Time moves a ride along; only a cancel is written.
 */
export const RideStatus = z.enum(['Assigned', 'PickedUp', 'Completed', 'Cancelled']);
export type RideStatus = z.infer<typeof RideStatus>;

export const Gender = z.enum(['Male', 'Female']);
export type Gender = z.infer<typeof Gender>;

export const Unicorn = z.object({
  Name: z.string(),
  Color: z.string(),
  Gender,
});
export type Unicorn = z.infer<typeof Unicorn>;

/** `201` body of `POST /ride`: the workshop's response, field for field, plus machine-readable dispatch. */
export const RideResponse = z.object({
  RideId: z.string(),
  Unicorn,
  UnicornName: z.string(),
  /** Human, as the workshop's: "4 minutes". */
  Eta: z.string(),
  Rider: z.string(),
  /** Seconds until the unicorn reaches the pickup (longer when the ride queues on a busy unicorn). */
  EtaSeconds: z.number(),
  /** Where the unicorn sets off from, for the web app to fly it from there. */
  UnicornPosition: z.object({ Latitude: z.number(), Longitude: z.number() }),
  Status: RideStatus,
  /** ISO 8601, UTC: when the unicorn reaches the pickup (the ETA) and when the ride ends. */
  PickupTime: z.string(),
  DropoffTime: z.string(),
  /** Where the ride ends: the drop-off asked for, else the pickup point. */
  DropoffLocation: z.object({ Latitude: z.number(), Longitude: z.number() }),
});
export type RideResponse = z.infer<typeof RideResponse>;
