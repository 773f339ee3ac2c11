import { type FleetUnicorn, type RideRecord, toRideResponse } from '@wildrydes/rides';
import { describe, expect, it } from 'vitest';
import { createDynamoDbRideStore } from '../../../src/store/dynamodb-ride-store';
import { recordingClient } from '../support/recording-client';

const tables = { rides: 'rides', idempotency: 'idempotency', unicorns: 'unicorns', riders: 'riders' };
const unicorn: FleetUnicorn = {
  Name: 'Rocinante',
  Color: 'Yellow',
  Gender: 'Female',
  Position: { Latitude: 47.65, Longitude: -122.35 },
  BusyUntil: 0,
};
const ride: RideRecord = {
  RideId: 'r1',
  User: 'rider-1',
  Unicorn: { Name: 'Rocinante', Color: 'Yellow', Gender: 'Female' },
  UnicornName: 'Rocinante',
  RequestTime: '2026-11-22T10:00:00.000Z',
  PickupLocation: { Latitude: 47.6, Longitude: -122.3 },
  DropoffLocation: { Latitude: 47.6, Longitude: -122.3 },
  UnicornStart: unicorn.Position,
  EtaSeconds: 30,
  BookedFrom: '2026-11-22T10:00:00.000Z',
  PickupTime: '2026-11-22T10:00:30.000Z',
  DropoffTime: '2026-11-22T10:15:30.000Z',
};
const booking = {
  unicornName: 'Rocinante',
  seenBusyUntil: 0,
  busyUntil: Date.parse(ride.DropoffTime),
  freeAt: ride.DropoffLocation,
  rider: 'rider-1',
  now: Date.parse(ride.RequestTime),
};
const claim = { scopedKey: 'rider-1#k', fingerprint: '47.6,-122.3', response: toRideResponse(ride, Date.parse(ride.RequestTime)) };

describe('DynamoDB ride store', () => {
  it('passes the deadline’s signal to every read and the booking transaction', async () => {
    const { client, sent } = recordingClient({
      QueryCommand: () => ({ Items: [unicorn] }),
      GetCommand: () => ({}),
      TransactWriteCommand: () => ({}),
    });
    const store = createDynamoDbRideStore(client, tables);
    const signal = new AbortController().signal;
    expect(await store.findUnicorns(['c23nb'], signal)).toEqual([unicorn]);
    expect(await store.activeRideOf('rider-1', 0, signal)).toBeUndefined();
    expect(await store.readClaim('rider-1#k', signal)).toBeUndefined();
    expect(await store.book(ride, booking, claim, signal)).toEqual({ status: 'booked' });
    expect(sent.map(({ command, abortSignal }) => ({ command, abortSignal }))).toEqual([
      { command: 'QueryCommand', abortSignal: signal },
      { command: 'GetCommand', abortSignal: signal },
      { command: 'GetCommand', abortSignal: signal },
      { command: 'TransactWriteCommand', abortSignal: signal },
    ]);
  });

  it('passes it to the claim read after a cancelled transaction too, and answers with the claimed ride', async () => {
    const cancelled = Object.assign(new Error('Transaction cancelled'), {
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'None' }, { Code: 'None' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
    });
    const { client, sent } = recordingClient({
      TransactWriteCommand: () => {
        throw cancelled;
      },
      GetCommand: () => ({ Item: { Fingerprint: claim.fingerprint, Response: claim.response } }),
    });
    const signal = new AbortController().signal;
    const outcome = await createDynamoDbRideStore(client, tables).book(ride, booking, claim, signal);
    expect(outcome).toEqual({ status: 'claimed', existing: { fingerprint: claim.fingerprint, response: claim.response } });
    expect(sent.map((s) => s.abortSignal)).toEqual([signal, signal]);
  });
});
