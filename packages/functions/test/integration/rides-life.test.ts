import { randomUUID } from 'node:crypto';
import { Ride, RidePage, RideResponse } from '@wildrydes/contract';
import {
  addUnicorns,
  allRides,
  cancelRide,
  countRides,
  fleetCity,
  getApi,
  getRide,
  getRiderRecord,
  getUnicorn,
  type MintedRider,
  overlappingBookings,
  pickupsAround,
  postRide,
  riderToken,
  webOrigin,
} from '@wildrydes/local-stack/testing';
import { distanceKm, flightMs, indexKeys } from '@wildrydes/rides';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * A ride's life over HTTP on the local stack: one active ride per rider, cancelling, reach, and a
 * unicorn that moves to where its ride ends. Lone unicorns live at remote spots no other test
 * uses, each out of reach of every other unicorn, so what dispatch sends there is known.
 */
const KERGUELEN = { Latitude: -49.35, Longitude: 70.22 };
const GRYTVIKEN = { Latitude: -54.28, Longitude: -36.51 };
const SUMMIT = { Latitude: 72.58, Longitude: -38.46 };
/** The oceanic pole of inaccessibility: 2,700 km from the nearest land, and from every unicorn. */
const POINT_NEMO = { Latitude: -48.8767, Longitude: -123.3933 };

const auth = (rider: MintedRider) => ({ Authorization: rider.idToken });
const madrid = () => fleetCity('Madrid').centre;
const ride = (answer: { json: unknown }) => RideResponse.parse(answer.json);

beforeAll(async () => {
  await addUnicorns([
    { Name: 'Kerguelen', Color: 'Slate', Gender: 'Female', Home: KERGUELEN },
    { Name: 'Grytviken', Color: 'Frost', Gender: 'Male', Home: GRYTVIKEN },
    { Name: 'Summit', Color: 'Snow', Gender: 'Female', Home: SUMMIT },
  ]);
});

describe('fair use: one active ride per rider', () => {
  it('refuses a second ride with 409 naming the first, and writes nothing', async () => {
    const rider = await riderToken('fair');
    const [here, there] = pickupsAround(madrid(), 2, 8);
    const first = await postRide({ PickupLocation: here }, auth(rider));
    expect(first.status).toBe(201);
    const firstId = ride(first).RideId;
    const before = await countRides();

    const again = await postRide({ PickupLocation: there, DropoffLocation: here }, auth(rider));
    const withKey = await postRide({ PickupLocation: there }, { ...auth(rider), 'Idempotency-Key': randomUUID() });
    for (const refused of [again, withKey]) {
      expect(refused.status).toBe(409);
      expect(refused.json).toEqual({ message: expect.stringMatching(/one ride at a time/), RideId: firstId });
      expect(refused.headers.get('access-control-allow-origin')).toBe(webOrigin());
    }
    expect(await countRides()).toBe(before);
    const history = RidePage.parse((await getApi('/rides', auth(rider))).json);
    expect(history.Rides.map((r) => r.RideId)).toEqual([firstId]);
    expect(await getRiderRecord(rider.username)).toMatchObject({ ActiveRideId: firstId });
  });

  it('lets exactly one of eight racing first requests of a rider book; the seven 409s name its ride', async () => {
    const rider = await riderToken('racer');
    const pickups = pickupsAround(madrid(), 8, 8);
    const before = await countRides();
    const answers = await Promise.all(pickups.map((pickup) => postRide({ PickupLocation: pickup }, auth(rider), 30_000)));
    expect(answers.map((a) => a.status).sort((a, b) => a - b)).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const winner = ride(answers.find((a) => a.status === 201)!);
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.json).toEqual({ message: expect.any(String), RideId: winner.RideId });
    }
    expect(await countRides()).toBe(before + 1);
    expect(await getRide(winner.RideId)).toMatchObject({ User: rider.username });
    const history = RidePage.parse((await getApi('/rides', auth(rider))).json);
    expect(history.Rides.map((r) => r.RideId)).toEqual([winner.RideId]);
  });
});

