import type { AccountStore, Identities } from '@wildrydes/rides';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type IdTokenVerifier, Unauthorized } from '../../../src/auth/id-token';
import { createDeleteAccountHandler } from '../../../src/delete-account/app';
import { emittedMetrics } from '../support/emitted-metrics';

const NOW = Date.parse('2026-12-03T07:00:00.000Z');
const verifier: IdTokenVerifier = {
  verify: async (authorization) => {
    if (authorization !== 'good') throw new Unauthorized('Unauthorized: the token is not valid');
    return { username: 'rider-1', sub: 'sub-1' };
  },
};

function setup(close: AccountStore['close'] = async () => ({ status: 'closed' })) {
  const accounts = { close: vi.fn(close), deleteRides: vi.fn<AccountStore['deleteRides']>(async () => 4) };
  const identities = { deleteUser: vi.fn<Identities['deleteUser']>(async () => {}) };
  const handler = createDeleteAccountHandler({
    verifier,
    allowedOrigins: ['*'],
    answerReserveMs: 1000,
    accounts,
    identities,
    now: () => new Date(NOW),
  });
  return { handler, accounts, identities };
}

const event = (authorization: string) => ({ headers: { Authorization: authorization }, body: null }) as unknown as APIGatewayProxyEvent;
const context = { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 10_000 };

afterEach(() => vi.restoreAllMocks());

describe('DeleteAccount handler', () => {
  it('deletes the token’s rider and nobody else: 200 with the count of rides', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const { handler, accounts, identities } = setup();
    const response = await handler(event('good'), context);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ Deleted: true, DeletedRides: 4 });
    expect(accounts.close).toHaveBeenCalledWith('rider-1', NOW, NOW + 24 * 60 * 60 * 1000, expect.any(AbortSignal));
    expect(accounts.deleteRides).toHaveBeenCalledWith('rider-1', expect.any(AbortSignal));
    expect(identities.deleteUser).toHaveBeenCalledWith('rider-1', expect.any(AbortSignal));
  });

  it('answers 409 naming the ride on its way, and deletes nothing', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const { handler, accounts, identities } = setup(async () => ({ status: 'active', rideId: 'ride-7' }));
    const response = await handler(event('good'), context);
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body)).toEqual({ message: expect.stringMatching(/before deleting your account/), RideId: 'ride-7' });
    expect(accounts.deleteRides).not.toHaveBeenCalled();
    expect(identities.deleteUser).not.toHaveBeenCalled();
  });

  it('answers 401 to a bad token before touching anything', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const { handler, accounts } = setup();
    const response = await handler(event('forged'), context);
    expect(response.statusCode).toBe(401);
    expect(accounts.close).not.toHaveBeenCalled();
  });

  it('answers 503 with a reference, not the error, when Cognito fails: asking again finishes the job', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { handler, identities } = setup();
    identities.deleteUser.mockRejectedValueOnce(
      Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 500 } }),
    );
    const response = await handler(event('good'), context);
    expect(response.statusCode).toBe(503);
    expect(response.body).not.toMatch(/Rate exceeded/);
    expect(JSON.parse(response.body)).toMatchObject({ Reference: 'req-1' });
  });

  it('counts a deleted account, and nothing for a refused deletion', async () => {
    expect(await emittedMetrics(() => setup().handler(event('good'), context))).toEqual({ AccountsDeleted: [1] });
    const busy = setup(async () => ({ status: 'active', rideId: 'ride-7' }));
    expect(await emittedMetrics(() => busy.handler(event('good'), context))).toEqual({});
  });
});
