import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
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

/** Serves the web app's few files; every page route of the app is "/" with a #fragment. */
export function webRoutes(app: FastifyInstance): void {
  for (const [path, file] of Object.entries(FILES)) {
    app.get(path, { schema: { hide: true } }, async (_request, reply) => {
      const type = TYPES[file.split(".").pop() ?? ""] ?? "application/octet-stream";
      try {
        const body = await readFile(`${WEB_DIR}${file}`);
        // The page itself is always revalidated so a new version is picked up; its assets briefly cached.
        void reply.header("cache-control", file === "index.html" ? "no-cache" : "public, max-age=300");
        return reply.type(type).send(body);
      } catch {
        if (file !== "index.html") return reply.status(404).type("text/plain").send("not found");
        return reply.type(TYPES["html"]!).send(MISSING);
      }
    });
  }
}
