import type { IncomingMessage, ServerResponse } from "node:http";
import helmet, { type HelmetOptions } from "helmet";

/**
 * helmet's response headers for these options, computed once. @fastify/helmet rebuilt the whole helmet
 * middleware (parsing every CSP directive again) on every request; the headers depend on the options alone
 * (no nonces here), so the server computes them at start and sets the same list on each response.
 */
export function securityHeaders(options: HelmetOptions): [string, string][] {
  const headers = new Map<string, [string, string]>();
  const res = {
    setHeader(name: string, value: unknown) {
      headers.set(name.toLowerCase(), [name, String(value)]);
      return res;
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
    getHeader(name: string) {
      return headers.get(name.toLowerCase())?.[1];
    },
  };
  helmet(options)(
    { method: "GET", url: "/", headers: {} } as IncomingMessage,
    res as unknown as ServerResponse,
    (err?: unknown) => {
      if (err) throw err;
    },
  );
  return [...headers.values()];
}

/** The content security policy and the other headers of every response (see securityHeaders). */
export const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      // Plain http://localhost must keep working; behind HTTPS the proxy adds its own policy.
      upgradeInsecureRequests: null,
    },
  },
};
