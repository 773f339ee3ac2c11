import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_MAP, loadConfig, validateConfig } from '../../src/config/runtime-config';
import { testConfig } from '../helpers';

const good = {
  cognito: { userPoolId: 'us-east-1_abc', userPoolClientId: 'client', region: 'us-east-1' },
  api: { invokeUrl: 'https://api.example.com/prod/' },
};

function jsonResponse(body: unknown, status = 200) {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('validateConfig', () => {
  it('accepts a complete config, defaults the map and SRP, and trims the trailing slash of invokeUrl', () => {
    const result = validateConfig(good);
    expect(result).toEqual({
      ok: true,
      config: {
        cognito: { ...good.cognito, authFlow: 'USER_SRP_AUTH' },
        api: { invokeUrl: 'https://api.example.com/prod' },
        map: DEFAULT_MAP,
      },
    });
  });

  it.each([
    ['a deployed site', 'main.d1a2b3c4.amplifyapp.com', 'http://localhost:9229'],
    ['a deployed site pointed elsewhere', 'main.d1a2b3c4.amplifyapp.com', 'https://cognito.attacker.example'],
    ['a local page pointed elsewhere', 'localhost', 'https://cognito.attacker.example'],
  ])('ignores a Cognito endpoint and the password flow on %s: SRP against Cognito itself', (_, pageHost, endpoint) => {
    const result = validateConfig({ ...good, cognito: { ...good.cognito, endpoint, authFlow: 'USER_PASSWORD_AUTH' } }, pageHost);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.config.cognito.endpoint).toBeUndefined();
    expect(result.config.cognito.authFlow).toBe('USER_SRP_AUTH');
  });

  it('ignores the password flow without a local endpoint, even on a local page', () => {
    const result = validateConfig({ ...good, cognito: { ...good.cognito, authFlow: 'USER_PASSWORD_AUTH' } }, 'localhost');
    expect(result.ok && result.config.cognito.authFlow).toBe('USER_SRP_AUTH');
  });

  it('keeps the local endpoint, USER_PASSWORD_AUTH and a local tile on a page served from this machine', () => {
    const result = validateConfig(
      {
        ...good,
        cognito: { ...good.cognito, endpoint: 'http://localhost:9229', authFlow: 'USER_PASSWORD_AUTH' },
        map: { tileUrl: '/tiles/local.png', center: [37.5665, 126.978], zoom: 12 },
      },
      'localhost',
    );
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.config.cognito.endpoint).toBe('http://localhost:9229');
    expect(result.config.cognito.authFlow).toBe('USER_PASSWORD_AUTH');
    expect(result.config.map).toEqual({
      tileUrl: '/tiles/local.png',
      attribution: '',
      center: [37.5665, 126.978],
      zoom: 12,
      offline: false,
    });
  });

  it('takes offline: true (the local test profile) to mean the offline tile only, over the default tile server', () => {
    const result = validateConfig({ ...good, map: { offline: true } });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.config.map).toEqual({ ...DEFAULT_MAP, offline: true });
    expect(validateConfig({ ...good, map: { offline: 'yes' } })).toMatchObject({
      ok: false,
      problems: ['map.offline must be true or false'],
    });
  });

  it('names every missing or empty value', () => {
    const result = validateConfig({ cognito: { userPoolId: '', region: 'us-east-1' }, api: {} });
    expect(result).toEqual({
      ok: false,
      reason: 'invalid',
      problems: ['cognito.userPoolId is missing', 'cognito.userPoolClientId is missing', 'api.invokeUrl is missing'],
    });
  });

  it('rejects wrong types and values instead of guessing', () => {
    const result = validateConfig({
      cognito: { ...good.cognito, authFlow: 'CUSTOM_AUTH' },
      api: { invokeUrl: 'not a url' },
      map: { center: [500, 0], zoom: 'near' },
    });
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== 'invalid') return;
    expect(result.problems).toEqual([
      'cognito.authFlow must be USER_SRP_AUTH or USER_PASSWORD_AUTH',
      'api.invokeUrl must be an http(s) URL',
      'map.center must be [latitude, longitude]',
      'map.zoom must be a number from 0 to 22',
    ]);
  });

  it('reports a config that is not an object at all', () => {
    expect(validateConfig([])).toEqual({ ok: false, reason: 'invalid', problems: ['config.json must be a JSON object'] });
  });
});

describe('loadConfig', () => {
  it('fetches /config.json without the HTTP cache and validates it', async () => {
    const fetchFn = vi.fn(async () => jsonResponse(good));
    const result = await loadConfig(fetchFn);
    expect(result.ok).toBe(true);
    expect(fetchFn).toHaveBeenCalledWith('/config.json', expect.objectContaining({ cache: 'no-store' }));
  });

  it('reports a missing file with its status', async () => {
    const result = await loadConfig(async () => jsonResponse({ message: 'nope' }, 404));
    expect(result).toEqual({ ok: false, reason: 'unreachable', detail: '/config.json answered HTTP 404' });
  });

  it('reports a server that cannot be reached', async () => {
    const result = await loadConfig(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(result).toEqual({ ok: false, reason: 'unreachable', detail: 'Failed to fetch' });
  });

  it('reports a file that is not JSON (such as an HTML fallback page)', async () => {
    const result = await loadConfig(async () => new Response('<!doctype html>', { status: 200 }));
    expect(result).toEqual({ ok: false, reason: 'unreachable', detail: '/config.json is not valid JSON' });
  });
});

describe('config.json', () => {
  const raw = { ...testConfig };
  it('takes an optional ws(s) URL for the live API, and names a wrong one', () => {
    expect(validateConfig({ ...raw, websocket: { url: 'wss://abc.execute-api.us-east-1.amazonaws.com/dev' } })).toMatchObject({
      ok: true,
      config: { websocket: { url: 'wss://abc.execute-api.us-east-1.amazonaws.com/dev' } },
    });
    const without = validateConfig(raw);
    expect(without.ok && without.config).not.toHaveProperty('websocket');
    expect(validateConfig({ ...raw, websocket: { url: 'https://x' } })).toMatchObject({
      ok: false,
      problems: ['websocket.url must be a ws:// or wss:// URL'],
    });
  });
});
