// Writes public/tiles/local.png: a neutral, map-like tile for offline dev and tests (Leaflet
// repeats one tile when the URL has no {x}/{y}/{z}). Leaflet shows it at 256 CSS px; it is drawn
// at 3x so it stays sharp on phone screens (Lighthouse checks this). Run: node scripts/make-tile.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SCALE = 3;
const W = 256 * SCALE;
const H = 256 * SCALE;
const land = [242, 239, 233];
const street = [255, 255, 255];
const avenue = [252, 214, 164];
const park = [205, 235, 200];
const water = [170, 211, 223];

function pixel(px, py) {
  const x = px / SCALE;
  const y = py / SCALE;
  // A river crossing the tile diagonally; it lines up with the next tile when repeated.
  const d = (y - x + 256) % 256;
  if (d > 150 && d < 166) return water;
  if (x % 128 < 5) return avenue;
  if (y % 128 < 5) return avenue;
  if (x % 32 < 2 || y % 32 < 2) return street;
  if (x > 70 && x < 124 && y > 38 && y < 92) return park;
  return land;
}

const raw = Buffer.alloc((W * 3 + 1) * H);
for (let y = 0; y < H; y++) {
  raw[y * (W * 3 + 1)] = 0; // filter: none
  for (let x = 0; x < W; x++) {
    const [r, g, b] = pixel(x, y);
    const i = y * (W * 3 + 1) + 1 + x * 3;
    raw[i] = r;
    raw[i + 1] = g;
    raw[i + 2] = b;
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(W, 0);
ihdr.writeUInt32BE(H, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 2; // colour type: RGB
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../public/tiles/local.png', import.meta.url), png);
console.log(`public/tiles/local.png: ${png.length} bytes`);
