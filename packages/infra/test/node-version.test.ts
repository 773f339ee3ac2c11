/**
 * The project's Node.js version lives in .node-version; every other place that must name it
 * (YAML, JSON, workflows) is a copy, and this test proves the copies agree.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readStackConfig } from '@wildrydes/local-stack';
import { describe, expect, it } from 'vitest';

const { rootDir } = readStackConfig();
const read = (path: string) => readFileSync(join(rootDir, path), 'utf8');
const major = Number(read('.node-version').trim().split('.')[0]);
const rootPackage = JSON.parse(read('package.json')) as { engines: { node: string }; optionalDependencies: Record<string, string> };

describe(`Node.js ${major} everywhere`, () => {
  it('.node-version names a current major', () => {
    expect(major).toBeGreaterThanOrEqual(24);
  });

  it('the Node binaries pnpm installs, the version pnpm checks engines against, and engines agree', () => {
    const binaries = Object.entries(rootPackage.optionalDependencies).filter(([name]) => name.startsWith('node-'));
    expect(binaries.length).toBeGreaterThan(0);
    const versions = new Set(binaries.map(([, version]) => version));
    expect(versions.size).toBe(1);
    const [version] = versions;
    expect(version!.split('.')[0]).toBe(String(major));
    expect(read('pnpm-workspace.yaml')).toMatch(new RegExp(`^nodeVersion: ${version!.replace(/\./g, '\\.')}$`, 'm'));
    expect(rootPackage.engines.node).toMatch(new RegExp(`^>=${major}(\\.|$)`));
  });

  it('the running Node is that version (tests run on what the project brings)', () => {
    expect(Number(process.versions.node.split('.')[0])).toBe(major);
  });

  it('Lambda runs it, and esbuild targets it', () => {
    const yml = read('serverless.yml');
    expect(yml).toMatch(new RegExp(`^  runtime: nodejs${major}\\.x$`, 'm'));
    expect(yml).toMatch(new RegExp(`^    target: node${major}$`, 'm'));
    expect(yml).not.toMatch(/nodejs(1\d|2[0-3])\.x|target: node(1\d|2[0-3])\b/);
  });

  it('CI and the deploy workflow run it', () => {
    for (const workflow of ['.github/workflows/ci.yml', '.github/workflows/deploy.yml']) {
      const text = read(workflow);
      for (const container of text.matchAll(/container: (\S+)/g)) expect(container[1]).toBe(`node:${major}-bookworm`);
      for (const setup of text.matchAll(/node-version(-file)?: (\S+)/g)) expect(setup[0]).toBe('node-version-file: .node-version');
    }
  });
});
