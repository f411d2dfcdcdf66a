/**
 * The phone page's calls to the `api` function, with plain fetch / XMLHttpRequest (no Firebase SDK:
 * the page has no login, only the link's token). XMLHttpRequest for the upload itself because it
 * reports upload progress.
 */

export type UploadStatus = 'received' | 'rejected';

export interface UploadSummary {
  docId: string;
  status: UploadStatus;
  uploadedAt: string;
  mime: string;
  size: number;
  rejectReason?: string;
}

export interface DocumentItem {
  kind: string;
  label: string;
  required: boolean;
  /** Marked present on the case (e.g. a paper photocopy handed to the FO). */
  onFile: boolean;
  /** How many more files this document may take (a rejected one frees its place). */
  remaining: number;
  uploads: UploadSummary[];
}

export interface UploadInfo {
  caseNumber: string;
  complaintType: string;
  complaintTypeLabel: string;
  applicantInitial: string;
  open: boolean;
  /** Why the case takes no uploads (when `open` is false). */
  closedReason: 'case-final' | 'documents-verified' | null;
  /** How many more files this link may bring. */
  linkRemaining: number;
  expiresAt: string;
  maxUploadBytes: number;
  documents: DocumentItem[];
}

/** A refusal from the server ({error:{code, message, details}}), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
  get reason(): string | undefined {
    const r = this.details?.['reason'];
    return typeof r === 'string' ? r : undefined;
  }
  /** The upload rate limit: the same file may be sent again after `retryAfterSeconds`. */
  get rateLimited(): boolean {
    return this.status === 429 && this.reason === 'rate-limited';
  }
  /**
   * Worth trying again with the same bytes: no answer, a timeout, a passing server fault, or the
   * rate limit. Not a full document or link (429 with `kind-limit` / `link-limit`).
   */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.rateLimited || (this.status === 429 && !this.reason) || this.status >= 500;
  }
  /** Seconds the server asked to wait (rate limit), if it did. */
  get retryAfterSeconds(): number | undefined {
    const s = this.details?.['retryAfterSeconds'];
    return typeof s === 'number' && Number.isFinite(s) && s > 0 ? s : undefined;
  }
}

const NETWORK = 'Koneksi internet terputus atau lambat.';
const SERVER = 'Server sedang bermasalah. Silakan coba lagi.';

function errorFrom(status: number, body: unknown): ApiError {
  const e = (
    body as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null
  )?.error;
  if (e?.message) return new ApiError(status, e.code ?? 'unknown', e.message, e.details);
  return new ApiError(status, 'unknown', status === 0 ? NETWORK : SERVER);
}

const apiUrl = (token: string) => `/api/unggah/${encodeURIComponent(token)}`;

export async function getInfo(token: string): Promise<UploadInfo> {
  let res: Response;
  try {
    res = await fetch(apiUrl(token), { headers: { Accept: 'application/json' }, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'unavailable', NETWORK);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw errorFrom(res.status, body);
  return body as UploadInfo;
}

export interface UploadResult {
  duplicate: boolean;
  document: UploadSummary & { kind: string };
}

/** One attempt: POSTs the bytes, reporting the fraction sent (0–1). */
export function postFile(
  token: string,
  kind: string,
  blob: Blob,
  onProgress: (f: number) => void,
): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${apiUrl(token)}?kind=${encodeURIComponent(kind)}`);
    xhr.setRequestHeader('Content-Type', blob.type || 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.timeout = 120_000;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: a proxy's error page */
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as UploadResult);
      else reject(errorFrom(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError(0, 'unavailable', NETWORK));
    xhr.ontimeout = () => reject(new ApiError(0, 'deadline-exceeded', NETWORK));
    xhr.send(blob);
  });
}

export interface RetryHooks {
  onProgress: (fraction: number) => void;
  /** Called before waiting `ms` for attempt number `attempt` (2, 3, …). */
  onRetry: (attempt: number, ms: number, error: ApiError) => void;
  /** Waits between attempts (ms); one more attempt than delays. */
  delays?: readonly number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Uploads with retries on network failures and server faults (exponential backoff with jitter),
 * and after the rate limit's `Retry-After`.
 * The same bytes are sent every time, so a retry of an upload that did arrive is recognised by
 * the server as a duplicate instead of stored twice. A refusal (4xx) is not retried.
 */
export async function uploadWithRetry(
  token: string,
  kind: string,
  blob: Blob,
  hooks: RetryHooks,
): Promise<UploadResult> {
  const delays = hooks.delays ?? [1000, 2000, 4000, 8000, 16000];
  for (let attempt = 1; ; attempt++) {
    try {
      return await postFile(token, kind, blob, hooks.onProgress);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'unavailable', NETWORK);
      const wait = delays[attempt - 1];
      if (!err.retryable || wait === undefined) throw err;
      // Over the rate limit: wait as long as the server says (at most a minute), not less.
      const asked = err.retryAfterSeconds;
      const ms = asked !== undefined
        ? Math.min(60, asked) * 1000 + Math.round(Math.random() * 500)
        : Math.round(wait * (0.75 + Math.random() * 0.5));
      hooks.onRetry(attempt + 1, ms, err);
      await sleep(ms);
    }
  }
}
