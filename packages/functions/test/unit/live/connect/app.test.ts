import { describe, expect, it } from 'vitest';
import { CONNECTION_TTL_SECONDS } from '../../../../src/live/config';
import { createConnectHandler } from '../../../../src/live/connect/app';
import type { LiveConnections } from '../../../../src/store/dynamodb-live-connections';
import { memoryConnections } from '../../support/live-fakes';

const now = Date.parse('2026-12-03T12:00:00Z');

describe('$connect', () => {
  it('records the connection under the rider the authorizer verified, with a TTL past API Gateway’s 2 hours', async () => {
    const added: [string, string, number][] = [];
    const { connections } = memoryConnections();
    const spy: LiveConnections = { ...connections, add: async (...args) => void added.push(args) };
    const answer = await createConnectHandler({ connections: spy, now: () => now })({
      requestContext: { connectionId: 'c1', authorizer: { principalId: 'rider-1', rider: 'rider-1' } },
    });
    expect(answer.statusCode).toBe(200);
    expect(added).toEqual([['c1', 'rider-1', now / 1000 + CONNECTION_TTL_SECONDS]]);
    expect(CONNECTION_TTL_SECONDS).toBeGreaterThan(2 * 60 * 60);
  });

  it('refuses a connection that reached it without a verified rider, recording nothing', async () => {
    const { connections, riders } = memoryConnections();
    const connect = createConnectHandler({ connections, now: () => now });
    for (const authorizer of [undefined, null, {}, { principalId: '' }, { principalId: 42 }]) {
      const answer = await connect({ requestContext: { connectionId: 'c1', authorizer } });
      expect(answer.statusCode).toBe(401);
    }
    expect(riders.size).toBe(0);
  });

  it('refuses (503) when the connection cannot be recorded: it would never be pushed to', async () => {
    const { connections } = memoryConnections();
    const failing: LiveConnections = {
      ...connections,
      add: async () => {
        throw new Error('ECONNREFUSED');
      },
    };
    const answer = await createConnectHandler({ connections: failing, now: () => now })({
      requestContext: { connectionId: 'c1', authorizer: { principalId: 'rider-1' } },
    });
    expect(answer.statusCode).toBe(503);
  });
});
