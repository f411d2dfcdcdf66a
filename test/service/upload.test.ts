/**
 * Photocopies from a phone (issue 4), end to end on the emulators: upload links (callables), the
 * `api` HTTPS function through the Hosting rewrite (/api/**), Cloud Storage and Firestore.
 * Expected values come from the issue and the SOP, not from the code's output.
 */
import { createHash, randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../functions/src/audit/chain.js';
import {
  SECRET_ARTIST,
  SECRET_DATUM,
  jpegWithExif,
  minimalPdf,
  peExecutable,
  pngWithExif,
  tinyZip,
  webpWithExif,
} from '../fixtures/makeFixtures.js';
import { adminBucket, adminDb, createStaff, type TestStaff } from '../support/admin.js';
import { client, errorCode } from '../support/client.js';
import { FUNCTIONS_ORIGIN, HOSTING_URL, PROJECT_ID, REGION } from '../support/env.js';
import { intakeForm } from '../support/workflow.js';
import type { DocumentKind } from '../../functions/src/domain/vocabulary.js';

type Client = Awaited<ReturnType<typeof client>>;
interface Link {
  token: string;
  url: string;
  expiresAt: string;
}
/** Every field any route may answer with (each test reads the ones its route sends). */
interface Body {
  error: { code: string; message: string; details: Record<string, unknown> };
  duplicate: boolean;
  document: {
    docId: string;
    kind: string;
    status: string;
    mime: string;
    width: number | null;
    height: number | null;
    pages: number | null;
    storagePath?: string;
  };
  caseNumber: string;
  complaintTypeLabel: string;
  applicantInitial: string;
  open: boolean;
  documents: Array<{
    kind: string;
    label: string;
    required: boolean;
    onFile: boolean;
    uploads: Array<Record<string, unknown>>;
  }>;
}
interface ApiReply {
  status: number;
  headers: Headers;
  json: Body;
}
interface Kase {
  state: string;
  version: number;
  documents: Record<DocumentKind, { present: boolean }>;
  historyHead: unknown;
}

const API = `${HOSTING_URL}/api`;
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const MiB = 1024 * 1024;

let fo: TestStaff;
let foClient: Client;
let analis: TestStaff;
let analisClient: Client;
const open: Client[] = [];

beforeAll(async () => {
  [fo, analis] = await Promise.all([createStaff(['fo']), createStaff(['analis'])]);
  [foClient, analisClient] = await Promise.all([client(fo), client(analis)]);
  open.push(foClient, analisClient);
});
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
});

/** A new case at intake with nothing marked present (PIN blocked, the KPM herself). */
async function newCase(): Promise<{ caseId: string; number: string }> {
  return foClient.call('createCase', { ...intakeForm(), documentsPresent: [] });
}
const linkFor = (caseId: string) => foClient.call<Link>('createUploadLink', { caseId });

async function api(path: string, init: RequestInit = {}, base = API): Promise<ApiReply> {
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  let json = {} as Body;
  try {
    json = JSON.parse(text) as Body;
  } catch {
    /* not JSON: the assertions on fields will say so */
  }
  return { status: res.status, headers: res.headers, json };
}
/** Bytes as a fetch body (a copy on its own ArrayBuffer). */
const bin = (b: Uint8Array) => new Uint8Array(b);
const upload = (token: string, kind: string, body: Uint8Array, type = 'application/octet-stream') =>
  api(`/unggah/${token}?kind=${kind}`, {
    method: 'POST',
    headers: { 'Content-Type': type },
    body: bin(body),
  });
const caseData = async (id: string) => (await adminDb.doc(`cases/${id}`).get()).data() as Kase;
const records = async (id: string) => (await adminDb.collection(`cases/${id}/documents`).get()).docs;
const storedObjects = async (id: string) =>
  (await adminBucket.getFiles({ prefix: `cases/${id}/uploads/` }))[0];
const history = async (id: string) =>
  (await adminDb.collection(`cases/${id}/history`).orderBy('seq').get()).docs.map(
    (d) => d.data() as Record<string, unknown>,
  );
const idToken = (c: Client) => c.idToken();

