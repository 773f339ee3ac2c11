import { describeError, log } from '../../logger';
import type { LiveConnections } from '../../store/dynamodb-live-connections';
import { connectionIdOf, type LiveHandler } from '../event';

/** `$disconnect` (best effort: API Gateway may never send it; the TTL and 410s clean up the rest). */
export function createDisconnectHandler(deps: { connections: LiveConnections }): LiveHandler {
  return async (event) => {
    try {
      await deps.connections.remove(connectionIdOf(event));
    } catch (error) {
      log('warn', 'live disconnect not recorded', { requestId: event.requestContext.requestId, ...describeError(error) });
    }
    return { statusCode: 200 };
  };
}
