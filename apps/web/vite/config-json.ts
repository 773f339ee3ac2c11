import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * Serves `/config.json` in `vite dev` and `vite preview` from the file the local stack writes,
 * so the app talks to the local backend without a config file in the source tree.
 * Order: $WILDRYDES_WEB_CONFIG, else <$WILDRYDES_LOCAL_DIR or <repo>/.local>/web-config.json,
 * else public/config.json (dev) or dist/config.json (preview) as Vite would serve them.
 */
export function webConfigPath(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env['WILDRYDES_WEB_CONFIG']) return path.resolve(env['WILDRYDES_WEB_CONFIG']);
  const localDir = env['WILDRYDES_LOCAL_DIR'] ? path.resolve(env['WILDRYDES_LOCAL_DIR']) : path.join(repoRoot, '.local');
  return path.join(localDir, 'web-config.json');
}

export function configJson(options: { repoRoot: string }): Plugin {
  const handler = (dirsFor: string[]) => (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const url = (req.url ?? '').split('?')[0];
    if (url !== '/config.json') return next();
    const candidates = [webConfigPath(options.repoRoot), ...dirsFor.map((dir) => path.join(dir, 'config.json'))];
    const file = candidates.find((candidate) => existsSync(candidate));
    // The file is read on every request so a restarted local stack's new ids are picked up.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', 'application/json');
    if (!file) {
      res.statusCode = 404;
      res.end(JSON.stringify({ message: `No config.json: looked for ${candidates.join(', ')}` }));
      return;
    }
    res.end(readFileSync(file));
  };
  return {
    name: 'wildrydes-config-json',
    configureServer(server) {
      server.middlewares.use(handler([path.join(server.config.root, 'public')]));
    },
    configurePreviewServer(server) {
      server.middlewares.use(handler([path.resolve(server.config.root, server.config.build.outDir)]));
    },
  };
}
