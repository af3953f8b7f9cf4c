import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** The built web app (`npm run build` writes it); the same path from src/ and dist/. */
export const WEB_DIR = fileURLToPath(new URL("../../../dist/web/", import.meta.url));

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
  json: "application/json; charset=utf-8",
  webmanifest: "application/manifest+json",
  png: "image/png",
};

/**
 * Files whose names carry a content hash (scripts/build-web.mjs) never change under that name: cached
 * for a year. The page, the service worker and the manifest keep their names, so they are revalidated.
 */
const HASHED = /^(assets|k)\/[\w.-]+$/;
/** Only names the build writes: one folder deep at most, no dots leading anywhere else. */
const SAFE = /^(?:(?:assets|k|icons)\/)?[\w-]+(?:\.[\w-]+)*\.(?:js|css|json|svg|png|webmanifest)$/;

const MISSING = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>backcheck</title></head>
<body><h1>backcheck</h1><p>The web app is not built yet: run <code>npm run build</code>. The API is running:
see the <a href="/api/docs">API documentation</a>. backcheck does not replace a doctor.</p></body></html>`;

/** Whether an Accept-Encoding header accepts `coding` (listed, and not with q=0). */
export function accepts(header: string | string[] | undefined, coding: string): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value.split(",").some((part) => {
    const [name, ...params] = part.split(";");
    return name?.trim().toLowerCase() === coding && !params.some((p) => /^\s*q\s*=\s*0(\.0{0,3})?\s*$/i.test(p));
  });
}

/** The client's preferred compression among those the build wrote (.br, .gz beside each text file). */
function encodings(request: FastifyRequest): { ext: string; name: string }[] {
  const accept = request.headers["accept-encoding"];
  return [
    ...(accepts(accept, "br") ? [{ ext: ".br", name: "br" }] : []),
    ...(accepts(accept, "gzip") ? [{ ext: ".gz", name: "gzip" }] : []),
    { ext: "", name: "" },
  ];
}

async function sendFile(request: FastifyRequest, reply: FastifyReply, file: string): Promise<FastifyReply> {
  const type = TYPES[file.split(".").pop() ?? ""] ?? "application/octet-stream";
  for (const enc of encodings(request)) {
    let body: Buffer;
    try {
      body = await readFile(`${WEB_DIR}${file}${enc.ext}`);
    } catch {
      continue;
    }
    void reply.header("cache-control", HASHED.test(file) ? "public, max-age=31536000, immutable" : "no-cache");
    void reply.header("vary", "accept-encoding");
    if (enc.name) void reply.header("content-encoding", enc.name);
    // The service worker may control the whole site from the root.
    if (file === "sw.js") void reply.header("service-worker-allowed", "/");
    return reply.type(type).send(body);
  }
  if (file !== "index.html") {
    reply.callNotFound();
    return reply;
  }
  return reply.type(TYPES["html"]!).header("cache-control", "no-cache").send(MISSING);
}

/** Serves the web app's files; every page route of the app is "/" with a #fragment. */
export function webRoutes(app: FastifyInstance): void {
  app.get("/", { schema: { hide: true } }, (request, reply) => sendFile(request, reply, "index.html"));
  app.get("/index.html", { schema: { hide: true } }, (request, reply) => sendFile(request, reply, "index.html"));
  app.get<{ Params: { "*": string } }>("/*", { schema: { hide: true } }, async (request, reply) => {
    const file = request.params["*"];
    // Anything else (an unknown API address included) gets the API's own 404.
    if (!SAFE.test(file) || file.includes("..")) {
      reply.callNotFound();
      return reply;
    }
    return sendFile(request, reply, file);
  });
}
