import { LIVE_PROTOCOL_VERSION, MAX_WATCH_CELLS, MAX_WATCHED_UNICORNS, parseWatchRequest, WATCH_PRECISION } from '@wildrydes/contract';
import { type FleetUnicorn, freeUnicornsIn, watchCells } from '@wildrydes/rides';
import { describeError, log } from '../../logger';
import type { LiveConnections } from '../../store/dynamodb-live-connections';
import { connectionIdOf, type LiveHandler } from '../event';
import type { Push } from '../push';

interface WatchDeps {
  connections: LiveConnections;
  fleet: { findUnicorns(cells: string[]): Promise<FleetUnicorn[]> };
  push: Push;
  now: () => number;
}

/**
 * Route `watch`: the connection now watches the cells covering the area (replacing what it
 * watched), and is sent the free unicorns in it. A refused request gets an `error` message
 * naming the problem; the connection stays open.
 */
export function createWatchHandler(deps: WatchDeps): LiveHandler {
  return async (event) => {
    const connectionId = connectionIdOf(event);
    const requestId = event.requestContext.requestId;
    const body = event.body && event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    const request = parseWatchRequest(body);
    const cells = request.ok ? watchCells(request.value.Area) : undefined;
    try {
      if (!request.ok || !cells) {
        const message = request.ok
          ? `The area is too large to watch: zoom in (at most ${MAX_WATCH_CELLS} cells of geohash precision ${WATCH_PRECISION})`
          : request.message;
        log('info', 'live watch refused', { requestId, reason: message });
        await deps.push(connectionId, { type: 'error', version: LIVE_PROTOCOL_VERSION, message });
        return { statusCode: 400 };
      }
      if (!(await deps.connections.watch(connectionId, cells))) return { statusCode: 410 };
      const unicorns = await deps.fleet.findUnicorns(cells);
      const spots = freeUnicornsIn(request.value.Area, unicorns, deps.now(), MAX_WATCHED_UNICORNS);
      await deps.push(connectionId, { type: 'unicorns', version: LIVE_PROTOCOL_VERSION, Area: request.value.Area, Unicorns: spots });
      return { statusCode: 200 };
    } catch (error) {
      log('error', 'live watch failed', { requestId, ...describeError(error) });
      await deps
        .push(connectionId, { type: 'error', version: LIVE_PROTOCOL_VERSION, message: 'Watching is briefly unavailable: try again' })
        .catch(() => {});
      return { statusCode: 500 };
    }
  };
}
