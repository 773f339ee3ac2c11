import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Connect, ViteDevServer } from 'vite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configJson, webConfigPath } from '../../vite/config-json';

describe('where /config.json comes from in vite dev and preview', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('is $WILDRYDES_WEB_CONFIG, else web-config.json in the local stack folder', () => {
    expect(webConfigPath('/repo', {})).toBe('/repo/.local/web-config.json');
    expect(webConfigPath('/repo', { WILDRYDES_LOCAL_DIR: '/repo/.local/test' })).toBe('/repo/.local/test/web-config.json');
    expect(webConfigPath('/repo', { WILDRYDES_WEB_CONFIG: '/tmp/c.json', WILDRYDES_LOCAL_DIR: '/x' })).toBe('/tmp/c.json');
  });

  function serve(root: string, url: string) {
    let handler: Connect.NextHandleFunction | undefined;
    const server = { config: { root }, middlewares: { use: (h: Connect.NextHandleFunction) => (handler = h) } };
    const plugin = configJson({ repoRoot: root });
    (plugin.configureServer as (s: ViteDevServer) => void)(server as unknown as ViteDevServer);
    const res = { statusCode: 200, headers: {} as Record<string, string>, body: '' };
    const response = {
      setHeader: (k: string, v: string) => (res.headers[k] = v),
      end: (b: string | Buffer) => (res.body = String(b)),
      get statusCode() {
        return res.statusCode;
      },
      set statusCode(v: number) {
        res.statusCode = v;
      },
    };
    const next = vi.fn();
    handler?.({ url } as IncomingMessage, response as unknown as ServerResponse, next);
    return { res, next };
  }

  it('serves the local stack’s file uncached, falls back to public/config.json, else a 404 naming where it looked', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'wr-web-'));
    vi.stubEnv('WILDRYDES_WEB_CONFIG', path.join(root, 'stack-web-config.json'));

    let { res } = serve(root, '/config.json');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('stack-web-config.json');

    const publicDir = path.join(root, 'public');
    mkdirSync(publicDir);
    writeFileSync(path.join(publicDir, 'config.json'), '{"from":"public"}');
    ({ res } = serve(root, '/config.json?x=1'));
    expect(res.body).toBe('{"from":"public"}');

    writeFileSync(path.join(root, 'stack-web-config.json'), '{"from":"stack"}');
    ({ res } = serve(root, '/config.json'));
    expect(res.body).toBe('{"from":"stack"}');
    expect(res.headers['Cache-Control']).toBe('no-store');

    const other = serve(root, '/index.html');
    expect(other.next).toHaveBeenCalled();
  });
});