describe('POST /rides/{rideId}/cancel', () => {
  // About 5.6 km from Kerguelen: a flight of nearly three minutes, time enough to cancel.
  const pickup = { Latitude: -49.3, Longitude: 70.22 };
  let ann: MintedRider;
  let bob: MintedRider;
  let annRide: RideResponse;
  let cancelled: Ride;
  let bobRide: RideResponse;

  beforeAll(async () => {
    [ann, bob] = [await riderToken('ann'), await riderToken('bob')];
  });

  it('cancels a ride before pickup: 200 with the ride Cancelled, the rider and the unicorn free again', async () => {
    const booked = await postRide({ PickupLocation: pickup }, auth(ann));
    expect(booked.status).toBe(201);
    annRide = ride(booked);
    expect(annRide).toMatchObject({ UnicornName: 'Kerguelen', UnicornPosition: KERGUELEN, Status: 'Assigned' });

    const answer = await cancelRide(annRide.RideId, ann.idToken);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe(webOrigin());
    cancelled = Ride.parse(answer.json);
    expect(cancelled).toMatchObject({
      RideId: annRide.RideId,
      Rider: ann.username,
      UnicornName: 'Kerguelen',
      Status: 'Cancelled',
      PickupTime: annRide.PickupTime,
      DropoffTime: annRide.DropoffTime,
    });
    const cancelTime = Date.parse(cancelled.CancelTime ?? '');
    expect(cancelTime).toBeLessThan(Date.parse(annRide.PickupTime));

    expect(await getRide(annRide.RideId)).toMatchObject({ CancelTime: cancelled.CancelTime });
    const read = await getApi(`/rides/${annRide.RideId}`, auth(ann));
    expect(Ride.parse(read.json)).toEqual(cancelled);
    // The rider's record lets go of the ride from the cancel.
    expect(await getRiderRecord(ann.username)).toMatchObject({ ActiveRideId: annRide.RideId, ActiveUntil: cancelTime });
    // The unicorn is free from the cancel, where it was on its way: between its start and the pickup.
    const unicorn = await getUnicorn('Kerguelen');
    expect(unicorn).toMatchObject({ BusyUntil: cancelTime, RideId: annRide.RideId, ...indexKeys(unicorn!.Position) });
    expect(unicorn!.Position.Longitude).toBeCloseTo(70.22, 6);
    expect(unicorn!.Position.Latitude).toBeGreaterThanOrEqual(KERGUELEN.Latitude);
    expect(unicorn!.Position.Latitude).toBeLessThanOrEqual(pickup.Latitude);
  });

  it('answers a second cancel with the same ride, and another rider’s cancel with 404 like a missing ride', async () => {
    const twice = await cancelRide(annRide.RideId, ann.idToken);
    expect(twice.status).toBe(200);
    expect(twice.json).toEqual(cancelled);

    const stranger = await cancelRide(annRide.RideId, bob.idToken);
    const missing = await cancelRide('AAAAAAAAAAAAAAAAAAAAAA', bob.idToken);
    const malformed = await cancelRide('not a ride id!', bob.idToken);
    for (const answer of [stranger, missing, malformed]) {
      expect(answer.status).toBe(404);
      expect(answer.json).toEqual({ message: 'No such ride' });
    }
    const unauthorized = await cancelRide(annRide.RideId, 'forged');
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.json).toEqual({ message: expect.stringMatching(/^Unauthorized/) });
    // Nothing of the ride changed.
    expect(await getRide(annRide.RideId)).toMatchObject({ User: ann.username, CancelTime: cancelled.CancelTime });
  });

  it('frees the unicorn for the next rider: at the same spot it sets off at once, not after the cancelled ride', async () => {
    const freed = await getUnicorn('Kerguelen');
    const booked = await postRide({ PickupLocation: pickup }, auth(bob));
    expect(booked.status).toBe(201);
    bobRide = ride(booked);
    expect(bobRide.UnicornName).toBe('Kerguelen');
    // From where the cancel left it, already part of the way: no farther than Ann's flight.
    expect(bobRide.UnicornPosition).toEqual(freed!.Position);
    expect(bobRide.EtaSeconds).toBeLessThanOrEqual(annRide.EtaSeconds);
    // Free since the cancel: it sets off at once (had it kept Ann's booking, it would start at its end).
    const stored = await getRide(bobRide.RideId);
    expect(stored?.BookedFrom).toBe(stored?.RequestTime);
  });

  it('lets the cancelled rider book again', async () => {
    const again = await postRide({ PickupLocation: pickup }, auth(ann));
    expect(again.status).toBe(201);
    const second = ride(again);
    expect(second.RideId).not.toBe(annRide.RideId);
    // Kerguelen is the only unicorn within reach: Ann's new ride queues behind Bob's.
    expect(second.UnicornName).toBe('Kerguelen');
    expect((await getRide(second.RideId))?.BookedFrom).toBe(bobRide.DropoffTime);
    expect(await getRiderRecord(ann.username)).toMatchObject({ ActiveRideId: second.RideId });
    const history = RidePage.parse((await getApi('/rides', auth(ann))).json);
    expect(history.Rides.map((r) => [r.RideId, r.Status])).toEqual([
      [second.RideId, 'Assigned'],
      [annRide.RideId, 'Cancelled'],
    ]);
  });

  it('cancelling a ride queued behind another leaves the unicorn busy with the ride before it', async () => {
    // Ann's new ride waits for Bob's to end. Cancelling it must not free Kerguelen while Bob rides.
    const history = RidePage.parse((await getApi('/rides?limit=1', auth(ann))).json);
    const queued = history.Rides[0]!;
    const answer = await cancelRide(queued.RideId, ann.idToken);
    expect(answer.status).toBe(200);
    expect(Ride.parse(answer.json).Status).toBe('Cancelled');
    const unicorn = await getUnicorn('Kerguelen');
    expect(unicorn?.BusyUntil).toBeGreaterThanOrEqual(Date.parse(bobRide.DropoffTime));
    expect(unicorn?.Position).toEqual(bobRide.DropoffLocation);

    // The next rider there waits for Bob's ride to end: Kerguelen is never booked twice at once.
    const carl = await riderToken('carl');
    const next = await postRide({ PickupLocation: pickup }, auth(carl));
    expect(next.status).toBe(201);
    expect(ride(next).UnicornName).toBe('Kerguelen');
    expect(Date.parse(ride(next).PickupTime)).toBeGreaterThanOrEqual(Date.parse(bobRide.DropoffTime));
    const kerguelenRides = (await allRides()).filter((r) => r.UnicornName === 'Kerguelen');
    expect(overlappingBookings(kerguelenRides)).toEqual([]);
  });

  it('refuses to cancel once the unicorn has picked the rider up (409), and changes nothing', async () => {
    // Grytviken stands exactly at the pickup: it is there within a second.
    const rider = await riderToken('late');
    const booked = await postRide({ PickupLocation: GRYTVIKEN }, auth(rider));
    expect(booked.status).toBe(201);
    const late = ride(booked);
    expect(late).toMatchObject({ UnicornName: 'Grytviken', EtaSeconds: 1, UnicornPosition: GRYTVIKEN });
    // Wait (bounded) until the pickup time has passed.
    for (let i = 0; i < 50 && Date.now() <= Date.parse(late.PickupTime) + 100; i++) await new Promise((r) => setTimeout(r, 100));
    expect(Date.now()).toBeGreaterThan(Date.parse(late.PickupTime));
    expect(Ride.parse((await getApi(`/rides/${late.RideId}`, auth(rider))).json).Status).toBe('PickedUp');

    const answer = await cancelRide(late.RideId, rider.idToken);
    expect(answer.status).toBe(409);
    expect(answer.json).toEqual({ message: expect.stringMatching(/can no longer be cancelled/) });
    expect((await getRide(late.RideId))?.CancelTime).toBeUndefined();
    expect(await getUnicorn('Grytviken')).toMatchObject({ BusyUntil: Date.parse(late.DropoffTime), RideId: late.RideId });
    // Still the rider's active ride.
    const again = await postRide({ PickupLocation: GRYTVIKEN }, auth(rider));
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ RideId: late.RideId });
  });
});