describe('createUploadLink / revokeUploadLink', () => {
  it('gives the FO a 43-character token and its /unggah/ URL, storing only the token hash with a 30-minute expiry', async () => {
    const { caseId } = await newCase();
    const before = Date.now();
    const link = await linkFor(caseId);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.url).toBe(`http://127.0.0.1:5000/unggah/${link.token}`);
    const grant = await adminDb.doc(`uploadGrants/${sha256(link.token)}`).get();
    expect(grant.exists).toBe(true);
    expect(grant.get('caseId')).toBe(caseId);
    expect(grant.get('revokedAt')).toBeNull();
    expect(grant.get('createdBy')).toBe(fo.uid);
    const expires = Date.parse(grant.get('expiresAt') as string);
    expect(expires).toBeGreaterThanOrEqual(before + 30 * 60_000 - 2_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 30 * 60_000 + 2_000);
    expect(link.expiresAt).toBe(grant.get('expiresAt'));
    // The token is never stored in clear.
    expect(JSON.stringify(grant.data())).not.toContain(link.token);
  });

  it('is refused to a non-FO role, for an unknown case, and for a closed case', async () => {
    const { caseId } = await newCase();
    expect((await errorCode(analisClient.call('createUploadLink', { caseId }))).code).toBe(
      'permission-denied',
    );
    expect(
      (await errorCode(foClient.call('createUploadLink', { caseId: 'TidakAdaKasusIni1234' }))).code,
    ).toBe('not-found');

    // Close a case: FO submits and verifies, the analyst decides Tidak and closes it.
    const c = await foClient.call<{ caseId: string; version: number }>('createCase', intakeForm());
    const checks = ['ktp_kk', 'kks', 'buku_tabungan'].map((kind) => ({ kind, ok: true }));
    await foClient.call('submitCase', { caseId: c.caseId, expectedVersion: 1 });
    // Issued while the case was open (since issue #11 a link is refused once the documents are verified).
    const oldLink = await linkFor(c.caseId);
    await foClient.call('verifyCase', { caseId: c.caseId, expectedVersion: 2, checks });
    await analisClient.call('decideCase', {
      caseId: c.caseId,
      expectedVersion: 3,
      decision: 'tidak',
      reason: 'Pengaduan bukan kewenangan Dinas Sosial.',
      destination: 'close',
    });
    expect((await caseData(c.caseId))['state']).toBe('closed');
    expect((await errorCode(linkFor(c.caseId))).code).toBe('failed-precondition');
    const late = await upload(oldLink.token, 'ktp_kk', await jpegWithExif());
    expect(late.status).toBe(400);
    expect(late.json.error.code).toBe('failed-precondition');
    expect(late.json.error.details.reason).toBe('case-final');
    expect(await storedObjects(c.caseId)).toHaveLength(0);
  });

  it('revokes every open link of the case at once', async () => {
    const { caseId } = await newCase();
    const a = await linkFor(caseId);
    const b = await linkFor(caseId);
    const r = await foClient.call<{ revoked: number }>('revokeUploadLink', { caseId });
    expect(r.revoked).toBe(2);
    for (const link of [a, b]) {
      const info = await api(`/unggah/${link.token}`);
      expect(info.status).toBe(403);
      expect(info.json.error.code).toBe('permission-denied');
      expect(info.json.error.details.reason).toBe('revoked');
      const up = await upload(link.token, 'ktp_kk', await jpegWithExif());
      expect(up.status).toBe(403);
      expect(up.json.error.message).toMatch(/dicabut/);
    }
    expect((await foClient.call<{ revoked: number }>('revokeUploadLink', { caseId })).revoked).toBe(0);
    expect(await records(caseId)).toHaveLength(0);
  });
});

