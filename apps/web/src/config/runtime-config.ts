/**
 * The runtime configuration, fetched from `/config.json` at start (the workshop's js/config.js).
 * One build serves every stage: the deploy step, or the local stack, writes the file.
 * Validated by hand because a schema library would cost more bundle than it saves here.
 */
type AuthFlow = 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH';

export interface CognitoConfig {
  userPoolId: string;
  userPoolClientId: string;
  region: string;
  /** Set for cognito-local; real Cognito derives its endpoint from the region. */
  endpoint?: string;
  authFlow: AuthFlow;
}

export interface MapConfig {
  /** The tile server; when its tiles do not load, the map falls back to the app's offline tile by itself. */
  tileUrl: string;
  attribution: string;
  center: [number, number];
  zoom: number;
  /** Never ask a tile server: the offline tile only (the local stack's test profile: nothing leaves localhost). */
  offline: boolean;
}

export interface RuntimeConfig {
  cognito: CognitoConfig;
  api: { invokeUrl: string };
  /** The live rides WebSocket; without it the ride page polls the API instead. */
  websocket?: { url: string };
  map: MapConfig;
}

/** Where the workshop's map opens: Seattle, home of the original Wild Rydes. */
export const DEFAULT_MAP: MapConfig = {
  tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  // Plain text: the app shows a configured attribution as text, never as HTML.
  attribution: '© OpenStreetMap contributors',
  center: [47.6062, -122.3321],
  zoom: 13,
  offline: false,
};

export type ConfigResult =
  | { ok: true; config: RuntimeConfig }
  /** `problems` names each field that is missing or wrong, e.g. "cognito.userPoolId is missing". */
  | { ok: false; reason: 'invalid'; problems: string[] }
  | { ok: false; reason: 'unreachable'; detail: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requiredString(obj: Record<string, unknown>, key: string, path: string, problems: string[]): string {
  const value = obj[key];
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    problems.push(`${path}.${key} is missing`);
    return '';
  }
  if (typeof value !== 'string') {
    problems.push(`${path}.${key} must be a string`);
    return '';
  }
  return value.trim();
}

