/**
 * The web app's runtime `/config.json`, built from what a deployment knows: the stack's
 * outputs (CloudFormation DescribeStacks after `sls deploy`) or environment variables (an Amplify build). One mapping for both.
 * Shape: apps/web/src/config/runtime-config.ts.
 */
export interface WebConfig {
  cognito: { userPoolId: string; userPoolClientId: string; region: string; authFlow: 'USER_SRP_AUTH' };
  api: { invokeUrl: string };
  /** The live rides WebSocket (the `LiveUrl` output); without it the app polls. */
  websocket?: { url: string };
  map: { tileUrl: string; attribution: string; center: [number, number]; zoom: number };
}

export const DEFAULT_MAP: WebConfig['map'] = {
  tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  // Plain text: the app shows a configured attribution as text, never as HTML.
  attribution: '© OpenStreetMap contributors',
  center: [47.6062, -122.3321],
  zoom: 13,
};

/** The stack outputs the web app needs (serverless.yml `resources.Outputs`). */
export const REQUIRED_OUTPUTS = ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'Region'] as const;

/** Environment variables an Amplify branch sets; the values are the stack outputs of the same names. */
export const CONFIG_ENV = {
  userPoolId: 'WILDRYDES_USER_POOL_ID',
  userPoolClientId: 'WILDRYDES_USER_POOL_CLIENT_ID',
  region: 'WILDRYDES_REGION',
  invokeUrl: 'WILDRYDES_API_URL',
  liveUrl: 'WILDRYDES_LIVE_URL',
  tileUrl: 'WILDRYDES_MAP_TILE_URL',
  attribution: 'WILDRYDES_MAP_ATTRIBUTION',
  center: 'WILDRYDES_MAP_CENTER',
  zoom: 'WILDRYDES_MAP_ZOOM',
} as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const POOL_ID = /^[a-z]{2}(-gov)?-[a-z]+-\d_[0-9A-Za-z]+$/;
const CLIENT_ID = /^[0-9a-z]{20,128}$/;

/** Map options from the environment (all optional): tile URL, attribution, "lat,lng" centre, zoom. */
export function mapFromEnv(env: NodeJS.ProcessEnv): WebConfig['map'] {
  const tileUrl = env[CONFIG_ENV.tileUrl]?.trim() || DEFAULT_MAP.tileUrl;
  if (!/^https:\/\//.test(tileUrl) && !tileUrl.startsWith('/')) {
    throw new ConfigError(`${CONFIG_ENV.tileUrl} must be an https:// URL or a path on the site`);
  }
  const attribution = env[CONFIG_ENV.attribution]?.trim() || (tileUrl === DEFAULT_MAP.tileUrl ? DEFAULT_MAP.attribution : '');
  let center = DEFAULT_MAP.center;
  const rawCenter = env[CONFIG_ENV.center]?.trim();
  if (rawCenter) {
    const parts = rawCenter.split(',').map((p) => Number(p.trim()));
    const [lat, lng] = parts;
    if (parts.length !== 2 || lat === undefined || lng === undefined || !(Math.abs(lat) <= 90) || !(Math.abs(lng) <= 180)) {
      throw new ConfigError(`${CONFIG_ENV.center} must be "latitude,longitude" (got "${rawCenter}")`);
    }
    center = [lat, lng];
  }
  let zoom = DEFAULT_MAP.zoom;
  const rawZoom = env[CONFIG_ENV.zoom]?.trim();
  if (rawZoom) {
    zoom = Number(rawZoom);
    if (!Number.isFinite(zoom) || zoom < 0 || zoom > 22) throw new ConfigError(`${CONFIG_ENV.zoom} must be a number from 0 to 22`);
  }
  return { tileUrl, attribution, center, zoom };
}

function checked(
  values: { userPoolId: string; userPoolClientId: string; region: string; invokeUrl: string },
  names: Record<keyof typeof values, string>,
) {
  const problems: string[] = [];
  if (!POOL_ID.test(values.userPoolId)) problems.push(`${names.userPoolId} "${values.userPoolId}" is not a user pool id`);
  if (!CLIENT_ID.test(values.userPoolClientId))
    problems.push(`${names.userPoolClientId} "${values.userPoolClientId}" is not an app client id`);
  if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(values.region)) problems.push(`${names.region} "${values.region}" is not a region`);
  else if (POOL_ID.test(values.userPoolId) && !values.userPoolId.startsWith(`${values.region}_`)) {
    problems.push(`${names.userPoolId} "${values.userPoolId}" is not in region ${values.region}`);
  }
  let url: URL | undefined;
  try {
    url = new URL(values.invokeUrl);
  } catch {
    problems.push(`${names.invokeUrl} "${values.invokeUrl}" is not a URL`);
  }
  if (url && url.protocol !== 'https:') problems.push(`${names.invokeUrl} must be https`);
  if (problems.length > 0) throw new ConfigError(problems.join('; '));
  return { ...values, invokeUrl: values.invokeUrl.replace(/\/+$/, '') };
}

