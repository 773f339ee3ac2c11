/**
 * The names of the indexes the stores query. serverless.yml declares them for AWS and the local
 * stack creates them offline; packages/infra/test/template.test.ts proves the three agree.
 */
/** The rides by rider, newest first (GET /rides). */
export const RIDER_INDEX = 'RiderIndex';
/** The unicorns by where they are free next: `Region` (geohash of 3) and `Geohash` (of 9); see @wildrydes/rides geo.ts. */
export const CELL_INDEX = 'CellIndex';
/** The live connections by rider: every tab and device of one rider (the notifier's Query). */
export const CONNECTION_RIDER_INDEX = 'RiderIndex';
/** On a ride item: the scoped Idempotency-Key that booked it, so an account's claims are found through its rides. */
export const CLAIM_KEY = 'ClaimKey';
