/**
 * The packages' import rules, from their one home: the "Packages" table of docs/architecture.md.
 * Each row names a folder and the `@wildrydes/*` packages its source may import (tests aside);
 * this reads every source file and fails on an import the table does not allow.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readStackConfig } from '@wildrydes/local-stack';
import { describe, expect, it } from 'vitest';

const { rootDir } = readStackConfig();

/** The table's rows: folder → the short names (`contract`, `local-stack`, …) it may import. */
function rules(): Map<string, Set<string>> {
  const doc = readFileSync(join(rootDir, 'docs/architecture.md'), 'utf8');
  const table = doc.slice(doc.indexOf('## Packages'), doc.indexOf('\n## ', doc.indexOf('## Packages') + 1));
  const rows = new Map<string, Set<string>>();
  for (const [, folder, deps] of table.matchAll(/^\| `([^`]+)` \|[^|]*\| ([^|]*) \|$/gm)) {
    const allowed = (deps ?? '')
      .split(',')
      .map((d) => d.trim())
      .filter((d) => d && d !== '—');
    rows.set(folder ?? '', new Set(allowed));
  }
  return rows;
}

/** Every source file under `dir`, tests and build output aside. */
function sources(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(ts|tsx|mts|cjs|mjs)$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    if (/\/(node_modules|dist|dist-e2e|test|e2e|\.esbuild[^/]*)\//.test(path)) continue;
    files.push(path);
  }
  return files;
}

/** The `@wildrydes/*` packages a file imports (static, dynamic, type-only or required), by short name. */
const importsOf = (text: string) =>
  [...text.matchAll(/(?:from\s+|import\(\s*|require\(\s*)['"]@wildrydes\/([a-z-]+)/g)].map(([, name]) => name ?? '');

describe('the packages’ import rules (docs/architecture.md, "Packages")', () => {
  it('reads a rule for every package folder', () => {
    expect([...rules().keys()].sort()).toEqual([
      'apps/web',
      'bench',
      'packages/client',
      'packages/contract',
      'packages/functions',
      'packages/infra',
      'packages/local-stack',
      'packages/rides',
    ]);
    expect(rules().get('packages/rides')).toEqual(new Set(['contract']));
  });

  it.each([...rules()])('%s imports only what its row allows', (folder, allowed) => {
    const root = join(rootDir, folder);
    const files = sources(join(root, 'src'));
    expect(files.length).toBeGreaterThan(0);
    const offences = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((name) => !allowed.has(name))
        .map((name) => `${file.slice(rootDir.length + 1)} imports @wildrydes/${name}`),
    );
    expect(offences).toEqual([]);
  });

  it('finds an import the rules forbid (the check itself works)', () => {
    expect(importsOf("import { x } from '@wildrydes/functions';\nconst y = await import('@wildrydes/local-stack/testing');")).toEqual([
      'functions',
      'local-stack',
    ]);
  });
});