/** The live API's URL when there is one: wss only (the page is https). */
function liveUrl(value: string | undefined, name: string): { websocket: { url: string } } | Record<string, never> {
  const url = value?.trim();
  if (!url) return {};
  if (!/^wss:\/\/[^/\s]+/.test(url)) throw new ConfigError(`${name} "${url}" must be a wss:// URL`);
  return { websocket: { url: url.replace(/\/+$/, '') } };
}

function build(v: ReturnType<typeof checked>, map: WebConfig['map'], live: ReturnType<typeof liveUrl>): WebConfig {
  return {
    // Real Cognito signs in with SRP: the password never leaves the browser.
    cognito: { userPoolId: v.userPoolId, userPoolClientId: v.userPoolClientId, region: v.region, authFlow: 'USER_SRP_AUTH' },
    api: { invokeUrl: v.invokeUrl },
    ...live,
    map,
  };
}

/** config.json from a stack's outputs (CloudFormation DescribeStacks or `sls info --verbose`). */
export function webConfigFromOutputs(outputs: Record<string, string | undefined>, env: NodeJS.ProcessEnv = {}): WebConfig {
  const missing = REQUIRED_OUTPUTS.filter((name) => !outputs[name]);
  if (missing.length > 0)
    throw new ConfigError(
      `the stack has no ${missing.join(', ')} output${missing.length > 1 ? 's' : ''}: was it deployed from this serverless.yml?`,
    );
  const values = checked(
    {
      userPoolId: outputs.UserPoolId ?? '',
      userPoolClientId: outputs.UserPoolClientId ?? '',
      region: outputs.Region ?? '',
      invokeUrl: outputs.ApiUrl ?? '',
    },
    { userPoolId: 'output UserPoolId', userPoolClientId: 'output UserPoolClientId', region: 'output Region', invokeUrl: 'output ApiUrl' },
  );
  return build(values, mapFromEnv(env), liveUrl(outputs.LiveUrl, 'output LiveUrl'));
}

/**
 * config.json from environment variables (an Amplify branch's). Returns undefined when none of
 * the required ones is set (the app then shows its "not configured" page); throws when only some are.
 */
export function webConfigFromEnv(env: NodeJS.ProcessEnv): WebConfig | undefined {
  const required = [CONFIG_ENV.userPoolId, CONFIG_ENV.userPoolClientId, CONFIG_ENV.region, CONFIG_ENV.invokeUrl];
  const present = required.filter((name) => env[name]?.trim());
  if (present.length === 0) return undefined;
  const missing = required.filter((name) => !env[name]?.trim());
  if (missing.length > 0) throw new ConfigError(`set ${missing.join(', ')} too (the stack's outputs; see docs/deploy.md)`);
  const get = (name: string) => (env[name] ?? '').trim();
  const values = checked(
    {
      userPoolId: get(CONFIG_ENV.userPoolId),
      userPoolClientId: get(CONFIG_ENV.userPoolClientId),
      region: get(CONFIG_ENV.region),
      invokeUrl: get(CONFIG_ENV.invokeUrl),
    },
    {
      userPoolId: CONFIG_ENV.userPoolId,
      userPoolClientId: CONFIG_ENV.userPoolClientId,
      region: CONFIG_ENV.region,
      invokeUrl: CONFIG_ENV.invokeUrl,
    },
  );
  return build(values, mapFromEnv(env), liveUrl(env[CONFIG_ENV.liveUrl], CONFIG_ENV.liveUrl));
}

/** Stack outputs as `NAME=value` lines for a shell or an Amplify branch's environment variables. */
export function envFromOutputs(outputs: Record<string, string | undefined>): Record<string, string> {
  const config = webConfigFromOutputs(outputs);
  return {
    [CONFIG_ENV.userPoolId]: config.cognito.userPoolId,
    [CONFIG_ENV.userPoolClientId]: config.cognito.userPoolClientId,
    [CONFIG_ENV.region]: config.cognito.region,
    [CONFIG_ENV.invokeUrl]: config.api.invokeUrl,
    ...(config.websocket ? { [CONFIG_ENV.liveUrl]: config.websocket.url } : {}),
  };
}

export const serialize = (config: WebConfig) => `${JSON.stringify(config, null, 2)}\n`;
