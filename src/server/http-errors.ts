import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { ErrorObject } from "ajv";
import { ajvProblems } from "../case/validate-case.js";
import type { Problem } from "../errors/problem.js";

/** The one JSON shape of every error the API returns. */
export interface ErrorBody {
  error: string;
  problems: Problem[];
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly problems: Problem[],
    /** Fields the body carries beside error and problems (a revision conflict's `current`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}

export const badRequest = (problems: Problem[]): HttpError => new HttpError(400, "invalid_request", problems);
export const notFound = (what: string): HttpError =>
  new HttpError(404, "not_found", [{ code: "not_found", path: "", message: `${what} not found` }]);
export const unauthorized = (message = "log in first"): HttpError =>
  new HttpError(401, "unauthorized", [{ code: "unauthorized", path: "", message }]);
export const forbidden = (message: string): HttpError =>
  new HttpError(403, "forbidden", [{ code: "forbidden", path: "", message }]);
export const conflict = (code: string, message: string, path = ""): HttpError =>
  new HttpError(409, "conflict", [{ code, path, message }]);
/**
 * A write based on a revision that is no longer the stored one: 409 with the stored record as `current`,
 * so the client can show both versions instead of overwriting either.
 */
export const staleRevision = (current: { revision: number }, path: string): HttpError =>
  new HttpError(
    409,
    "conflict",
    [
      {
        code: "stale_revision",
        path,
        message: `it was changed elsewhere (now revision ${current.revision}); compare with "current" and send again based on it`,
      },
    ],
    { current },
  );

const FRAMEWORK: Record<string, { status: number; error: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, error: "payload_too_large", message: "the request body is too large" },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    error: "unsupported_media_type",
    message: "send JSON (Content-Type: application/json)",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, error: "invalid_request", message: "the JSON body is empty" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    error: "invalid_request",
    message: "the Content-Length does not match the body",
  },
};

/** The answer to an unknown route; it does not echo the path, which may hold an interview's id. */
export const notFoundBody = (): ErrorBody => ({
  error: "not_found",
  problems: [{ code: "not_found", path: "", message: "no such route" }],
});

/** The error word of a 4xx status the framework or a plugin raised (a static file's 403, a 405...). */
const ERROR_OF: Record<number, string> = {
  400: "invalid_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  406: "not_acceptable",
  408: "request_timeout",
  413: "payload_too_large",
  414: "uri_too_long",
  415: "unsupported_media_type",
  429: "too_many_requests",
  431: "headers_too_large",
};
const errorWord = (status: number): string => ERROR_OF[status] ?? "invalid_request";

/**
 * A validation problem's code names what was checked: the case contract's words (`case.*`) for a body
 * that is a case, `params.*` / `querystring.*` for the URL, `body.*` for any other body.
 */
function validationCode(code: string, context: string, caseBody: boolean): string {
  if (context === "body" && caseBody) return code;
  return code.replace(/^case\./, `${context}.`);
}

/** A body can be wrong in thousands of places; the first ones are enough to fix it, and cheap to send. */
export const MAX_PROBLEMS = 50;

/** PostgreSQL refuses a NUL or an invalid byte in text: a client's input, not a server fault. */
const PG_BAD_TEXT = new Set(["22021", "22P05"]);

/**
 * Node's HTTP parser rejects some requests before fastify sees them (Content-Length with chunked encoding,
 * headers too large, a request that took too long). Answer those in the API's error shape too.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const status = err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : err.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
  const message =
    status === 408
      ? "the request took too long"
      : status === 431
        ? "the request headers are too large"
        : "the request is not valid HTTP";
  const body = JSON.stringify({
    error: errorWord(status),
    problems: [{ code: "http_parse", path: "", message }],
  } satisfies ErrorBody);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * The edge where error values become HTTP: validation problems with their paths, framework errors with
 * their status, anything unexpected as a bare 500. No stack trace or internal message leaves the server.
 */
export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (err instanceof HttpError) {
    void reply
      .status(err.status)
      .send({ ...err.extra, error: err.error, problems: err.problems.slice(0, MAX_PROBLEMS) } satisfies ErrorBody);
    return;
  }
  if (err.validation) {
    const root = err.validationContext ?? "body";
    const caseBody = request.routeOptions.url === "/api/assess";
    // "must match the then schema" restates the problems under it (schemas.ts puts costly checks there).
    const errors = (err.validation as ErrorObject[]).filter((e) => e.keyword !== "if");
    const problems = ajvProblems(errors, root)
      .slice(0, MAX_PROBLEMS)
      .map((p) => ({ ...p, code: validationCode(p.code, root, caseBody) }));
    void reply.status(400).send({ error: "invalid_request", problems } satisfies ErrorBody);
    return;
  }
  const known = err.code ? FRAMEWORK[err.code] : undefined;
  if (known) {
    void reply.status(known.status).send({
      error: known.error,
      problems: [{ code: err.code, path: "body", message: known.message }],
    } satisfies ErrorBody);
    return;
  }
  if (err.statusCode === 400 && err.code?.startsWith("FST_ERR_CTP")) {
    void reply.status(400).send({
      error: "invalid_request",
      problems: [{ code: "invalid_json", path: "body", message: "the body is not valid JSON" }],
    } satisfies ErrorBody);
    return;
  }
  if (err.statusCode === 429) {
    void reply.status(429).send({
      error: "too_many_requests",
      problems: [{ code: "rate_limited", path: "", message: "too many attempts; wait a minute and try again" }],
    } satisfies ErrorBody);
    return;
  }
  if (PG_BAD_TEXT.has(String(err.code))) {
    void reply.status(400).send({
      error: "invalid_request",
      problems: [{ code: "invalid_text", path: "body", message: "the text holds a character that cannot be stored" }],
    } satisfies ErrorBody);
    return;
  }
  // Any other client error a plugin raised (a static file's 403, a 404, a 405): its status, our shape.
  const status = typeof err.statusCode === "number" ? err.statusCode : 500;
  if (status >= 400 && status < 500) {
    void reply.status(status).send({
      error: errorWord(status),
      problems: [{ code: errorWord(status), path: "", message: STATUS_CODES[status]?.toLowerCase() ?? "bad request" }],
    } satisfies ErrorBody);
    return;
  }
  // Unexpected: log the message (never the body, which may hold health data) and say nothing specific.
  request.log.error({ err: { message: err.message, code: err.code } }, "unhandled error");
  void reply.status(500).send({
    error: "internal_error",
    problems: [{ code: "internal_error", path: "", message: "something went wrong on our side" }],
  } satisfies ErrorBody);
}
