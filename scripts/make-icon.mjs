// Draws media/icon.png (128×128, the Marketplace icon) with no dependencies: three offset answer columns on a dark
// rounded square, anti-aliased by 4×4 supersampling, written as an RGBA PNG with node:zlib. Run: node scripts/make-icon.mjs
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4;
const BG = [30, 42, 58];
const COLUMNS = [
  { x: 22, y: 30, w: 26, h: 70, color: [79, 193, 255] },
  { x: 51, y: 22, w: 26, h: 70, color: [255, 196, 84] },
  { x: 80, y: 38, w: 26, h: 70, color: [122, 220, 140] },
];

function inRounded(x, y, x0, y0, w, h, r) {
  const cx = Math.min(Math.max(x, x0 + r), x0 + w - r);
  const cy = Math.min(Math.max(y, y0 + r), y0 + h - r);
  return x >= x0 && x <= x0 + w && y >= y0 && y <= y0 + h && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function sample(x, y) {
  if (!inRounded(x, y, 0, 0, SIZE, SIZE, 24)) return [0, 0, 0, 0];
  let rgb = BG;
  for (const c of COLUMNS) {
    if (!inRounded(x, y, c.x, c.y, c.w, c.h, 5)) continue;
    // Lines of "code" inside each column: darker bars every 10 px.
    const line = (y - c.y) % 10;
    const inset = x > c.x + 5 && x < c.x + c.w - 5 - ((y - c.y) % 20 < 10 ? 6 : 0);
    rgb = line >= 6 && line < 9 && inset && y > c.y + 6 && y < c.y + c.h - 4 ? c.color.map((v) => Math.round(v * 0.55)) : c.color;
  }
  return [...rgb, 255];
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0;
  for (let x = 0; x < SIZE; x++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++)
      for (let sx = 0; sx < SS; sx++) {
        const s = sample(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
        for (let i = 0; i < 3; i++) acc[i] += s[i] * s[3];
        acc[3] += s[3];
      }
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    const a = acc[3] / (SS * SS);
    for (let i = 0; i < 3; i++) raw[o + i] = acc[3] ? Math.round(acc[i] / acc[3]) : 0;
    raw[o + 3] = Math.round(a);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
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
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('../media/icon.png', import.meta.url), png);
console.log(`media/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