function optionalString(obj: Record<string, unknown>, key: string, path: string, problems: string[]): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    problems.push(`${path}.${key} must be a string`);
    return undefined;
  }
  return value.trim();
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function validateMap(raw: unknown, problems: string[]): MapConfig {
  if (raw === undefined || raw === null) return DEFAULT_MAP;
  if (!isRecord(raw)) {
    problems.push('map must be an object');
    return DEFAULT_MAP;
  }
  const tileUrl = optionalString(raw, 'tileUrl', 'map', problems) ?? DEFAULT_MAP.tileUrl;
  // A custom tile URL without its own attribution gets none: OSM's credit would be wrong for it.
  const attribution =
    optionalString(raw, 'attribution', 'map', problems) ?? (tileUrl === DEFAULT_MAP.tileUrl ? DEFAULT_MAP.attribution : '');
  let center = DEFAULT_MAP.center;
  if (raw['center'] !== undefined) {
    const c = raw['center'];
    if (
      Array.isArray(c) &&
      c.length === 2 &&
      typeof c[0] === 'number' &&
      typeof c[1] === 'number' &&
      Math.abs(c[0]) <= 90 &&
      Math.abs(c[1]) <= 180
    ) {
      center = [c[0], c[1]];
    } else {
      problems.push('map.center must be [latitude, longitude]');
    }
  }
  let zoom = DEFAULT_MAP.zoom;
  if (raw['zoom'] !== undefined) {
    const z = raw['zoom'];
    if (typeof z === 'number' && Number.isFinite(z) && z >= 0 && z <= 22) zoom = z;
    else problems.push('map.zoom must be a number from 0 to 22');
  }
  const offline = raw['offline'] ?? false;
  if (typeof offline !== 'boolean') problems.push('map.offline must be true or false');
  return { tileUrl, attribution, center, zoom, offline: offline === true };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const isLoopbackUrl = (value: string) => {
  try {
    return LOOPBACK.has(new URL(value).hostname);
  } catch {
    return false;
  }
};

/**
 * Whether the local engines' settings may apply: a Cognito endpoint of its own and the password
 * flow exist for cognito-local only, so they count only on a page served from this machine and
 * pointing at it. A deployed site ignores both, whatever its config.json says: an edited config.json
 * can neither send passwords in the clear nor point sign-in at another server.
 */
const localEnginesAllowed = (endpoint: string | undefined, pageHost: string = globalThis.location?.hostname ?? '') =>
  endpoint !== undefined && LOOPBACK.has(pageHost) && isLoopbackUrl(endpoint);

/** Checks a parsed config.json; never throws. `pageHost` is the page's own host (tests set it). */
export function validateConfig(raw: unknown, pageHost?: string): ConfigResult {
  const problems: string[] = [];
  if (!isRecord(raw)) return { ok: false, reason: 'invalid', problems: ['config.json must be a JSON object'] };

  const cognitoRaw = raw['cognito'];
  const apiRaw = raw['api'];
  let cognito: CognitoConfig = { userPoolId: '', userPoolClientId: '', region: '', authFlow: 'USER_SRP_AUTH' };
  if (!isRecord(cognitoRaw)) {
    problems.push('cognito is missing');
  } else {
    const userPoolId = requiredString(cognitoRaw, 'userPoolId', 'cognito', problems);
    const userPoolClientId = requiredString(cognitoRaw, 'userPoolClientId', 'cognito', problems);
    const region = requiredString(cognitoRaw, 'region', 'cognito', problems);
    const endpoint = optionalString(cognitoRaw, 'endpoint', 'cognito', problems);
    if (endpoint !== undefined && !isHttpUrl(endpoint)) problems.push('cognito.endpoint must be an http(s) URL');
    const flow = optionalString(cognitoRaw, 'authFlow', 'cognito', problems) ?? 'USER_SRP_AUTH';
    if (flow !== 'USER_SRP_AUTH' && flow !== 'USER_PASSWORD_AUTH') {
      problems.push('cognito.authFlow must be USER_SRP_AUTH or USER_PASSWORD_AUTH');
    }
    const local = localEnginesAllowed(endpoint, pageHost);
    cognito = {
      userPoolId,
      userPoolClientId,
      region,
      authFlow: local && flow === 'USER_PASSWORD_AUTH' ? 'USER_PASSWORD_AUTH' : 'USER_SRP_AUTH',
      ...(local && endpoint !== undefined ? { endpoint } : {}),
    };
  }

  let invokeUrl = '';
  if (!isRecord(apiRaw)) {
    problems.push('api.invokeUrl is missing');
  } else {
    invokeUrl = requiredString(apiRaw, 'invokeUrl', 'api', problems);
    if (invokeUrl !== '' && !isHttpUrl(invokeUrl)) problems.push('api.invokeUrl must be an http(s) URL');
  }

  let websocket: { url: string } | undefined;
  const websocketRaw = raw['websocket'];
  if (websocketRaw !== undefined && websocketRaw !== null) {
    const url = isRecord(websocketRaw) ? optionalString(websocketRaw, 'url', 'websocket', problems) : undefined;
    if (!isRecord(websocketRaw)) problems.push('websocket must be an object with a url');
    else if (url !== undefined && !/^wss?:\/\/[^/\s]/.test(url)) problems.push('websocket.url must be a ws:// or wss:// URL');
    else if (url !== undefined) websocket = { url };
  }

  const map = validateMap(raw['map'], problems);
  if (problems.length > 0) return { ok: false, reason: 'invalid', problems };
  // The workshop's invokeUrl may end with a slash; paths are joined without doubling it.
  return { ok: true, config: { cognito, api: { invokeUrl: invokeUrl.replace(/\/+$/, '') }, ...(websocket ? { websocket } : {}), map } };
}

/** Fetches and validates `/config.json`. A missing file or bad JSON is reported, never thrown. */
export async function loadConfig(fetchFn: typeof fetch = fetch, url = '/config.json', timeoutMs = 10_000): Promise<ConfigResult> {
  let response: Response;
  try {
    response = await fetchFn(url, { cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    return { ok: false, reason: 'unreachable', detail: error instanceof Error ? error.message : String(error) };
  }
  if (!response.ok) return { ok: false, reason: 'unreachable', detail: `${url} answered HTTP ${response.status}` };
  let raw: unknown;
  try {
    raw = await response.json();
  } catch {
    return { ok: false, reason: 'unreachable', detail: `${url} is not valid JSON` };
  }
  return validateConfig(raw);
}
