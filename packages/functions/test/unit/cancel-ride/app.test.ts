import type { Ride } from '@wildrydes/contract';
import type { CancelStore, RideHistory, RideRecord } from '@wildrydes/rides';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import type { IdTokenVerifier } from '../../../src/auth/id-token';
import { createCancelRideHandler } from '../../../src/cancel-ride/app';
import { emittedMetrics } from '../support/emitted-metrics';
import { record } from '../support/ride-record';

const NOW = Date.parse('2026-12-03T07:00:00.000Z');
const verifier: IdTokenVerifier = { verify: async () => ({ username: 'rider-1', sub: 'sub-1' }) };

function setup({ stored }: { stored: RideRecord | undefined } = { stored: record }) {
  const history: RideHistory = { get: async () => stored, listByRider: async () => ({ rides: [] }) };
  const cancel = vi.fn<CancelStore['cancel']>(async () => ({ status: 'cancelled' }));
  const handler = createCancelRideHandler({
    verifier,
    allowedOrigins: ['*'],
    answerReserveMs: 1000,
    history,
    store: { cancel },
    now: () => new Date(NOW),
  });
  return { handler, cancel };
}

const event = (rideId: string) =>
  ({ headers: { Authorization: 't' }, pathParameters: { rideId }, body: null }) as unknown as APIGatewayProxyEvent;
const context = { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 10_000 };

describe('CancelRide handler', () => {
  it('cancels the rider’s ride before pickup: 200 with the ride, Cancelled', async () => {
    const { handler, cancel } = setup();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const response = await handler(event('ride-1'), context);
    log.mockRestore();
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body) as Ride).toMatchObject({
      RideId: 'ride-1',
      Status: 'Cancelled',
      CancelTime: new Date(NOW).toISOString(),
    });
    expect(cancel).toHaveBeenCalledOnce();
  });

  it.each([
    ['someone else’s ride', { ...record, User: 'rider-2' }, 'ride-1'],
    ['a missing ride', undefined, 'ride-1'],
    ['a ride id no ride can have', record, 'x'.repeat(65)],
  ])('answers %s 404 and writes nothing', async (_name, stored, rideId) => {
    const { handler, cancel } = setup({ stored });
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const response = await handler(event(rideId), context);
    log.mockRestore();
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toEqual({ message: 'No such ride' });
    expect(cancel).not.toHaveBeenCalled();
  });

  it('answers 409 after pickup, and writes nothing', async () => {
    const { handler, cancel } = setup({ stored: { ...record, PickupTime: '2026-12-03T06:59:30.000Z' } });
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const response = await handler(event('ride-1'), context);
    log.mockRestore();
    expect(response.statusCode).toBe(409);
    expect(cancel).not.toHaveBeenCalled();
  });

  it('counts a cancel', async () => {
    const { handler } = setup();
    expect(await emittedMetrics(() => handler(event('ride-1'), context))).toEqual({ RidesCancelled: [1] });
  });
});
