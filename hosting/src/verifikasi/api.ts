import type { VerifyLetterResult } from '../../../functions/src/domain/verification';
/**
 * The public verification call, with plain `fetch` (the callable protocol: POST `{"data": …}`,
 * answer `{"result": …}` or `{"error": {status, message}}`) — no Firebase SDK on this page.
 * Locally (localhost / 127.0.0.1) it talks to the Functions emulator; otherwise to the deployed function.
 */
export type Verification = VerifyLetterResult;

const REGION = 'asia-southeast2';
const projectId = import.meta.env.VITE_FIREBASE_PROJECT_ID ?? 'demo-pengaduan-kpm';
const local = ['localhost', '127.0.0.1'].includes(location.hostname);

export const verifyUrl = local
  ? `http://${location.hostname}:5001/${projectId}/${REGION}/verifyLetter`
  : `https://${REGION}-${projectId}.cloudfunctions.net/verifyLetter`;

export async function verifyLetter(code: string, sha256?: string): Promise<Verification> {
  const res = await fetch(verifyUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ data: sha256 ? { code, sha256 } : { code } }),
  });
  const body = (await res.json().catch(() => null)) as {
    result?: Verification;
    error?: { message?: string };
  } | null;
  if (!res.ok || !body?.result) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  return body.result;
}

/** Lower-case hex SHA-256 of a file, computed in the browser. */
export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
