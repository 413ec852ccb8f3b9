import { noteServerTime } from './server-clock';
// The one place the web app talks HTTP. Every domain's `<domain>.api.ts` goes through
// `apiFetch`, so errors always arrive as ApiError with the server's dotted code (SPEC §10).

export type ApiErrorBody = {
  error: { code: string; message: string; details?: unknown };
};

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** Seconds to wait before retrying, from a 429's Retry-After header. */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, code: string, message: string, details?: unknown, retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Whether a page's object is not there for this user: 404 (none, or another pharmacy's or care
 * home's: SPEC §2 answers 404, not 403) or 400 (an id that is no id). The page then says so with
 * a way back (`NotFoundState`).
 */
export const isNotFound = (error: unknown): boolean =>
  error instanceof ApiError && (error.status === 404 || error.status === 400);

type UnauthorizedListener = () => void;
let unauthorizedListener: UnauthorizedListener | null = null;

/** Registers what happens when any call meets a 401 (the auth provider ends the session). */
export function setUnauthorizedListener(listener: UnauthorizedListener | null): void {
  unauthorizedListener = listener;
}

export type ApiRequest = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A text body sent as is (a CSV upload) instead of JSON. */
  text?: { content: string; contentType: string };
  query?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
  /** Login and the first "who am I" expect 401 as an ordinary answer, not an expired session. */
  expectUnauthorized?: boolean;
  /** Sent as the `Idempotency-Key` header: one key per form opened, the same for every retry of it. */
  idempotencyKey?: string;
};

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

function buildUrl(path: string, query: ApiRequest['query']): string {
  const url = `/api${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${url}?${search}` : url;
}

export async function apiFetch<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const { method = 'GET', body, text: rawText, query, signal, expectUnauthorized = false, idempotencyKey } = request;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  let payloadOut: string | undefined;
  if (rawText) {
    headers['content-type'] = rawText.contentType;
    payloadOut = rawText.content;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payloadOut = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      signal,
      credentials: 'same-origin',
      headers,
      body: payloadOut,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network.unreachable', 'The server could not be reached.');
  }

  noteServerTime(response.headers.get('x-server-time'));
  const text = await response.text();
  let payload: unknown = null;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }

  if (!response.ok) {
    if (response.status === 401 && !expectUnauthorized) unauthorizedListener?.();
    const retryHeader = response.headers.get('retry-after');
    const retryAfter = retryHeader && Number.isFinite(Number(retryHeader)) ? Number(retryHeader) : undefined;
    if (isErrorBody(payload)) {
      const { code, message, details } = payload.error;
      throw new ApiError(response.status, code, message, details, retryAfter);
    }
    throw new ApiError(
      response.status,
      `http.${response.status}`,
      response.statusText || 'Request failed',
      undefined,
      retryAfter,
    );
  }
  return payload as T;
}

/**
 * A new idempotency key (a version 4 UUID) for one opened form. `crypto.randomUUID` exists only in
 * secure contexts (https, localhost); the cooperative's LAN may serve plain http, where
 * `getRandomValues` still does.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
