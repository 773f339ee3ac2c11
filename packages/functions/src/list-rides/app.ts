import { parsePageQuery } from '@wildrydes/contract';
import { listRides, type RideHistory } from '@wildrydes/rides';
import { type ApiDeps, createApiHandler, type Handler } from '../http/api-handler';
import { InvalidRequest } from '../http/error-answers';

/** `GET /rides?limit=&cursor=`: the caller's rides, newest first, a page at a time, each with its status now. */
export function createListRidesHandler(deps: ApiDeps & { history: RideHistory; now: () => Date }): Handler {
  return createApiHandler('ride history', deps, async ({ event, rider }) => {
    const query = parsePageQuery(event.queryStringParameters);
    if (!query.ok) throw new InvalidRequest(query.code, query.message);
    return { status: 200, body: await listRides(rider.username, query.value, deps.history, deps.now().getTime()) };
  });
}
