/** JSON over fetch; the CSRF header is added to every write, as the server asks when a session exists. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: string; problems?: { code: string; path: string; message: string }[] } | undefined,
  ) {
    super(body?.problems?.map((p) => p.message).join("; ") || `HTTP ${status}`);
  }
}

/** The connection failed (offline, server unreachable): the caller may retry the same request. */
export class OfflineError extends Error {}

function csrfToken(): string | undefined {
  return document.cookie
    .split("; ")
    .find((c) => c.startsWith("bc_csrf="))
    ?.slice("bc_csrf=".length);
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  const csrf = csrfToken();
  if (method !== "GET" && csrf) headers["x-csrf-token"] = csrf;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: "same-origin",
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new OfflineError("offline");
  }
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) throw new ApiError(res.status, data as ApiError["body"]);
  return data as T;
}

export const getJson = <T>(url: string): Promise<T> => request<T>("GET", url);
export const postJson = <T>(url: string, body: unknown = {}): Promise<T> => request<T>("POST", url, body);
export const putJson = <T>(url: string, body: unknown): Promise<T> => request<T>("PUT", url, body);
export const deleteJson = <T>(url: string): Promise<T> => request<T>("DELETE", url);
