import { parsePageQuery } from '@wildrydes/contract';
import { InvalidCursor, listRides, type RideHistory } from '@wildrydes/rides';
import { type ApiDeps, ClientError, createApiHandler, type Handler } from '../http/api-handler';

/** `GET /rides?limit=&cursor=`: the caller's rides, newest first, a page at a time. */
export function createListRidesHandler(deps: ApiDeps & { history: RideHistory }): Handler {
  return createApiHandler('ride history', deps, async ({ event, rider }) => {
    const query = parsePageQuery(event.queryStringParameters);
    if (!query.ok) throw new ClientError(400, query.message);
    try {
      return { status: 200, body: await listRides(rider.username, query.value, deps.history) };
    } catch (error) {
      if (error instanceof InvalidCursor) throw new ClientError(400, error.message);
      throw error;
    }
  });
}