describe('reach', () => {
  it('answers a pickup no unicorn can reach within 30 minutes with 503, Retry-After and a message, writing nothing', async () => {
    const rider = await riderToken('castaway');
    const key = randomUUID();
    const before = await countRides();
    const answer = await postRide({ PickupLocation: POINT_NEMO }, { ...auth(rider), 'Idempotency-Key': key });
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(answer.headers.get('access-control-allow-origin')).toBe(webOrigin());
    const message = expect.stringMatching(/^No unicorn is free near this pickup within 30 minutes/);
    expect(answer.json).toEqual({ message, Error: message, Reference: expect.any(String) });
    expect(await countRides()).toBe(before);
    expect(await getRiderRecord(rider.username)).toBeUndefined();
    // Nothing held: the same key books the rider in a city (no claim kept, so not 422; no ride, so not 409).
    const elsewhere = await postRide({ PickupLocation: madrid() }, { ...auth(rider), 'Idempotency-Key': key });
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('a unicorn moves to where its ride ends', () => {
  it('is free next at the drop-off, indexed there, from the drop-off time; the next rider there gets it from there', async () => {
    const pickup = { Latitude: 72.6, Longitude: -38.46 };
    const dropoff = { Latitude: 72.6, Longitude: -37.86 };
    const rider = await riderToken('traveller');
    const booked = await postRide({ PickupLocation: pickup, DropoffLocation: dropoff }, auth(rider));
    expect(booked.status).toBe(201);
    const trip = ride(booked);
    expect(trip).toMatchObject({ UnicornName: 'Summit', UnicornPosition: SUMMIT, DropoffLocation: dropoff, Status: 'Assigned' });
    // The ride lasts the flight from the pickup to the drop-off (about 20 km: ten minutes).
    expect(Date.parse(trip.DropoffTime) - Date.parse(trip.PickupTime)).toBe(flightMs(distanceKm(pickup, dropoff)));
    expect(await getRide(trip.RideId)).toMatchObject({ PickupLocation: pickup, DropoffLocation: dropoff, UnicornStart: SUMMIT });

    const unicorn = await getUnicorn('Summit');
    expect(unicorn).toEqual({
      Name: 'Summit',
      Color: 'Snow',
      Gender: 'Female',
      Position: dropoff,
      ...indexKeys(dropoff),
      BusyUntil: Date.parse(trip.DropoffTime),
      RideId: trip.RideId,
    });

    const next = await riderToken('next');
    const there = await postRide({ PickupLocation: dropoff }, auth(next));
    expect(there.status).toBe(201);
    const following = ride(there);
    expect(following).toMatchObject({ UnicornName: 'Summit', UnicornPosition: dropoff, PickupTime: trip.DropoffTime });
    expect((await getRide(following.RideId))?.BookedFrom).toBe(trip.DropoffTime);
  });

  it('still takes the workshop body without a drop-off: the ride ends where it began, 15 minutes after pickup', async () => {
    const rider = await riderToken('workshop');
    const pickup = pickupsAround(madrid(), 3, 8)[2]!;
    const booked = await postRide({ PickupLocation: pickup }, auth(rider));
    expect(booked.status).toBe(201);
    const plain = ride(booked);
    expect(plain.DropoffLocation).toEqual(pickup);
    expect(Date.parse(plain.DropoffTime) - Date.parse(plain.PickupTime)).toBe(15 * 60 * 1000);
    const unicorn = await getUnicorn(plain.UnicornName);
    expect(unicorn).toMatchObject({ Position: pickup, ...indexKeys(pickup), BusyUntil: Date.parse(plain.DropoffTime) });
  });
});
