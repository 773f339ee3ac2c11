/**
 * The live API's limits, without zod: for code that needs the numbers but not the schemas (the
 * ride domain, the web app's view checks), so a function that never speaks the live protocol
 * bundles none of its schemas.
 */

/** Bumped only for a change an older client would misread; clients ignore types they do not know. */
export const LIVE_PROTOCOL_VERSION = 1;

/** The query string parameter that carries the rider's ID token on connect (browsers cannot set headers). */
export const LIVE_TOKEN_PARAMETER = 'token';

/**
 * Areas are watched in geohash cells of this precision (about 39 km by 19.5 km at the equator): a
 * city's map view is one to four of them. A view that needs more than MAX_WATCH_CELLS is refused
 * ("zoom in"), so one watcher never subscribes to a continent.
 */
export const WATCH_PRECISION = 4;
export const MAX_WATCH_CELLS = 16;

/** At most this many free unicorns in one `unicorns` answer (the nearest to the area's centre first). */
export const MAX_WATCHED_UNICORNS = 200;

/** WebSocket frames API Gateway accepts are at most 32 kB; a watch request is a few hundred bytes. */
export const MAX_LIVE_REQUEST_BYTES = 4 * 1024;
