import { existsSync } from 'node:fs';

/**
 * Which Chromium the browser tests and the bench drive, on any machine: `CHROMIUM_PATH` when set,
 * else Playwright's own Chromium when it is installed (`pnpm exec playwright install chromium`,
 * the way on macOS and Windows), else the system's (Debian/Ubuntu packages). Playwright never
 * downloads a browser by itself here: on offline machines that download fails.
 */
interface Chromium {
  path: string;
  source: 'CHROMIUM_PATH' | 'Playwright' | 'system';
}

/** Where Debian, Ubuntu (deb and snap) and Fedora put Chromium. */
const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'] as const;

export const NO_CHROMIUM_MESSAGE =
  'No Chromium for the browser tests: run `pnpm --filter @wildrydes/web exec playwright install chromium` (macOS, Windows, Linux), ' +
  'or install the system package (`sudo apt-get install chromium` on Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.';

export class NoChromium extends Error {
  override name = 'NoChromium';
}

/**
 * @param playwrightPath where Playwright's own Chromium would be (`chromium.executablePath()` of
 *   the caller's Playwright), so this module needs no Playwright of its own.
 */
export function findChromium(
  playwrightPath: () => string,
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): Chromium {
  const explicit = env.CHROMIUM_PATH?.trim();
  if (explicit) {
    if (!exists(explicit)) throw new NoChromium(`CHROMIUM_PATH=${explicit} does not exist. ${NO_CHROMIUM_MESSAGE}`);
    return { path: explicit, source: 'CHROMIUM_PATH' };
  }
  let own: string | undefined;
  try {
    own = playwrightPath();
  } catch {
    // Playwright knows no browser for this platform: fall through to the system's.
  }
  if (own && exists(own)) return { path: own, source: 'Playwright' };
  const system = SYSTEM_CHROMIUM_PATHS.find((path) => exists(path));
  if (system) return { path: system, source: 'system' };
  throw new NoChromium(NO_CHROMIUM_MESSAGE);
}

/** Headless, and quiet on a machine with no internet: no background fetches, no QUIC, no GPU. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;
