import type { PickupLocation } from '@wildrydes/contract';
import { describe, expect, it } from 'vitest';
import {
  AccountDeleted,
  AccountInUse,
  DELETED_ACCOUNT_HOLD_SECONDS,
  DeadlineExceeded,
  type DeleteAccountDeps,
  deleteAccount,
  type FleetUnicorn,
  type Identities,
  type RequestRideDeps,
  requestRide,
} from '../src';
import { MemoryStore } from './memory-store';

const now = new Date('2026-12-03T10:00:00.000Z');
const NOW = now.getTime();
const MINUTE = 60_000;
const at = (Latitude: number, Longitude: number): PickupLocation => ({ Latitude, Longitude });
const pickup = at(47.6, -122.3);
const fleet: FleetUnicorn[] = ['Shadowfax', 'Bucephalus', 'Epona'].map((Name, i) => ({
  Name,
  Color: 'White',
  Gender: 'Male',
  Position: at(47.601 + i / 1000, -122.3),
  BusyUntil: 0,
}));

const deadline = (controller = new AbortController()) => ({ remainingMs: () => 60_000, signal: controller.signal });
let ids = 0;
const rideDeps = (store: MemoryStore, when: Date): RequestRideDeps => ({
  store,
  newRideId: () => `ride-${++ids}`,
  now: () => when,
  random: () => 0,
  maxWaitMinutes: 30,
  deadline: deadline(),
  storeCallMaxMs: 100,
});

/** Cognito as the use case sees it: users by name, and each delete recorded. */
class MemoryIdentities implements Identities {
  readonly users = new Set(['rider-1', 'rider-2']);
  readonly deleted: string[] = [];
  async deleteUser(username: string) {
    this.deleted.push(username);
    this.users.delete(username);
  }
}

const deps = (accounts: MemoryStore, identities: Identities, more: Partial<DeleteAccountDeps> = {}): DeleteAccountDeps => ({
  accounts,
  identities,
  now: () => now,
  deadline: deadline(),
  ...more,
});

/** A store where rider-1 has two rides that have ended (one booked with an Idempotency-Key) and rider-2 one. */
async function withHistory() {
  const store = new MemoryStore(fleet);
  const hourAgo = new Date(NOW - 60 * MINUTE);
  const twoHoursAgo = new Date(NOW - 120 * MINUTE);
  await requestRide('rider-1', pickup, rideDeps(store, twoHoursAgo), 'key-1');
  await requestRide('rider-2', pickup, rideDeps(store, twoHoursAgo), 'key-1');
  await requestRide('rider-1', pickup, rideDeps(store, hourAgo));
  return store;
}

describe('deleteAccount', () => {
  it('deletes the rider’s rides and claims, closes their record and deletes their sign-in, nothing of another rider', async () => {
    const store = await withHistory();
    const identities = new MemoryIdentities();
    const othersRides = [...store.rides.values()].filter((r) => r.User === 'rider-2');

    await expect(deleteAccount('rider-1', deps(store, identities))).resolves.toEqual({ deletedRides: 2 });

    expect([...store.rides.values()]).toEqual(othersRides);
    expect([...store.claims.keys()]).toEqual(['rider-2#key-1']);
    expect(identities.deleted).toEqual(['rider-1']);
    expect(identities.users.has('rider-2')).toBe(true);
    expect(store.riders.get('rider-1')).toEqual({ ActiveUntil: NOW + DELETED_ACCOUNT_HOLD_SECONDS * 1000, DeletedAt: NOW });
    expect(store.riders.get('rider-2')?.DeletedAt).toBeUndefined();
  });

  it('refuses while a ride is on its way, naming it, and changes nothing', async () => {
    const store = new MemoryStore(fleet);
    const { response } = await requestRide('rider-1', pickup, rideDeps(store, now));
    const before = structuredClone([[...store.rides], [...store.riders]]);
    const identities = new MemoryIdentities();

    const error = await deleteAccount('rider-1', deps(store, identities)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AccountInUse);
    expect((error as AccountInUse).details).toEqual({ RideId: response.RideId });
    expect([[...store.rides], [...store.riders]]).toEqual(before);
    expect(identities.deleted).toEqual([]);
  });

  it('deletes once the ride has ended', async () => {
    const store = new MemoryStore(fleet);
    await requestRide('rider-1', pickup, rideDeps(store, new Date(NOW - 60 * MINUTE)));
    await expect(deleteAccount('rider-1', deps(store, new MemoryIdentities()))).resolves.toEqual({ deletedRides: 1 });
  });

  it('finishes the job when asked again after the sign-in could not be deleted, keeping the first deletion time', async () => {
    const store = await withHistory();
    let fail = true;
    const flaky: Identities = {
      async deleteUser() {
        if (fail) throw new Error('Cognito is briefly unavailable');
      },
    };
    await expect(deleteAccount('rider-1', deps(store, flaky))).rejects.toThrow('briefly unavailable');
    fail = false;
    const later = new Date(NOW + MINUTE);
    await expect(deleteAccount('rider-1', deps(store, flaky, { now: () => later }))).resolves.toEqual({ deletedRides: 0 });
    expect(store.riders.get('rider-1')?.DeletedAt).toBe(NOW);
  });

  it('leaves a closed record that refuses a booking from a token issued before the deletion', async () => {
    const store = await withHistory();
    await deleteAccount('rider-1', deps(store, new MemoryIdentities()));
    const ridesBefore = store.rides.size;

    await expect(requestRide('rider-1', pickup, rideDeps(store, new Date(NOW + MINUTE)))).rejects.toBeInstanceOf(AccountDeleted);
    expect(store.rides.size).toBe(ridesBefore);
  });

  it('answers DeadlineExceeded when the deadline cuts a step off', async () => {
    const store = await withHistory();
    const controller = new AbortController();
    const identities: Identities = {
      async deleteUser() {
        controller.abort();
        throw new Error('aborted');
      },
    };
    const error = await deleteAccount('rider-1', deps(store, identities, { deadline: deadline(controller) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceeded);
    expect((error as Error).message).toBe('The deadline passed while deleting the sign-in');
  });

  it.each([
    ['closing the account', 'close'],
    ['deleting the rides', 'deleteRides'],
  ] as const)('names the step the deadline cut off: %s', async (step, method) => {
    const store = await withHistory();
    const controller = new AbortController();
    store[method] = async () => {
      controller.abort();
      throw new Error('aborted');
    };
    const error = await deleteAccount('rider-1', deps(store, new MemoryIdentities(), { deadline: deadline(controller) })).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toBe(`The deadline passed while ${step}`);
  });
});
