import { SourceMapConsumer, SourceMapGenerator } from 'source-map-js';
import { describe, expect, it } from 'vitest';
import { attribute, packageOf } from '../src/profile';

describe('the cold-start profile', () => {
  it('names the package a bundled source came from: the innermost node_modules one, else ours', () => {
    expect(packageOf('../../node_modules/.pnpm/@smithy+core@3.1.0/node_modules/@smithy/core/dist-es/index.js')).toBe('@smithy/core');
    expect(packageOf('../node_modules/.pnpm/zod@4.1.0/node_modules/zod/v4/core/schemas.js')).toBe('zod');
    expect(packageOf('../../packages/functions/src/http/api-handler.ts')).toBe('packages/functions');
    expect(packageOf('../../bench/reference/sdk-floor.ts')).toBe('bench/reference');
    expect(packageOf('somewhere-else.js')).toBe('other');
  });

  it('charges each sample’s time to its function’s package, and the rest to Node, V8 and the collector', () => {
    const generator = new SourceMapGenerator({ file: 'bundle.mjs' });
    generator.addMapping({ generated: { line: 1, column: 0 }, original: { line: 1, column: 0 }, source: 'node_modules/zod/index.js' });
    generator.addMapping({ generated: { line: 1, column: 100 }, original: { line: 1, column: 0 }, source: 'packages/rides/src/geo.ts' });
    const map = new SourceMapConsumer(JSON.parse(generator.toString()));
    const frame = (functionName: string, url: string, columnNumber = 0) => ({ functionName, url, lineNumber: 0, columnNumber });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('parse', 'file:///b.mjs', 5) },
        { id: 3, callFrame: frame('geohash', 'file:///b.mjs', 120) },
        { id: 4, callFrame: frame('(garbage collector)', '') },
        { id: 5, callFrame: frame('readFileSync', 'node:fs') },
        { id: 6, callFrame: frame('(idle)', '') },
      ],
      samples: [2, 2, 3, 4, 5, 6],
      timeDeltas: [1000, 1000, 500, 250, 750, 9000],
    };
    expect(attribute(profile, 'file:///b.mjs', map)).toEqual({ zod: 2, 'packages/rides': 0.5, GC: 0.25, 'Node built-ins': 0.75 });
  });
});
