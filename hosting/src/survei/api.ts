/**
 * The survey page's two calls to the `api` function (Hosting rewrites /api/** to it), with plain
 * fetch: no Firebase SDK, no sign-in — the one-time token in the link is the only key.
 */
import type { SkmAnswers } from '../../../functions/src/domain/skm';

export type SurveyState = 'open' | 'closed';

export class SurveyError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

async function parse<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => null)) as
    | (T & { error?: { message?: string; details?: { reason?: string } } })
    | null;
  if (!res.ok || !body || body.error) {
    throw new SurveyError(
      res.status,
      body?.error?.details?.reason,
      body?.error?.message ?? 'Tidak dapat menghubungi server. Periksa koneksi lalu coba lagi.',
    );
  }
  return body;
}

const url = (token: string) => `/api/survei/${encodeURIComponent(token)}`;

export async function fetchState(token: string): Promise<SurveyState> {
  const res = await fetch(url(token), { headers: { Accept: 'application/json' } });
  return (await parse<{ state: SurveyState }>(res)).state;
}

export async function sendAnswers(
  token: string,
  body: { answers: SkmAnswers; saran?: string; loket?: boolean },
): Promise<void> {
  const res = await fetch(url(token), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  await parse<{ ok: true }>(res);
}
