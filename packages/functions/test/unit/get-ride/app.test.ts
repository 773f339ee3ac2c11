import type { RideHistory, RideRecord } from '@wildrydes/rides';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type IdTokenVerifier, Unauthorized } from '../../../src/auth/id-token';
import { createGetRideHandler } from '../../../src/get-ride/app';
import { record } from '../support/ride-record';

const NOW = Date.parse('2026-12-03T07:05:00.000Z');
const verifier: IdTokenVerifier = {
  verify: async (authorization) => {
    if (authorization !== 'good') throw new Unauthorized('Unauthorized: the token is not valid');
    return { username: 'rider-1', sub: 'sub-1' };
  },
};

function setup({ stored }: { stored: RideRecord | undefined } = { stored: record }) {
  const get = vi.fn<RideHistory['get']>(async () => stored);
  const handler = createGetRideHandler({
    verifier,
    allowedOrigins: ['*'],
    answerReserveMs: 1000,
    history: { get, listByRider: async () => ({ rides: [] }) },
    now: () => new Date(NOW),
  });
  return { handler, get };
}

const event = (rideId: string | undefined, authorization = 'good') =>
  ({
    headers: { Authorization: authorization },
    pathParameters: rideId === undefined ? null : { rideId },
    body: null,
  }) as unknown as APIGatewayProxyEvent;
const context = { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 10_000 };

afterEach(() => vi.restoreAllMocks());

describe('GetRide handler', () => {
  it('answers the rider’s own ride with its status now: picked up, between pickup and drop-off', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const { handler, get } = setup();
    const response = await handler(event('ride-1'), context);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ RideId: 'ride-1', Rider: 'rider-1', Status: 'PickedUp' });
    expect(JSON.parse(response.body)).not.toHaveProperty('UnicornStart');
    expect(get).toHaveBeenCalledWith('ride-1');
  });

  it.each([
    ['someone else’s ride', { ...record, User: 'rider-2' }],
    ['a ride that does not exist', undefined],
  ])('answers 404 alike for %s', async (_, stored) => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const response = await setup({ stored }).handler(event('ride-1'), context);
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toEqual({ message: 'No such ride' });
  });

  it.each([['../etc'], ['a'.repeat(65)], [''], [undefined]])(
    'answers 404 for a ride id no ride can have (%s), reading nothing',
    async (rideId) => {
      vi.spyOn(console, 'log').mockImplementation(() => {});
      const { handler, get } = setup();
      expect((await handler(event(rideId), context)).statusCode).toBe(404);
      expect(get).not.toHaveBeenCalled();
    },
  );

  it('answers 401 to a bad token before reading anything', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const { handler, get } = setup();
    expect((await handler(event('ride-1', 'forged'), context)).statusCode).toBe(401);
    expect(get).not.toHaveBeenCalled();
  });
});
