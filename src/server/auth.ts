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
export const verifyPassword = (stored: string, password: string): Promise<boolean> => verify(stored, password).catch(() => false);

// The database keeps only a hash of each session token: a leaked table opens no sessions.
const tokenHash = (token: string): string => createHash("sha256").update(token).digest("hex");
const newToken = (): string => randomBytes(32).toString("base64url");

/** Starts a session: an http-only session cookie, and a readable CSRF cookie the page echoes in a header. */
export async function startSession(repo: Repository, reply: FastifyReply, userId: string, config: AuthConfig, now: Date): Promise<string> {
  const token = newToken();
  const expires = new Date(now.getTime() + config.sessionDays * 86_400_000);
  await repo.createSession({ token_hash: tokenHash(token), user_id: userId, expires_at: expires.toISOString() });
  const csrf = newToken();
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

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Double-submit CSRF check: a write that carries the session cookie must also carry the CSRF cookie's
 * value in a header, which a page on another site cannot read. Writes without a session need no check.
 */
export function checkCsrf(request: FastifyRequest): void {
  if (SAFE.has(request.method) || !request.cookies[SESSION_COOKIE]) return;
  const cookie = request.cookies[CSRF_COOKIE] ?? "";
  const header = request.headers[CSRF_HEADER];
  const sent = typeof header === "string" ? header : "";
  const ok = cookie.length > 0 && sent.length === cookie.length && timingSafeEqual(Buffer.from(sent), Buffer.from(cookie));
  if (!ok) throw forbidden(`send the ${CSRF_COOKIE} cookie's value in the ${CSRF_HEADER} header`);
}
