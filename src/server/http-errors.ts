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
  ) {
    super(error);
  }
}

export const badRequest = (problems: Problem[]): HttpError => new HttpError(400, "invalid_request", problems);
export const notFound = (what: string): HttpError => new HttpError(404, "not_found", [{ code: "not_found", path: "", message: `${what} not found` }]);
export const unauthorized = (message = "log in first"): HttpError => new HttpError(401, "unauthorized", [{ code: "unauthorized", path: "", message }]);
export const forbidden = (message: string): HttpError => new HttpError(403, "forbidden", [{ code: "forbidden", path: "", message }]);
export const conflict = (code: string, message: string, path = ""): HttpError => new HttpError(409, "conflict", [{ code, path, message }]);

const FRAMEWORK: Record<string, { status: number; error: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, error: "payload_too_large", message: "the request body is too large" },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, error: "unsupported_media_type", message: "send JSON (Content-Type: application/json)" },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, error: "invalid_request", message: "the JSON body is empty" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, error: "invalid_request", message: "the Content-Length does not match the body" },
};

/**
 * The edge where error values become HTTP: validation problems with their paths, framework errors with
 * their status, anything unexpected as a bare 500. No stack trace or internal message leaves the server.
 */
export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (err instanceof HttpError) {
    void reply.status(err.status).send({ error: err.error, problems: err.problems } satisfies ErrorBody);
    return;
  }
  if (err.validation) {
    const root = err.validationContext ?? "body";
    void reply.status(400).send({ error: "invalid_request", problems: ajvProblems(err.validation as ErrorObject[], root) } satisfies ErrorBody);
    return;
  }
  const known = err.code ? FRAMEWORK[err.code] : undefined;
  if (known) {
    void reply.status(known.status).send({ error: known.error, problems: [{ code: err.code, path: "body", message: known.message }] } satisfies ErrorBody);
    return;
  }
  if (err.statusCode === 400 && err.code?.startsWith("FST_ERR_CTP")) {
    void reply.status(400).send({ error: "invalid_request", problems: [{ code: "invalid_json", path: "body", message: "the body is not valid JSON" }] } satisfies ErrorBody);
    return;
  }
  if (err.statusCode === 429) {
    void reply.status(429).send({ error: "too_many_requests", problems: [{ code: "rate_limited", path: "", message: "too many attempts; wait a minute and try again" }] } satisfies ErrorBody);
    return;
  }
  // Unexpected: log the message (never the body, which may hold health data) and say nothing specific.
  request.log.error({ err: { message: err.message, code: err.code } }, "unhandled error");
  void reply.status(500).send({ error: "internal_error", problems: [{ code: "internal_error", path: "", message: "something went wrong on our side" }] } satisfies ErrorBody);
}
