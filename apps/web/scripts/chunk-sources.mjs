// Dev aid: which sources fill a built chunk. Usage: node scripts/chunk-sources.mjs dist/assets/index-*.js
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { decode } = require(require.resolve('@jridgewell/sourcemap-codec', { paths: [require.resolve('vite')] }));
const file = process.argv[2];
const code = readFileSync(file, 'utf8');
const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
const lines = code.split('\n');
const sizes = new Map();
decode(map.mappings).forEach((segments, li) => {
  const line = lines[li] ?? '';
  segments.forEach((seg, i) => {
    const end = segments[i + 1]?.[0] ?? line.length;
    const src = seg.length > 1 ? map.sources[seg[1]] : '(none)';
    sizes.set(src, (sizes.get(src) ?? 0) + (end - seg[0]));
  });
});
const rows = [...sizes].sort((a, b) => b[1] - a[1]);
for (const [src, n] of rows.slice(0, 40)) console.log(String(n).padStart(8), src.replace(/.*node_modules\//, 'nm/'));
