import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Repository, User } from "../storage/repository.js";
import { forbidden, unauthorized } from "./http-errors.js";

export const SESSION_COOKIE = "bc_session";
export const CSRF_COOKIE = "bc_csrf";
export const CSRF_HEADER = "x-csrf-token";

export interface AuthConfig {
  sessionDays: number;
  /** Secure cookies (HTTPS only); off for plain http://localhost. */
  secureCookies: boolean;
}

/** argon2id with the library's defaults (memory-hard). */
export const hashPassword = (password: string): Promise<string> => hash(password);
export const verifyPassword = (stored: string, password: string): Promise<boolean> =>
  verify(stored, password).catch(() => false);

let dummy: Promise<string> | undefined;
/**
 * Checks a password against the account's hash, or against a hash of nothing when there is no account,
 * so an unknown e-mail costs the same argon2 time as a known one and the answer's timing tells nothing.
 */
export async function verifyOrDummy(stored: string | undefined, password: string): Promise<boolean> {
  dummy ??= hash(randomBytes(16).toString("hex"));
  const ok = await verifyPassword(stored ?? (await dummy), password);
  return stored !== undefined && ok;
}

/** Failed logins are counted per account under this key: a hash of the e-mail, not the address itself. */
export const loginKey = (email: string): string => createHash("sha256").update(`login\u0000${email}`).digest("hex");

// The database keeps only a hash of each session token: a leaked table opens no sessions.
const tokenHash = (token: string): string => createHash("sha256").update(token).digest("hex");
const newToken = (): string => randomBytes(32).toString("base64url");

/**
 * The CSRF token of a session, derived from its secret token: bound to that session (another session's
 * token does not fit), and nothing a page on another site can compute, since it cannot read the http-only
 * session cookie.
 */
export const csrfTokenOf = (sessionToken: string): string =>
  createHash("sha256").update(`csrf\u0000${sessionToken}`).digest("base64url");

/** Starts a session: an http-only session cookie, and a readable CSRF cookie the page echoes in a header. */
export async function startSession(
  repo: Repository,
  reply: FastifyReply,
  userId: string,
  config: AuthConfig,
  now: Date,
): Promise<string> {
  const token = newToken();
  const expires = new Date(now.getTime() + config.sessionDays * 86_400_000);
  await repo.createSession({ token_hash: tokenHash(token), user_id: userId, expires_at: expires.toISOString() });
  const csrf = csrfTokenOf(token);
  const common = { path: "/", sameSite: "lax" as const, secure: config.secureCookies, expires };
  void reply.setCookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
  void reply.setCookie(CSRF_COOKIE, csrf, { ...common, httpOnly: false });
  return csrf;
}

export async function endSession(repo: Repository, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (token) await repo.deleteSession(tokenHash(token));
  void reply.clearCookie(SESSION_COOKIE, { path: "/" });
  void reply.clearCookie(CSRF_COOKIE, { path: "/" });
}

/** The user of the request's session cookie, if it is a live session. */
export async function sessionUser(repo: Repository, request: FastifyRequest, now: Date): Promise<User | undefined> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return undefined;
  const s = await repo.findSession(tokenHash(token), now.toISOString());
  return s ? repo.findUser(s.user_id) : undefined;
}

export async function requireUser(repo: Repository, request: FastifyRequest, now: Date): Promise<User> {
  const user = await sessionUser(repo, request, now);
  if (!user) throw unauthorized();
  return user;
}

/** Methods that change nothing; every other method (POST, PUT, PATCH, DELETE...) is checked. */
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** Constant-time equality; byte lengths are compared first (a header may hold non-ASCII characters). */
function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Double-submit CSRF check bound to the session: a write that carries the session cookie must also carry
 * the CSRF cookie, and the same value in a header, and that value must be the one derived from this
 * session's token. A page on another site can make the browser send cookies but cannot read them or
 * set the header. Writes without a session need no check (they act on nothing of an account).
 */
export function checkCsrf(request: FastifyRequest): void {
  const session = request.cookies[SESSION_COOKIE];
  if (SAFE.has(request.method) || !session) return;
  const cookie = request.cookies[CSRF_COOKIE] ?? "";
  const header = request.headers[CSRF_HEADER];
  const sent = typeof header === "string" ? header : "";
  const expected = csrfTokenOf(session);
  const ok = cookie.length > 0 && sameText(sent, cookie) && sameText(sent, expected);
  if (!ok) throw forbidden(`send the ${CSRF_COOKIE} cookie's value in the ${CSRF_HEADER} header`);
}
