import { readFile, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";

/** The built web app (`npm run build` writes it); the same path from src/ and dist/. */
export const WEB_DIR = fileURLToPath(new URL("../../../dist/web/", import.meta.url));

const FILES: Record<string, string> = {
  "/": "index.html",
  "/app.js": "app.js",
  "/styles.css": "styles.css",
  "/uplot.css": "uplot.css",
  "/favicon.svg": "favicon.svg",
};
const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
};

const MISSING = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>backcheck</title></head>
<body><h1>backcheck</h1><p>The web app is not built yet: run <code>npm run build</code>. The API is running:
see the <a href="/api/docs">API documentation</a>. backcheck does not replace a doctor.</p></body></html>`;

/** A file's bytes and, over 1 KB, its brotli and gzip forms, as of its size and modification time. */
interface Prepared {
  size: number;
  mtimeMs: number;
  raw: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}
const prepared = new Map<string, Prepared>();

/**
 * The file, compressed once at the highest levels (brotli 11, gzip 9) and kept until it changes on disk:
 * the assets are the same for every visitor, so compressing them on each request (as the API's answers
 * are) would cost time and bytes for nothing. A rebuilt file is picked up by its new size or time.
 */
async function prepare(path: string): Promise<Prepared> {
  const s = await stat(path);
  const known = prepared.get(path);
  if (known && known.size === s.size && known.mtimeMs === s.mtimeMs) return known;
  const raw = await readFile(path);
  const entry: Prepared = { size: s.size, mtimeMs: s.mtimeMs, raw };
  if (raw.length > 1024) {
    entry.br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
    entry.gzip = gzipSync(raw, { level: 9 });
  }
  prepared.set(path, entry);
  return entry;
}

/** Whether an Accept-Encoding header accepts `coding` (listed, and not with q=0). */
export function accepts(header: string | string[] | undefined, coding: string): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value.split(",").some((part) => {
    const [name, ...params] = part.split(";");
    return name?.trim().toLowerCase() === coding && !params.some((p) => /^\s*q\s*=\s*0(\.0{0,3})?\s*$/i.test(p));
  });
}

/** Serves the web app's few files; every page route of the app is "/" with a #fragment. */
export function webRoutes(app: FastifyInstance): void {
  for (const [path, file] of Object.entries(FILES)) {
    app.get(path, { schema: { hide: true } }, async (request, reply) => {
      const type = TYPES[file.split(".").pop() ?? ""] ?? "application/octet-stream";
      try {
        const f = await prepare(`${WEB_DIR}${file}`);
        // The page itself is always revalidated so a new version is picked up; its assets briefly cached.
        void reply.header("cache-control", file === "index.html" ? "no-cache" : "public, max-age=300");
        if (f.br || f.gzip) void reply.header("vary", "accept-encoding");
        const accepted = request.headers["accept-encoding"];
        const [coding, body] = f.br && accepts(accepted, "br") ? ["br", f.br] : f.gzip && accepts(accepted, "gzip") ? ["gzip", f.gzip] : [undefined, f.raw];
        // Already compressed: the compression plugin leaves a response with a content-encoding alone.
        if (coding) void reply.header("content-encoding", coding);
        return reply.type(type).send(body);
      } catch {
        if (file !== "index.html") return reply.status(404).type("text/plain").send("not found");
        return reply.type(TYPES["html"]!).send(MISSING);
      }
    });
  }
}