describe('GET /api/unggah/:token (the phone page data)', () => {
  it('lists the documents the SOP requires for a blocked PIN, and no personal data but an initial', async () => {
    const { caseId, number } = await newCase();
    const { token } = await linkFor(caseId);
    const r = await api(`/unggah/${token}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.json.caseNumber).toBe(number);
    expect(r.json.complaintTypeLabel).toBe('PIN KKS terblokir');
    expect(r.json.applicantInitial).toBe('S.');
    expect(r.json.open).toBe(true);
    // SOP: KTP/KK and savings book always; the KKS because the card still exists.
    expect(r.json.documents.map((d: { kind: string }) => d.kind)).toEqual(['ktp_kk', 'kks', 'buku_tabungan']);
    expect(r.json.documents[0]).toMatchObject({
      label: 'Fotokopi KTP/KK',
      required: true,
      onFile: false,
      uploads: [],
    });
    const text = JSON.stringify(r.json);
    for (const secret of [
      'Siti',
      'Aminah',
      '6571014508900001',
      '6571010101200005',
      '4111111111111111',
      '3456',
      'Yos Sudarso',
      'Sebengkok',
      'contoh.example',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('answers the same through the Functions emulator URL of `api`', async () => {
    const { caseId, number } = await newCase();
    const { token } = await linkFor(caseId);
    const r = await api(`/unggah/${token}`, {}, `${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${REGION}/api`);
    expect(r.status).toBe(200);
    expect(r.json.caseNumber).toBe(number);
  });

  it('refuses an expired grant, an unknown token and a malformed one with 403 JSON', async () => {
    const { caseId } = await newCase();
    const expired = randomBytes(32).toString('base64url');
    await adminDb.doc(`uploadGrants/${sha256(expired)}`).set({
      caseId,
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
      revokedAt: null,
      createdBy: fo.uid,
      createdAt: new Date(Date.now() - 31 * 60_000).toISOString(),
    });
    const r = await api(`/unggah/${expired}`);
    expect(r.status).toBe(403);
    expect(r.json.error).toMatchObject({ code: 'permission-denied', details: { reason: 'expired' } });
    expect(r.json.error.message).toMatch(/kedaluwarsa/);
    const up = await upload(expired, 'ktp_kk', await jpegWithExif());
    expect(up.status).toBe(403);
    expect(await records(caseId)).toHaveLength(0);

    const unknown = await api(`/unggah/${randomBytes(32).toString('base64url')}`);
    expect(unknown.status).toBe(403);
    expect(unknown.json.error.code).toBe('permission-denied');
    const malformed = await api('/unggah/abc');
    expect(malformed.status).toBe(403);
  });

  it('answers an unknown route with 404 JSON and a wrong method with 405', async () => {
    const nf = await api('/tidak-ada');
    expect(nf.status).toBe(404);
    expect(nf.json.error.code).toBe('not-found');
    const wrong = await api(`/unggah/${randomBytes(32).toString('base64url')}`, { method: 'PUT', body: 'x' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, POST');
  });
});

describe('POST /api/unggah/:token (upload with the link)', () => {
  it('stores a JPEG upright without EXIF/GPS under a random name and records it, without bumping the version', async () => {
    const { caseId } = await newCase();
    const { token } = await linkFor(caseId);
    const before = await caseData(caseId);
    // 300×200 with orientation 6: displayed 200×300.
    const photo = await jpegWithExif(300, 200, 6);
    expect(photo.includes(Buffer.from(SECRET_ARTIST))).toBe(true);
    const r = await upload(token, 'ktp_kk', photo, 'image/jpeg');
    expect(r.status).toBe(201);
    expect(r.json.duplicate).toBe(false);
    expect(r.json.document).toMatchObject({
      kind: 'ktp_kk',
      status: 'received',
      mime: 'image/jpeg',
      width: 200,
      height: 300,
    });
    expect(r.json.document.storagePath).toBeUndefined();

    const docId = r.json.document.docId;
    const rec = (await adminDb.doc(`cases/${caseId}/documents/${docId}`).get()).data()!;
    expect(rec['storagePath']).toMatch(new RegExp(`^cases/${caseId}/uploads/[0-9a-f]{32}\\.jpg$`));
    expect(rec['originalSha256']).toBe(sha256(photo));
    expect(rec['uploadedBy']).toBe(`applicant:${sha256(token).slice(0, 12)}`);
    expect(rec['status']).toBe('received');
    expect(rec).toMatchObject({ kind: 'ktp_kk', mime: 'image/jpeg', width: 200, height: 300, pages: null });

    const [stored] = await adminBucket.file(rec['storagePath'] as string).download();
    expect(sha256(stored)).toBe(rec['sha256']);
    expect(stored.length).toBe(rec['size']);
    const [meta] = await adminBucket.file(rec['storagePath'] as string).getMetadata();
    expect(meta.contentType).toBe('image/jpeg');
    const m = await sharp(stored).metadata();
    expect(m.format).toBe('jpeg');
    expect(m.exif).toBeUndefined();
    expect(m.orientation).toBeUndefined();
    expect([m.width, m.height]).toEqual([200, 300]);
    expect(stored.includes(Buffer.from(SECRET_ARTIST))).toBe(false);
    expect(stored.includes(Buffer.from(SECRET_DATUM))).toBe(false);

    const after = await caseData(caseId);
    expect(after.documents.ktp_kk.present).toBe(true);
    expect(after.documents.kks.present).toBe(false);
    expect(after.version).toBe(before.version);
    expect(after.state).toBe('intake');
    const h = await history(caseId);
    expect(h.map((e) => e['action'])).toEqual(['intake', 'upload']);
    expect(h[1]).toMatchObject({ kind: 'ktp_kk', docId, actedAs: 'applicant' });
    expect(verifyChain(h).ok).toBe(true);
    expect(after.historyHead).toEqual({ seq: 2, hash: h[1]!['hash'] });
  });

  it('accepts PNG, WebP and PDF, each stored with its own type (a PDF byte for byte)', async () => {
    const { caseId } = await newCase();
    const { token } = await linkFor(caseId);
    const png = await upload(token, 'kks', await pngWithExif(), 'image/png');
    expect(png.status).toBe(201);
    expect(png.json.document).toMatchObject({ mime: 'image/png', width: 120, height: 80 });
    const webp = await upload(token, 'buku_tabungan', await webpWithExif(), 'image/webp');
    expect(webp.status).toBe(201);
    expect(webp.json.document.mime).toBe('image/webp');
    const pdf = minimalPdf({ pages: 2 });
    const p = await upload(token, 'ktp_kk', pdf, 'application/pdf');
    expect(p.status).toBe(201);
    expect(p.json.document).toMatchObject({ mime: 'application/pdf', pages: 2 });

    const recs = (await records(caseId)).map((d) => d.data());
    expect(recs).toHaveLength(3);
    for (const rec of recs) {
      const ext = { 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' }[
        rec['mime'] as string
      ];
      expect(rec['storagePath']).toMatch(new RegExp(`\\.${ext}$`));
      const [meta] = await adminBucket.file(rec['storagePath'] as string).getMetadata();
      expect(meta.contentType).toBe(rec['mime']);
      const [bytes] = await adminBucket.file(rec['storagePath'] as string).download();
      if (rec['mime'] === 'application/pdf') expect(bytes.equals(pdf)).toBe(true);
      else {
        expect((await sharp(bytes).metadata()).exif).toBeUndefined();
        expect(bytes.includes(Buffer.from(SECRET_ARTIST))).toBe(false);
      }
    }
    const docs = (await caseData(caseId)).documents;
    expect([docs.ktp_kk.present, docs.kks.present, docs.buku_tabungan.present]).toEqual([true, true, true]);
  });

  it('refuses an executable renamed .jpg (415) and a JPEG+ZIP polyglot (400), storing nothing', async () => {
    const { caseId } = await newCase();
    const { token } = await linkFor(caseId);
    const exe = await upload(token, 'ktp_kk', peExecutable(), 'image/jpeg');
    expect(exe.status).toBe(415);
    expect(exe.json.error.code).toBe('invalid-argument');
    expect(exe.json.error.message).toMatch(/bukan gambar atau PDF/);
    const poly = await upload(
      token,
      'ktp_kk',
      Buffer.concat([await jpegWithExif(), tinyZip()]),
      'image/jpeg',
    );
    expect(poly.status).toBe(400);
    expect(poly.json.error.code).toBe('invalid-argument');
    expect(poly.json.error.message).toMatch(/berisi data lain/);
    const json = await api(`/unggah/${token}?kind=ktp_kk`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ foto: 'x' }),
    });
    expect(json.status).toBe(415);
    const badKind = await upload(token, 'paspor', await jpegWithExif());
    expect(badKind.status).toBe(400);
    expect(badKind.json.error.code).toBe('invalid-argument');
    const empty = await upload(token, 'ktp_kk', new Uint8Array(0));
    expect(empty.status).toBe(400);
    expect(await records(caseId)).toHaveLength(0);
    expect(await storedObjects(caseId)).toHaveLength(0);
    expect((await caseData(caseId)).documents.ktp_kk.present).toBe(false);
  });

  it('refuses a body above 10 MiB with 413, by its Content-Length and by its actual length (chunked)', async () => {
    const { caseId } = await newCase();
    const { token } = await linkFor(caseId);
    // A real JPEG start, padded: only the size is wrong.
    const big = Buffer.alloc(10 * MiB + 1);
    (await jpegWithExif()).copy(big);
    const r = await upload(token, 'ktp_kk', big, 'image/jpeg');
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe('invalid-argument');
    expect(r.json.error.message).toMatch(/10 MB/);

    // No Content-Length: streamed in chunks, so only the received length can tell. (Straight to the
    // Functions emulator: the Hosting emulator's proxy cannot forward a chunked request body.)
    const chunks = [big.subarray(0, 4 * MiB), big.subarray(4 * MiB, 8 * MiB), big.subarray(8 * MiB)];
    const stream = new ReadableStream<Uint8Array>({
      pull(ctl) {
        const c = chunks.shift();
        if (c) ctl.enqueue(new Uint8Array(c));
        else ctl.close();
      },
    });
    const chunked = await api(
      `/unggah/${token}?kind=ktp_kk`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'image/jpeg' },
        body: stream,
        duplex: 'half',
      } as RequestInit,
      `${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${REGION}/api`,
    );
    expect(chunked.status).toBe(413);
    expect(await records(caseId)).toHaveLength(0);
  });

  it('recognises the same bytes sent twice: one record, one stored file, 200 duplicate', async () => {
    const { caseId } = await newCase();
    const { token } = await linkFor(caseId);
    const photo = await jpegWithExif(320, 240);
    const first = await upload(token, 'kks', photo, 'image/jpeg');
    expect(first.status).toBe(201);
    const second = await upload(token, 'kks', photo, 'image/jpeg');
    expect(second.status).toBe(200);
    expect(second.json.duplicate).toBe(true);
    expect(second.json.document.docId).toBe(first.json.document.docId);
    // Two requests at once (a retry racing the original) still make one (the emulator may serialise
    // them; the record id from the bytes and the transaction cover real concurrency).
    const again = await jpegWithExif(330, 240);
    const raced = await Promise.all([upload(token, 'kks', again), upload(token, 'kks', again)]);
    expect(raced.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(await records(caseId)).toHaveLength(2);
    expect(await storedObjects(caseId)).toHaveLength(2);
    expect((await history(caseId)).filter((e) => e['action'] === 'upload')).toHaveLength(2);
    // The same photo for another document is another record.
    expect((await upload(token, 'buku_tabungan', photo)).status).toBe(201);
  });
});

describe('POST /api/cases/:caseId/documents (staff, or a link bound to the case)', () => {
  it('accepts an FO upload with a Bearer ID token, recorded under the uid', async () => {
    const { caseId } = await newCase();
    const r = await api(`/cases/${caseId}/documents?kind=buku_tabungan`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await idToken(foClient)}`, 'Content-Type': 'image/jpeg' },
      body: bin(await jpegWithExif()),
    });
    expect(r.status).toBe(201);
    const rec = (await adminDb.doc(`cases/${caseId}/documents/${r.json.document.docId}`).get()).data()!;
    expect(rec['uploadedBy']).toBe(fo.uid);
    expect((await history(caseId)).at(-1)).toMatchObject({ action: 'upload', by: fo.uid, actedAs: 'staff' });
  });

  it('refuses a signed-out request (401) and a link of another case (403, wrong case)', async () => {
    const a = await newCase();
    const b = await newCase();
    const linkA = await linkFor(a.caseId);
    const photo = await jpegWithExif();
    const none = await api(`/cases/${b.caseId}/documents?kind=ktp_kk`, { method: 'POST', body: bin(photo) });
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('unauthenticated');
    const forged = await api(`/cases/${b.caseId}/documents?kind=ktp_kk`, {
      method: 'POST',
      headers: { Authorization: 'Bearer not-a-token' },
      body: bin(photo),
    });
    expect(forged.status).toBe(401);
    const wrong = await api(`/cases/${b.caseId}/documents?kind=ktp_kk`, {
      method: 'POST',
      headers: { Authorization: `Upload ${linkA.token}` },
      body: bin(photo),
    });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.details.reason).toBe('wrong-case');
    expect(await records(b.caseId)).toHaveLength(0);
    const right = await api(`/cases/${a.caseId}/documents?kind=ktp_kk`, {
      method: 'POST',
      headers: { Authorization: `Upload ${linkA.token}` },
      body: bin(photo),
    });
    // No Content-Type at all: still read (as bytes) and accepted.
    expect(right.status).toBe(201);
  });
});

