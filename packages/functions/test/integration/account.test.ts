import { randomUUID } from 'node:crypto';
import { AccountDeletion, RideResponse } from '@wildrydes/contract';
import {
  allRides,
  cancelRide,
  claimedRideId,
  createRider,
  deleteAccount,
  fleetCity,
  getRiderRecord,
  pickupsAround,
  postRide,
  riderOf,
  signIn,
  webOrigin,
} from '@wildrydes/local-stack/testing';
import { describe, expect, it } from 'vitest';

/**
 * `DELETE /me` on the local stack, with real Cognito users (cognito-local) and DynamoDB Local:
 * the rider's rides and claims go, another rider's stay, sign-in is refused afterwards, and a
 * token issued before the deletion can book nothing.
 */
const city = () => fleetCity('Osaka').centre;
const auth = (idToken: string) => ({ Authorization: idToken });

/** Books a ride with an Idempotency-Key and cancels it: an ended ride with its claim. */
async function bookAndCancel(idToken: string, key: string, at: { Latitude: number; Longitude: number }) {
  const booked = await postRide({ PickupLocation: at }, { ...auth(idToken), 'Idempotency-Key': key });
  expect(booked.status).toBe(201);
  const { RideId } = RideResponse.parse(booked.json);
  expect((await cancelRide(RideId, idToken)).status).toBe(200);
  return RideId;
}

describe('DELETE /me', () => {
  it('deletes the rider’s rides, claims and sign-in, and nothing of another rider', async () => {
    const [ann, bob] = await Promise.all([createRider(), createRider()]);
    const [annName, bobName] = [riderOf(ann.tokens.idToken), riderOf(bob.tokens.idToken)];
    const [p1, p2, p3, p4] = pickupsAround(city(), 4, 8);
    const [k1, k2, kb] = [randomUUID(), randomUUID(), randomUUID()];
    await bookAndCancel(ann.tokens.idToken, k1, p1!);
    await bookAndCancel(ann.tokens.idToken, k2, p2!);
    const bobsRide = await postRide({ PickupLocation: p3 }, { ...auth(bob.tokens.idToken), 'Idempotency-Key': kb });
    expect(bobsRide.status).toBe(201);

    // With a ride on its way, the deletion is refused, naming the ride; nothing is deleted.
    const onItsWay = await postRide({ PickupLocation: p4 }, auth(ann.tokens.idToken));
    const onItsWayId = RideResponse.parse(onItsWay.json).RideId;
    const busy = await deleteAccount(ann.tokens.idToken);
    expect(busy.status).toBe(409);
    expect(busy.json).toEqual({ message: expect.stringMatching(/cancel it, or wait until it ends/), RideId: onItsWayId });
    expect((await allRides()).filter((r) => r.User === annName)).toHaveLength(3);
    expect(await claimedRideId(annName, k1)).toBeDefined();
    expect((await cancelRide(onItsWayId, ann.tokens.idToken)).status).toBe(200);

    const deleted = await deleteAccount(ann.tokens.idToken);
    expect(deleted.status).toBe(200);
    expect(AccountDeletion.parse(deleted.json)).toEqual({ Deleted: true, DeletedRides: 3 });
    expect(deleted.headers.get('cache-control')).toBe('no-store');
    expect(deleted.headers.get('access-control-allow-origin')).toBe(webOrigin());

    const rides = await allRides();
    expect(rides.filter((r) => r.User === annName)).toEqual([]);
    expect(await claimedRideId(annName, k1)).toBeUndefined();
    expect(await claimedRideId(annName, k2)).toBeUndefined();
    expect(rides.filter((r) => r.User === bobName)).toHaveLength(1);
    expect(await claimedRideId(bobName, kb)).toBe(RideResponse.parse(bobsRide.json).RideId);
    expect((await getRiderRecord(bobName))?.DeletedAt).toBeUndefined();

    // The account is gone from Cognito: signing in is refused, for Bob it still works.
    await expect(signIn(ann.email, ann.password)).rejects.toThrow();
    await expect(signIn(bob.email, bob.password)).resolves.toMatchObject({ idToken: expect.any(String) });

    // A token issued before the deletion is still genuine, but books nothing.
    const late = await postRide({ PickupLocation: p1 }, auth(ann.tokens.idToken));
    expect(late.status).toBe(401);
    expect(late.json).toEqual({ message: 'This account has been deleted' });
    expect((await allRides()).filter((r) => r.User === annName)).toEqual([]);

    // Asking again is harmless: nothing left to delete.
    const again = await deleteAccount(ann.tokens.idToken);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ Deleted: true, DeletedRides: 0 });
  });

  it('answers 401 without a token, as every rider route does', async () => {
    const answer = await deleteAccount('');
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ message: expect.stringMatching(/^Unauthorized/) });
  });
});
