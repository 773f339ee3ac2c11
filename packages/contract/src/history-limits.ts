/**
 * The history's page sizes (`GET /rides?limit=`), zod-free so the web app takes them without the
 * schemas: the API validates `limit` against them and the web app's My rides pages by them.
 */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;
