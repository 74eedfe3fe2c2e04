#!/usr/bin/env node
/**
 * Draws the add-in's ribbon and store icons as PNG files (no image tools needed): a blue rounded
 * square with a white plan sheet and a gold budget dot. 4×4 supersampling for smooth edges.
 * Usage: node scripts/addin/make-icons.js [outDir]   (default: assets/)
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SIZES = [16, 32, 64, 80, 128];

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** Encode RGBA pixels (Uint8Array, w*h*4) as PNG. */
function encodePng(w, h, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * w * 4, w * 4).copy(raw, y * (w * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const BLUE = [15, 108, 189];
const WHITE = [255, 255, 255];
const GOLD = [242, 169, 0];

function inRoundRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Colour at unit coordinates, or null for transparent. */
function shade(x, y) {
  let c = null;
  if (inRoundRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.18)) c = BLUE;
  if (inRoundRect(x, y, 0.22, 0.14, 0.74, 0.86, 0.04)) c = WHITE;
  for (const ly of [0.32, 0.47, 0.62]) if (x >= 0.3 && x <= 0.66 && Math.abs(y - ly) <= 0.035) c = BLUE;
  if ((x - 0.72) ** 2 + (y - 0.74) ** 2 <= 0.17 ** 2) c = GOLD;
  if ((x - 0.72) ** 2 + (y - 0.74) ** 2 <= 0.17 ** 2 && Math.abs(x - 0.72) <= 0.03 && Math.abs(y - 0.74) <= 0.1) c = WHITE;
  return c;
}

function drawIcon(size) {
  const px = new Uint8Array(size * size * 4);
  const S = 4;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const c = shade((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size);
          if (c) (r += c[0], g += c[1], b += c[2], a++);
        }
      const i = (y * size + x) * 4;
      if (a) {
        px[i] = Math.round(r / a);
        px[i + 1] = Math.round(g / a);
        px[i + 2] = Math.round(b / a);
        px[i + 3] = Math.round((255 * a) / (S * S));
      }
    }
  return encodePng(size, size, px);
}

function main(outDir = path.join(__dirname, '..', '..', 'assets')) {
  fs.mkdirSync(outDir, { recursive: true });
  for (const s of SIZES) fs.writeFileSync(path.join(outDir, `icon-${s}.png`), drawIcon(s));
  return SIZES.map((s) => path.join(outDir, `icon-${s}.png`));
}

module.exports = { drawIcon, encodePng, SIZES, main };
if (require.main === module) console.log(main(process.argv[2]).join('\n'));
