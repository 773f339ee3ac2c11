/**
 * The web app's import rules. `app/` (and main.tsx) puts the app together and may import anything;
 * a feature (`features/<name>/`) imports the shared folders, itself, and another feature only
 * where CROSS_FEATURE says; the shared folders (api, config, i18n, map, rides, router, ui, …)
 * import neither a feature nor `app/`. Import cycles are Biome's to catch (noImportCycles).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../src');

/** Each feature's imports of another feature: path prefixes under `features/`. */
const CROSS_FEATURE: Record<string, readonly string[]> = {
  auth: [],
  // Every page for a signed-in rider reads the session from auth.
  history: ['auth/session/'],
  live: ['auth/session/'],
  // The ride page shows the live connection's state and the free unicorns.
  booking: ['auth/session/', 'live/'],
  // Setting up an authenticator app is an auth form: Cognito's errors and the form kit.
  account: ['auth/session/', 'auth/auth-service.ts', 'auth/auth-error-text.ts', 'auth/form/'],
};

type Layer = { kind: 'app' } | { kind: 'feature'; name: string } | { kind: 'shared' };

function layerOf(path: string): Layer {
  const [top, name] = path.split('/');
  if (top === 'app' || top === 'main.tsx') return { kind: 'app' };
  if (top === 'features' && name) return { kind: 'feature', name };
  return { kind: 'shared' };
}

/** Every relative import of every source file, as paths under src/ (extension-less as written). */
function imports(): { from: string; to: string }[] {
  const found: { from: string; to: string }[] = [];
  for (const entry of readdirSync(SRC, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const file = join(entry.parentPath, entry.name);
    const from = relative(SRC, file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      found.push({ from, to: relative(SRC, normalize(join(dirname(file), spec ?? ''))) });
    }
  }
  return found;
}

/** Why `from` may not import `to`, or undefined when it may. */
function offence(from: string, to: string): string | undefined {
  const source = layerOf(from);
  const target = layerOf(to);
  if (source.kind === 'app' || target.kind === 'shared') return undefined;
  if (source.kind === 'shared') return `${from} (shared) imports ${to}`;
  if (target.kind === 'app') return `${from} imports ${to} (app/ puts features together, not the other way)`;
  if (source.kind === 'feature' && target.kind === 'feature' && source.name !== target.name) {
    const allowed = CROSS_FEATURE[source.name] ?? [];
    const path = to.slice('features/'.length);
    if (!allowed.some((prefix) => path.startsWith(prefix) || `${path}.ts` === prefix || `${path}.tsx` === prefix)) {
      return `${from} imports ${to}, which CROSS_FEATURE does not allow`;
    }
  }
  return undefined;
}

describe('the web app’s import rules', () => {
  it('has a rule for every feature folder', () => {
    const features = readdirSync(join(SRC, 'features')).sort();
    expect(Object.keys(CROSS_FEATURE).sort()).toEqual(features);
  });

  it('finds only imports the rules allow', () => {
    const all = imports();
    expect(all.length).toBeGreaterThan(100);
    expect(all.flatMap(({ from, to }) => offence(from, to) ?? [])).toEqual([]);
  });

  it('finds an import the rules forbid (the check itself works)', () => {
    expect(offence('ui/Notice.tsx', 'features/auth/session/session')).toMatch(/shared/);
    expect(offence('features/history/MyRidesPage.tsx', 'features/booking/RidePanel')).toMatch(/CROSS_FEATURE/);
    expect(offence('features/booking/BookingPage.tsx', 'app/routes')).toMatch(/app\//);
    expect(offence('features/account/AuthenticatorSection.tsx', 'features/auth/form/use-auth-form')).toBeUndefined();
  });
});
