// The app's icon, drawn here so the build needs no image tool: a blue rounded square with a white spine
// (one upright line, four crossbars), as favicon.svg. PNG by hand: RGBA rows, deflated, with CRCs.
import { deflateSync } from "node:zlib";

const BLUE = [0x1d, 0x4e, 0xd8];
/** In a 32-unit square, like favicon.svg: the spine and its bars as line segments of width 2.4. */
const LINES = [
  [16, 5, 16, 27],
  [11, 9, 21, 9],
  [10, 14, 22, 14],
  [11, 19, 21, 19],
  [12, 24, 20, 24],
];

export function svgIcon() {
  const bars = LINES.map(([x1, y1, x2, y2]) => `M${x1} ${y1}${x1 === x2 ? `v${y2 - y1}` : `h${x2 - x1}`}`).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1d4ed8"/><path d="${bars}" stroke="#fff" stroke-width="2.4" stroke-linecap="round"/></svg>\n`;
}

const distToSegment = (px, py, [x1, y1, x2, y2]) => {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
};

/** Coverage of a point in the 32-unit design: 0 outside, 1 background, 2 the white spine. */
function paint(x, y, maskable) {
  // A maskable icon fills the whole square and keeps the drawing in the middle 80% (the safe zone).
  const s = maskable ? 0.8 : 1;
  const u = (x - 16) / s + 16;
  const v = (y - 16) / s + 16;
  if (!maskable) {
    const r = 7;
    const cx = Math.min(Math.max(x, r), 32 - r);
    const cy = Math.min(Math.max(y, r), 32 - r);
    if (x < 0 || y < 0 || x > 32 || y > 32 || Math.hypot(x - cx, y - cy) > r) return 0;
  }
  return LINES.some((l) => distToSegment(u, v, l) <= 1.2) ? 2 : 1;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/** A size × size PNG; 4 × 4 samples a pixel smooth the edges. */
export function pngIcon(size, maskable = false) {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  const n = 4;
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let inside = 0;
      let white = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const p = paint(((x + (i + 0.5) / n) * 32) / size, ((y + (j + 0.5) / n) * 32) / size, maskable);
          if (p > 0) inside++;
          if (p === 2) white++;
        }
      }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const w = inside ? white / inside : 0;
      rows[o] = Math.round(BLUE[0] + (255 - BLUE[0]) * w);
      rows[o + 1] = Math.round(BLUE[1] + (255 - BLUE[1]) * w);
      rows[o + 2] = Math.round(BLUE[2] + (255 - BLUE[2]) * w);
      rows[o + 3] = Math.round((255 * inside) / (n * n));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