describe('GET /api/cases/:caseId/documents/:docId (staff view, the staffDocs function)', () => {
  it('streams the stored file to active staff, never cached, and records every view in the access log', async () => {
    const { caseId, number } = await newCase();
    const { token } = await linkFor(caseId);
    const up = await upload(token, 'ktp_kk', await jpegWithExif());
    const docId = up.json.document.docId;
    const rec = (await adminDb.doc(`cases/${caseId}/documents/${docId}`).get()).data()!;

    for (const [who, c] of [
      [fo, foClient],
      [analis, analisClient],
    ] as const) {
      const res = await fetch(`${API}/cases/${caseId}/documents/${docId}`, {
        headers: { Authorization: `Bearer ${await idToken(c)}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(sha256(bytes)).toBe(rec['sha256']);
      const views = await adminDb
        .collection('accessLog')
        .where('caseId', '==', caseId)
        .where('uid', '==', who.uid)
        .get();
      expect(views.size).toBe(1);
      const entry = views.docs[0]!.data();
      expect(entry).toEqual({
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown,
        caseId,
        caseNumber: number,
        uid: who.uid,
        name: who.name,
        what: 'document',
        documentKind: 'ktp_kk',
      });
      // Nothing of the applicant in the record.
      for (const secret of ['Siti', '6571014508900001', 'contoh.example', '0812']) {
        expect(JSON.stringify(entry)).not.toContain(secret);
      }
    }
    const missing = await api(`/cases/${caseId}/documents/${'0'.repeat(32)}`, {
      headers: { Authorization: `Bearer ${await idToken(foClient)}` },
    });
    expect(missing.status).toBe(404);
  });

  it('is served by staffDocs, its own function, and no longer by the public `api` function', async () => {
    const { caseId } = await newCase();
    const { token } = await linkFor(caseId);
    const docId = (await upload(token, 'kks', await jpegWithExif(310, 200))).json.document.docId;
    const auth = { Authorization: `Bearer ${await idToken(foClient)}` };
    const own = await fetch(`${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${REGION}/staffDocs/cases/${caseId}/documents/${docId}`, {
      headers: auth,
    });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('image/jpeg');
    await own.arrayBuffer();
    const viaApi = await api(`/cases/${caseId}/documents/${docId}`, { headers: auth }, `${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${REGION}/api`);
    expect(viaApi.status).toBe(404);
    // staffDocs serves nothing else: the upload routes are not there.
    const notThere = await api(`/unggah/${token}`, {}, `${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${REGION}/staffDocs`);
    expect(notThere.status).toBe(404);
    // Through Hosting the upload routes still reach `api`, and a POST of a file still works.
    expect((await api(`/unggah/${token}`)).status).toBe(200);
  });

  it('refuses signed-out, a link token, a profile marked inactive (403) and an account deactivated by admin (401), recording nothing', async () => {
    const { caseId } = await newCase();
    const { token } = await linkFor(caseId);
    const docId = (await upload(token, 'ktp_kk', await jpegWithExif())).json.document.docId;
    const path = `/cases/${caseId}/documents/${docId}`;
    expect((await api(path)).status).toBe(401);
    expect((await api(path, { headers: { Authorization: `Upload ${token}` } })).status).toBe(401);

    const inactive = await createStaff(['fo']);
    const ic = await client(inactive);
    open.push(ic);
    const icToken = await idToken(ic);
    await adminDb.doc(`users/${inactive.uid}`).update({ active: false });
    const r1 = await api(path, { headers: { Authorization: `Bearer ${icToken}` } });
    expect(r1.status).toBe(403);
    expect(r1.json.error.code).toBe('permission-denied');

    const admin = await createStaff(['admin']);
    const ac = await client(admin);
    const gone = await createStaff(['fo']);
    const gc = await client(gone);
    open.push(ac, gc);
    const goneToken = await idToken(gc);
    await ac.call('updateStaff', { uid: gone.uid, active: false });
    const r2 = await api(path, { headers: { Authorization: `Bearer ${goneToken}` } });
    expect(r2.status).toBe(401);
    expect(r2.json.error.code).toBe('unauthenticated');

    const views = await adminDb.collection('accessLog').where('caseId', '==', caseId).get();
    expect(views.size).toBe(0);
  });
});

describe('rejectDocument (FO checks a photo)', () => {
  it('marks the upload rejected with the reason, clears present, chains history, and wants a new photo', async () => {
    const { caseId } = await newCase();
    const { token } = await linkFor(caseId);
    const blurred = await jpegWithExif(300, 200);
    const docId = (await upload(token, 'kks', blurred)).json.document.docId;
    const version = (await caseData(caseId)).version;
    expect((await caseData(caseId)).documents.kks.present).toBe(true);

    expect(
      (await errorCode(analisClient.call('rejectDocument', { caseId, docId, reason: 'Buram' }))).code,
    ).toBe('permission-denied');
    const r = await foClient.call<{ status: string; present: boolean }>('rejectDocument', {
      caseId,
      docId,
      reason: 'Foto buram, nomor kartu tidak terbaca.',
    });
    expect(r).toMatchObject({ status: 'rejected', present: false });
    const rec = (await adminDb.doc(`cases/${caseId}/documents/${docId}`).get()).data()!;
    expect(rec).toMatchObject({
      status: 'rejected',
      rejectReason: 'Foto buram, nomor kartu tidak terbaca.',
      rejectedBy: fo.uid,
    });
    const kase = await caseData(caseId);
    expect(kase.documents.kks.present).toBe(false);
    expect(kase.version).toBe(version);
    const h = await history(caseId);
    expect(h.at(-1)).toMatchObject({ action: 'rejectDocument', kind: 'kks', docId, by: fo.uid });
    expect(verifyChain(h).ok).toBe(true);

    // The phone page sees the reason.
    const info = await api(`/unggah/${token}`);
    const kks = info.json.documents.find((d) => d.kind === 'kks')!;
    expect(kks.uploads).toEqual([
      expect.objectContaining({
        docId,
        status: 'rejected',
        rejectReason: 'Foto buram, nomor kartu tidak terbaca.',
      }),
    ]);

    expect((await errorCode(foClient.call('rejectDocument', { caseId, docId, reason: 'lagi' }))).code).toBe(
      'failed-precondition',
    );
    // The same photo again is refused; a new photo is accepted and the document is present again.
    const same = await upload(token, 'kks', blurred);
    expect(same.status).toBe(400);
    expect(same.json.error.code).toBe('failed-precondition');
    expect(same.json.error.message).toMatch(/sudah ditolak/);
    const fresh = await upload(token, 'kks', await jpegWithExif(300, 201));
    expect(fresh.status).toBe(201);
    expect((await caseData(caseId)).documents.kks.present).toBe(true);
  });

  it('keeps the document present when another received photo of it remains', async () => {
    const { caseId } = await newCase();
    const { token } = await linkFor(caseId);
    const ktp = (await upload(token, 'ktp_kk', await jpegWithExif(300, 200))).json.document.docId;
    await upload(token, 'ktp_kk', await jpegWithExif(200, 300));
    const r = await foClient.call<{ present: boolean }>('rejectDocument', {
      caseId,
      docId: ktp,
      reason: 'Terpotong.',
    });
    expect(r.present).toBe(true);
    expect((await caseData(caseId)).documents.ktp_kk.present).toBe(true);
  });
});

describe('upload limits (issue #11)', () => {
  const grantOf = (token: string) => adminDb.doc(`uploadGrants/${sha256(token)}`);

  it('a link carries its TTL date (Firestore TTL, the safety net behind the retention job) and counts its files', async () => {
    const { caseId } = await newCase();
    const link = await linkFor(caseId);
    const grant = (await grantOf(link.token).get()).data()!;
    // 30 minutes + 1 day (the schedule) + 7 days (grace), as a Timestamp.
    const ttl = (grant['expireAt'] as { toDate(): Date }).toDate().getTime();
    expect(ttl).toBe(Date.parse(link.expiresAt) + 8 * 86_400_000);
    expect(grant['files']).toBe(0);
    expect((await upload(link.token, 'ktp_kk', await jpegWithExif(300, 210))).status).toBe(201);
    // The same bytes again are a duplicate, not a new file.
    expect((await upload(link.token, 'ktp_kk', await jpegWithExif(300, 210))).status).toBe(200);
    expect((await grantOf(link.token).get()).get('files')).toBe(1);
  });

  it('a document kind takes 5 received files; the 6th is refused (429, batas unggah) until the FO rejects one', async () => {
    const { caseId } = await newCase();
    const { token } = await linkFor(caseId);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await upload(token, 'ktp_kk', await jpegWithExif(200 + i, 150));
      expect(r.status).toBe(201);
      ids.push(r.json.document.docId);
    }
    const sixth = await upload(token, 'ktp_kk', await jpegWithExif(260, 150));
    expect(sixth.status).toBe(429);
    expect(sixth.json.error).toMatchObject({ code: 'resource-exhausted', details: { reason: 'kind-limit', kind: 'ktp_kk', limit: 5 } });
    expect(sixth.json.error.message).toMatch(/^Batas unggah tercapai/);
    expect(await records(caseId)).toHaveLength(5);
    expect(await storedObjects(caseId)).toHaveLength(5);
    // Another kind is not affected.
    expect((await upload(token, 'kks', await jpegWithExif(260, 150))).status).toBe(201);
    // The phone page says what is left.
    const info = await api(`/unggah/${token}`);
    const byKind = Object.fromEntries(info.json.documents.map((d) => [d.kind, d as unknown as { remaining: number }]));
    expect([byKind['ktp_kk']!.remaining, byKind['kks']!.remaining]).toEqual([0, 4]);
    // The FO rejects one: its place is free again, and the replacement is accepted.
    await foClient.call('rejectDocument', { caseId, docId: ids[0], reason: 'Terpotong di bagian bawah.' });
    expect((await upload(token, 'ktp_kk', await jpegWithExif(260, 150))).status).toBe(201);
  });

  it('a link brings at most 20 new files, whatever their kind', async () => {
    const { caseId } = await newCase();
    const { token } = await linkFor(caseId);
    // 19 files already came through this link (the count is the link's own state).
    await grantOf(token).update({ files: 19 });
    expect((await upload(token, 'kks', await jpegWithExif(240, 160))).status).toBe(201);
    expect((await grantOf(token).get()).get('files')).toBe(20);
    const over = await upload(token, 'buku_tabungan', await jpegWithExif(241, 160));
    expect(over.status).toBe(429);
    expect(over.json.error.details.reason).toBe('link-limit');
    expect(over.json.error.message).toMatch(/tautan ini sudah dipakai untuk 20 berkas/);
    const info = await api(`/unggah/${token}`);
    expect((info.json as unknown as { linkRemaining: number }).linkRemaining).toBe(0);
    // A new link from the FO works.
    const fresh = await linkFor(caseId);
    expect((await upload(fresh.token, 'buku_tabungan', await jpegWithExif(241, 160))).status).toBe(201);
  });

  it('rate limit: 10 attempts per minute per link, counted in Firestore before the body is read; the 11th gets 429 with Retry-After', async () => {
    const { caseId } = await newCase();
    const { token } = await linkFor(caseId);
    // Ten attempts with an empty body: each refused (400) after it was counted.
    for (let i = 0; i < 10; i++) expect((await upload(token, 'ktp_kk', new Uint8Array(0))).status).toBe(400);
    expect((await grantOf(token).get()).get('recent')).toHaveLength(10);
    const r = await upload(token, 'ktp_kk', await jpegWithExif());
    expect(r.status).toBe(429);
    expect(r.json.error).toMatchObject({ code: 'resource-exhausted', details: { reason: 'rate-limited' } });
    const retryAfter = Number(r.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(r.json.error.details['retryAfterSeconds']).toBe(retryAfter);
    expect(r.json.error.message).toBe(`Terlalu banyak unggahan dalam waktu singkat. Tunggu ${retryAfter} detik, lalu kirim lagi.`);
    expect(await records(caseId)).toHaveLength(0);
    // Another link of the same case has its own window.
    const other = await linkFor(caseId);
    expect((await upload(other.token, 'ktp_kk', await jpegWithExif())).status).toBe(201);
    // Once the window has passed (its attempts aged a minute), the first link works again.
    const aged = new Date(Date.now() - 61_000).toISOString();
    await grantOf(token).update({ recent: Array.from({ length: 10 }, () => aged) });
    expect((await upload(token, 'kks', await jpegWithExif())).status).toBe(201);
  });

  it('no uploads once the documents are verified: the link, a staff upload and a new link are refused; the phone page says so', async () => {
    const c = await foClient.call<{ caseId: string; version: number }>('createCase', intakeForm());
    const link = await linkFor(c.caseId); // made at intake
    await foClient.call('submitCase', { caseId: c.caseId, expectedVersion: 1 });
    // Submitted: still open.
    expect((await upload(link.token, 'ktp_kk', await jpegWithExif(222, 111))).status).toBe(201);
    const checks = ['ktp_kk', 'kks', 'buku_tabungan'].map((kind) => ({ kind, ok: true }));
    await foClient.call('verifyCase', { caseId: c.caseId, expectedVersion: 2, checks });
    const late = await upload(link.token, 'kks', await jpegWithExif(223, 111));
    expect(late.status).toBe(400);
    expect(late.json.error).toMatchObject({ code: 'failed-precondition', details: { reason: 'documents-verified' } });
    expect(late.json.error.message).toMatch(/sudah diverifikasi/);
    const staff = await api(`/cases/${c.caseId}/documents?kind=kks`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await idToken(foClient)}`, 'Content-Type': 'image/jpeg' },
      body: bin(await jpegWithExif(224, 111)),
    });
    expect(staff.status).toBe(400);
    expect(staff.json.error.details.reason).toBe('documents-verified');
    expect((await errorCode(linkFor(c.caseId))).code).toBe('failed-precondition');
    const info = await api(`/unggah/${link.token}`);
    expect(info.json.open).toBe(false);
    expect((info.json as unknown as { closedReason: string }).closedReason).toBe('documents-verified');
    expect(await records(c.caseId)).toHaveLength(1);
    // The verified checklist stands.
    const docs = (await caseData(c.caseId)).documents as unknown as Record<string, { check: { ok: boolean } | null }>;
    expect(docs['kks']!.check?.ok).toBe(true);
  });

  it('sent back to the FO after verification: a rejected photo re-opens its kind, and the new upload clears that document\'s check', async () => {
    const c = await foClient.call<{ caseId: string; version: number }>('createCase', intakeForm());
    const link = await linkFor(c.caseId);
    const kksPhoto = (await upload(link.token, 'kks', await jpegWithExif(330, 210))).json.document.docId;
    await foClient.call('submitCase', { caseId: c.caseId, expectedVersion: 1 });
    const checks = ['ktp_kk', 'kks', 'buku_tabungan'].map((kind) => ({ kind, ok: true }));
    await foClient.call('verifyCase', { caseId: c.caseId, expectedVersion: 2, checks });
    // The analyst finds the KKS photo unreadable and sends the case back to the FO (→ submitted).
    await analisClient.call('decideCase', {
      caseId: c.caseId,
      expectedVersion: 3,
      decision: 'tidak',
      reason: 'Nomor KKS pada foto tidak terbaca; mohon foto ulang.',
      destination: 'fo',
    });
    type Docs = Record<string, { present: boolean; check: { ok: boolean } | null }>;
    let docs = (await caseData(c.caseId)).documents as unknown as Docs;
    expect((await caseData(c.caseId)).state).toBe('submitted');
    expect(docs['kks']!.check?.ok).toBe(true); // the earlier check is still recorded
    await foClient.call('rejectDocument', { caseId: c.caseId, docId: kksPhoto, reason: 'Nomor kartu tidak terbaca.' });
    docs = (await caseData(c.caseId)).documents as unknown as Docs;
    expect(docs['kks']!.check).toBeNull();
    const fresh = await linkFor(c.caseId);
    expect((await upload(fresh.token, 'kks', await jpegWithExif(331, 210))).status).toBe(201);
    docs = (await caseData(c.caseId)).documents as unknown as Docs;
    expect(docs['kks']).toEqual({ present: true, check: null });
    // Another document's check is untouched until a new file of it arrives.
    expect(docs['ktp_kk']!.check?.ok).toBe(true);
    expect((await upload(fresh.token, 'ktp_kk', await jpegWithExif(332, 210))).status).toBe(201);
    docs = (await caseData(c.caseId)).documents as unknown as Docs;
    expect(docs['ktp_kk']).toEqual({ present: true, check: null });
    // The FO must check both again before the case can be verified.
    await foClient.call('verifyCase', { caseId: c.caseId, expectedVersion: 4, checks });
    expect((await caseData(c.caseId)).state).toBe('verified');
  });

  it('rejectDocument refuses a reason holding a NIK, a phone number or an email address (it goes into the history)', async () => {
    const { caseId } = await newCase();
    const { token } = await linkFor(caseId);
    const docId = (await upload(token, 'kks', await jpegWithExif(280, 190))).json.document.docId;
    const r = await errorCode(
      foClient.call('rejectDocument', { caseId, docId, reason: 'NIK 6571014508900001 tidak cocok, hubungi 0812-3456-7890' }),
    );
    expect(r.code).toBe('invalid-argument');
    expect(r.message).toMatch(/Jangan menuliskan NIK atau nomor kartu, nomor telepon pada alasan/);
    expect((await adminDb.doc(`cases/${caseId}/documents/${docId}`).get()).get('status')).toBe('received');
  });
});
