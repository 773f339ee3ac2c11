import { readStackConfig } from '@wildrydes/local-stack';
import { describe, expect, it } from 'vitest';
import { cspForDeployment, cspForLocalStack, cspProblems, customHttpCsp, parseCsp, sourcesAllow, withCspMeta } from '../../src/deploy/csp';
import { type WebConfig, webConfigFromEnv } from '../../src/deploy/web-config';

const { rootDir } = readStackConfig();
const policy = customHttpCsp(rootDir);

const config = (region: string, tileUrl?: string): WebConfig =>
  webConfigFromEnv({
    WILDRYDES_USER_POOL_ID: `${region}_AbC123`,
    WILDRYDES_USER_POOL_CLIENT_ID: 'abcdefghij0123456789abcdef',
    WILDRYDES_REGION: region,
    WILDRYDES_API_URL: `https://x1y2z3.execute-api.${region}.amazonaws.com/prod`,
    WILDRYDES_LIVE_URL: `wss://w5s6t7u8v9.execute-api.${region}.amazonaws.com/prod`,
    ...(tileUrl ? { WILDRYDES_MAP_TILE_URL: tileUrl } : {}),
  })!;

describe("customHttp.yml's Content-Security-Policy", () => {
  it('allows only the site itself to run scripts and style: no inline, no eval, no framing', () => {
    expect(policy).toMatch(/script-src 'self';/);
    expect(policy).toMatch(/style-src 'self';/);
    expect(policy).toMatch(/object-src 'none'/);
    expect(policy).toMatch(/frame-ancestors 'none'/);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\bdata:/);
  });

  it('lets a us-east-1 deployment reach Cognito, the API, the live WebSocket and the OpenStreetMap tiles', () => {
    expect(cspProblems(policy, config('us-east-1'))).toEqual([]);
  });

  it("lets the web app fall back to its own offline tile when the tile server's do not load", () => {
    expect(sourcesAllow(parseCsp(policy).get('img-src') ?? [], '/tiles/local.png')).toBe(true);
  });

  it('names what another region or tile server would need', () => {
    expect(cspProblems(policy, config('eu-west-1', 'https://tiles.example.com/{z}/{x}/{y}.png'))).toEqual([
      'connect-src does not allow Cognito at https://cognito-idp.eu-west-1.amazonaws.com/',
      'connect-src does not allow the API at https://x1y2z3.execute-api.eu-west-1.amazonaws.com/prod',
      'connect-src does not allow the live API at wss://w5s6t7u8v9.execute-api.eu-west-1.amazonaws.com/prod',
      'img-src does not allow map tiles from https://tiles.example.com/{z}/{x}/{y}.png',
    ]);
  });

  it('matches sources like a browser: schemes, exact hosts, *. wildcards, self for paths', () => {
    expect(sourcesAllow(['https://*.example.com'], 'https://a.example.com/x')).toBe(true);
    expect(sourcesAllow(['https://*.example.com'], 'https://example.com/x')).toBe(false);
    expect(sourcesAllow(['https://*.example.com'], 'https://evilexample.com/x')).toBe(false);
    expect(sourcesAllow(['example.com'], 'http://example.com/')).toBe(false);
    expect(sourcesAllow(['https:'], 'https://anything.test/')).toBe(true);
    expect(sourcesAllow(["'self'"], '/tiles/local.png')).toBe(true);
    expect(sourcesAllow(["'none'"], '/tiles/local.png')).toBe(false);
  });
});

describe('the policy the browser tests serve the build under', () => {
  const local = cspForLocalStack(policy, { connect: ['http://localhost:3100', 'http://localhost:9329'] });

  it("is production's, directive for directive, with the local stack in place of AWS and the tile server", () => {
    const production = parseCsp(policy);
    const test = parseCsp(local);
    expect([...test.keys()]).toEqual([...production.keys()].filter((name) => name !== 'upgrade-insecure-requests'));
    for (const [name, sources] of test) {
      if (name === 'connect-src') expect(sources).toEqual(["'self'", 'http://localhost:3100', 'http://localhost:9329']);
      else if (name === 'img-src') expect(sources).toEqual(["'self'"]);
      else expect(sources, name).toEqual(production.get(name));
    }
  });

  it('keeps the keywords of the directives it changes, and adds image hosts when given', () => {
    expect(
      cspForLocalStack("img-src 'self' https://tiles.example.com data:; connect-src 'none'", {
        connect: [],
        img: ['http://localhost:8080'],
      }),
    ).toBe("img-src 'self' data: http://localhost:8080; connect-src 'none'");
  });
});

describe('the policy a deployment writes into its index.html', () => {
  const narrowed = parseCsp(cspForDeployment(policy, config('eu-west-1')));
  const production = parseCsp(policy);

  it('names exactly its Cognito, API and live API, and its tile server: no wildcard', () => {
    expect(narrowed.get('connect-src')).toEqual([
      "'self'",
      'https://cognito-idp.eu-west-1.amazonaws.com',
      'https://x1y2z3.execute-api.eu-west-1.amazonaws.com',
      'wss://w5s6t7u8v9.execute-api.eu-west-1.amazonaws.com',
    ]);
    expect(narrowed.get('img-src')).toEqual(["'self'", 'https://tile.openstreetmap.org']);
    expect(cspForDeployment(policy, config('eu-west-1'))).not.toContain('*');
  });

  it('keeps every other directive of customHttp.yml but those a <meta> cannot carry', () => {
    for (const [name, sources] of production) {
      if (name === 'frame-ancestors') expect(narrowed.has(name)).toBe(false);
      else if (name !== 'connect-src' && name !== 'img-src') expect(narrowed.get(name), name).toEqual(sources);
    }
    expect(production.has('frame-ancestors')).toBe(true);
  });

  it('goes first in <head>, before any script, and replaces an earlier one', () => {
    const page = '<!doctype html><html><head>\n<script type="module" src="/assets/a.js"></script></head><body></body></html>';
    const once = withCspMeta(page, 'default-src \'self\'; connect-src "x"');
    expect(once).toMatch(
      /<head>\n {4}<meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src &quot;x&quot;">\n<script/,
    );
    const twice = withCspMeta(once, "default-src 'none'");
    expect(twice.match(/Content-Security-Policy/g)).toHaveLength(1);
    expect(twice).toContain('content="default-src \'none\'"');
    expect(() => withCspMeta('<p>no head</p>', 'x')).toThrow('no <head>');
  });
});
