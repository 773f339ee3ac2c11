import { describe, expect, it } from 'vitest';
import { createDisconnectHandler } from '../../../../src/live/disconnect/app';
import type { LiveConnections } from '../../../../src/store/dynamodb-live-connections';
import { memoryConnections } from '../../support/live-fakes';

describe('$disconnect', () => {
  it('forgets the connection, and answers 200 even when the table cannot be reached (best effort)', async () => {
    const { connections, riders } = memoryConnections();
    await connections.add('c1', 'rider-1', 0);
    const disconnect = createDisconnectHandler({ connections });
    expect((await disconnect({ requestContext: { connectionId: 'c1' } })).statusCode).toBe(200);
    expect(riders.has('c1')).toBe(false);
    const failing: LiveConnections = {
      ...connections,
      remove: async () => {
        throw new Error('ECONNREFUSED');
      },
    };
    expect((await createDisconnectHandler({ connections: failing })({ requestContext: { connectionId: 'c2' } })).statusCode).toBe(200);
  });
});
