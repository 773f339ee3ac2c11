import { describeError, log } from '../../logger';
import type { LiveConnections } from '../../store/dynamodb-live-connections';
import { CONNECTION_TTL_SECONDS } from '../config';
import { connectionIdOf, type LiveHandler } from '../event';

/**
 * `$connect`, after the authorizer let it through: remembers whose connection it is. The rider is
 * the authorizer's verified principal; without one the connection is refused.
 */
export function createConnectHandler(deps: { connections: LiveConnections; now: () => number }): LiveHandler {
  return async (event) => {
    const connectionId = connectionIdOf(event);
    const authorizer = event.requestContext.authorizer;
    const rider = typeof authorizer?.rider === 'string' ? authorizer.rider : authorizer?.principalId;
    if (typeof rider !== 'string' || !rider) {
      log('warn', 'live connect without a rider', { requestId: event.requestContext.requestId });
      return { statusCode: 401, body: 'Unauthorized' };
    }
    try {
      await deps.connections.add(connectionId, rider, Math.floor(deps.now() / 1000) + CONNECTION_TTL_SECONDS);
      return { statusCode: 200 };
    } catch (error) {
      // Not recorded, so it would never be pushed to: refuse it, and the client reconnects.
      log('error', 'live connect failed', { requestId: event.requestContext.requestId, ...describeError(error) });
      return { statusCode: 503, body: 'Try again' };
    }
  };
}
