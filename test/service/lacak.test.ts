/**
 * The applicant's receipt and tracking (issue 14) on the emulators: `issueReceipt` (PDFs whose
 * text has the number and the code, a new code invalidating the old one, the receipt email with
 * the A5 PDF in MailDev), and `POST /api/lacak` (the state in words; a wrong code and an unknown
 * number answered alike, byte for byte; the slow-down per case number and per client address; no
 * personal data in the answer). Expected values are written from the issue, not from the code.
 */
import { execFileSync } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { Timestamp } from 'firebase-admin/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb, changesOf } from '../support/admin.js';
import { errorCode } from '../support/client.js';
import { FUNCTIONS_ORIGIN, HOSTING_URL, MAILDEV_URL, PROJECT_ID, REGION } from '../support/env.js';
import { driveCase, intakeForm, office, type Office } from '../support/workflow.js';
import { waitFor } from '../support/wait.js';

interface Issued {
  number: string;
  code: string;
  codeDisplay: string;
  trackingUrl: string;
  shortLink: string;
  whatsappUrl: string;
  issue: number;
  a5: { filename: string; base64: string };
  roll: { filename: string; base64: string; widthMm: number };
  emailQueued: boolean;
}
interface Reply {
  status: number;
  text: string;
  json: Record<string, unknown> & {
    state?: string;
    sentence?: string;
    stateLabel?: string;
    applicantName?: string;
    steps?: { label: string; at: string }[];
    missingDocuments?: string[];
    collect?: { address: string; hours: string[] };
    surveyUrl?: string;
    error?: { code: string; message: string; details?: { retryAfterSeconds?: number } };
  };
  retryAfter: string | null;
}

const FN_URL = `${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${REGION}/api/lacak`;

/** A client address of its own for each test (TEST-NET ranges). */
const freshIp = () => `198.51.${randomInt(0, 256)}.${randomInt(1, 255)}`;

async function lacak(body: unknown, ip: string, url = FN_URL): Promise<Reply> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: JSON.parse(text) as Reply['json'],
    retryAfter: res.headers.get('retry-after'),
  };
}

const pdftotext = (base64: string | Buffer) =>
  execFileSync('pdftotext', ['-layout', '-', '-'], {
    input: typeof base64 === 'string' ? Buffer.from(base64, 'base64') : base64,
  }).toString('utf8');

/** A case number no case has (a year far ahead). */
const unknownNumber = () => `ADU-2099-${String(randomInt(1, 999_999)).padStart(6, '0')}`;
/** A well-formed code that is not the case's (changes the last symbol). */
const wrongCode = (code: string) => code.slice(0, 9) + (code.endsWith('Z') ? 'Y' : 'Z');

const NOT_MATCHED = 'Nomor pengaduan atau kode pelacakan tidak sesuai. Periksa kembali tanda terima Anda.';

let o: Office;
beforeAll(async () => {
  o = await office();
});
afterAll(async () => o?.close());

async function newCase(email = `pemohon-${randomUUID().slice(0, 8)}@contoh.example`) {
  const form = intakeForm({ email });
  const created = await o.fo.call<{ caseId: string; number: string; version: number }>('createCase', form);
  return { ...created, email };
}

describe('issueReceipt', () => {
  it('returns A5 and roll PDFs with the number and the code, and a WhatsApp link without a phone number', async () => {
    const c = await newCase();
    const r = await o.fo.call<Issued>('issueReceipt', { caseId: c.caseId, roll: 58 });
    expect(r.number).toBe(c.number);
    expect(r.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(r.codeDisplay).toBe(`${r.code.slice(0, 5)}-${r.code.slice(5)}`);
    expect(r.trackingUrl).toBe(`http://127.0.0.1:5000/lacak?n=${c.number}&k=${r.code}`);
    expect(r.shortLink).toBe('127.0.0.1:5000/lacak');
    expect(r.whatsappUrl.startsWith('https://wa.me/?text=')).toBe(true);
    expect(decodeURIComponent(r.whatsappUrl)).toContain(r.trackingUrl);
    expect(r.whatsappUrl).not.toMatch(/81234567890/);
    expect(r.roll.widthMm).toBe(58);
    for (const pdf of [r.a5.base64, r.roll.base64]) {
      // The narrow roll wraps lines: compare with the whitespace folded.
      const text = pdftotext(pdf).replace(/\s+/g, ' ');
      expect(text).toContain('TANDA TERIMA PENGADUAN');
      expect(text).toContain(c.number);
      expect(text).toContain(r.codeDisplay);
      expect(text).toContain('45 menit');
      expect(text).toContain('S*** A*****');
      // No identity on the receipt. The phone (0812-3456-7890) in any spelling, not a bare "0812": a case
      // number reaches ADU-2026-000812 once a worker's project has taken that many (found by a shuffled run).
      expect(text).not.toMatch(/Siti Aminah|6571014508900001|0?812[- ]?3456[- ]?7890|Yos Sudarso|@contoh\.example/);
    }
    // The code is stored as a keyed hash only.
    const stored = (await adminDb.doc(`caseTracking/${c.caseId}`).get()).data()!;
    expect(stored['codeHash']).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(r.code);
    const hist = (await adminDb.collection(`cases/${c.caseId}/history`).get()).docs.map((d) => d.data());
    const entry = hist.find((h) => h['action'] === 'receiptIssued');
    expect(entry).toBeDefined();
    expect(JSON.stringify(hist)).not.toContain(r.code);
  }, 120_000);

  it('is refused to the administrator (who never sees a case identity)', async () => {
    const c = await newCase();
    const e = await errorCode(o.admin.call('issueReceipt', { caseId: c.caseId }));
    expect(e.code).toBe('permission-denied');
  });

  it('a second receipt invalidates the first code', async () => {
    const c = await newCase();
    const first = await o.fo.call<Issued>('issueReceipt', { caseId: c.caseId });
    expect((await lacak({ number: c.number, code: first.code }, freshIp())).status).toBe(200);
    const second = await o.analis.call<Issued>('issueReceipt', { caseId: c.caseId });
    expect(second.issue).toBe(2);
    expect(second.code).not.toBe(first.code);
    expect(pdftotext(second.a5.base64)).toContain('Cetakan ke-2');
    const old = await lacak({ number: c.number, code: first.code }, freshIp());
    expect(old.status).toBe(404);
    expect(old.json.error?.message).toBe(NOT_MATCHED);
    expect(
      (await lacak({ number: c.number, code: second.codeDisplay.toLowerCase() }, freshIp())).status,
    ).toBe(200);
  }, 120_000);

  it('emails the A5 receipt to an applicant who gave an address (one email per receipt)', async () => {
    const c = await newCase();
    const r = await o.fo.call<Issued>('issueReceipt', { caseId: c.caseId });
    expect(r.emailQueued).toBe(true);
    const mails = await waitFor('the receipt email in MailDev', async () => {
      const res = await fetch(`${MAILDEV_URL}/api/email?to.address=${encodeURIComponent(c.email)}`);
      const m = (await res.json()) as {
        id: string;
        subject: string;
        text: string;
        attachments?: { generatedFileName: string; contentType: string; filename: string }[];
      }[];
      return m.length > 0 ? m : undefined;
    });
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe(`Tanda Terima Pengaduan ${c.number}`);
    expect(mail.text).toContain('Dengan hormat');
    expect(mail.text).toContain(r.codeDisplay);
    const pdf = (mail.attachments ?? []).find((a) => a.contentType === 'application/pdf');
    expect(pdf?.filename).toBe(`Tanda-Terima-${c.number}-A5.pdf`);
    const bytes = Buffer.from(
      await (
        await fetch(
          `${MAILDEV_URL}/api/email/${mail.id}/attachment/${encodeURIComponent(pdf!.generatedFileName)}`,
        )
      ).arrayBuffer(),
    );
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdftotext(bytes);
    expect(text).toContain(c.number);
    expect(text).toContain(r.codeDisplay);
    // The receipt's email is not the letter's: nothing is mirrored on the case's letter.
    const out = adminDb.doc(`outbox/receipt-${c.caseId}-1`);
    await waitFor(
      'the delivery state',
      async () => ((await out.get()).get('delivery.state') === 'SUCCESS' ? true : undefined),
      undefined,
      {
        wakeOn: changesOf(out),
      },
    );
    expect((await adminDb.doc(`cases/${c.caseId}`).get()).get('letter')).toBeUndefined();
  }, 120_000);

  it('queues no email when the applicant gave none', async () => {
    const created = await o.fo.call<{ caseId: string }>('createCase', intakeForm({ email: '' }));
    const r = await o.fo.call<Issued>('issueReceipt', { caseId: created.caseId });
    expect(r.emailQueued).toBe(false);
    expect((await adminDb.doc(`outbox/receipt-${created.caseId}-1`).get()).exists).toBe(false);
  }, 60_000);
});

describe('POST /api/lacak', () => {
  it('answers the state in plain Indonesian with the masked name only (through the Hosting rewrite too)', async () => {
    const c = await newCase();
    const r = await o.fo.call<Issued>('issueReceipt', { caseId: c.caseId });
    const a = await lacak(
      { number: c.number.toLowerCase(), code: r.codeDisplay },
      freshIp(),
      `${HOSTING_URL}/api/lacak`,
    );
    expect(a.status).toBe(200);
    expect(a.json.state).toBe('intake');
    expect(a.json.sentence).toBe(
      'Pengaduan Anda sudah diterima dan sedang dicatat oleh petugas Front Office.',
    );
    expect(a.json.applicantName).toBe('S*** A*****');
    expect(a.json.steps?.map((s) => s.label)).toEqual(['Pengaduan diterima', 'Tanda terima diberikan']);
    // No NIK, KK, phone, email, street or full name anywhere in the answer.
    for (const s of [
      '6571014508900001',
      '6571010101200005',
      '81234567890',
      '0812',
      c.email,
      'Yos Sudarso',
      'Siti Aminah',
      'Sebengkok',
    ]) {
      expect(a.text).not.toContain(s);
    }
    expect(a.text).not.toMatch(/\d{16}/);
    expect(a.text).not.toMatch(/@/);
  }, 60_000);

  it('says which documents are missing while the case waits for them', async () => {
    const c = await newCase();
    const r = await o.fo.call<Issued>('issueReceipt', { caseId: c.caseId });
    const sub = await o.fo.call<{ version: number }>('submitCase', {
      caseId: c.caseId,
      expectedVersion: c.version,
    });
    await o.fo.call('returnToApplicant', {
      caseId: c.caseId,
      expectedVersion: sub.version,
      reason: 'Fotokopi buku tabungan tidak terbaca.',
      missing: ['buku_tabungan'],
    });
    const a = await lacak({ number: c.number, code: r.code }, freshIp());
    expect(a.status).toBe(200);
    expect(a.json.state).toBe('awaiting_documents');
    expect(a.json.missingDocuments).toEqual(['Fotokopi Buku Tabungan']);
    expect(a.json.steps?.map((s) => s.label)).toEqual([
      'Pengaduan diterima',
      'Tanda terima diberikan',
      'Berkas diajukan untuk diperiksa',
      'Berkas dikembalikan: menunggu kelengkapan dokumen',
    ]);
    // The reason typed by staff is not shown (it could name a person).
    expect(a.text).not.toContain('tidak terbaca');
  }, 60_000);

  it('says how to collect the letter once it is ready', async () => {
    const c = await driveCase(o, 'signed', intakeForm({ email: '' }));
    const kase = adminDb.doc(`cases/${c.caseId}`);
    await waitFor(
      'the letter',
      async () => ((await kase.get()).get('letter.status') === 'rendered' ? true : undefined),
      60_000,
      {
        wakeOn: changesOf(kase),
      },
    );
    const r = await o.fo.call<Issued>('issueReceipt', { caseId: c.caseId });
    const a = await lacak({ number: r.number, code: r.code }, freshIp());
    expect(a.json.sentence).toBe('Surat Keterangan Anda sudah selesai dan dapat diambil di kantor.');
    expect(a.json.collect?.address).toBe('Jalan Contoh No. 1, Kota Tarakan, Kalimantan Utara');
    expect(a.json.collect?.hours).toEqual([
      'Senin–Kamis pukul 07.30–16.00 WITA',
      'Jumat pukul 07.30–16.30 WITA',
    ]);
    expect(a.json.steps?.map((s) => s.label)).toContain('Surat Keterangan selesai diterbitkan');
  }, 180_000);

  it('offers the one-time survey link once the case is completed, and no more once it is answered', async () => {
    const c = await driveCase(o, 'completed', intakeForm({ email: '' }));
    const r = await o.fo.call<Issued>('issueReceipt', { caseId: c.caseId });
    const first = await lacak({ number: r.number, code: r.code }, freshIp());
    const invite = (await adminDb.doc(`surveyInvites/${c.caseId}`).get()).data() as { token: string };
    expect(first.json.surveyUrl).toBe(`http://127.0.0.1:5000/survei?t=${invite.token}`);
    // The applicant answers through the survey page's route; the tracking page stops offering it.
    const res = await fetch(`${HOSTING_URL}/api/survei/${invite.token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ answers: { u1: 4, u2: 4, u3: 3, u4: 4, u5: 3, u6: 4, u7: 4, u8: 3, u9: 3 } }),
    });
    expect(res.status).toBe(200);
    const second = await lacak({ number: r.number, code: r.code }, freshIp());
    expect(second.json.surveyUrl).toBeUndefined();
    expect(second.json.sentence).toBe(first.json.sentence);
  }, 240_000);

  it('answers a wrong code and an unknown number alike: same status, same bytes', async () => {
    const c = await newCase();
    const r = await o.fo.call<Issued>('issueReceipt', { caseId: c.caseId });
    const wrong = await lacak({ number: c.number, code: wrongCode(r.code) }, freshIp());
    const unknown = await lacak({ number: unknownNumber(), code: wrongCode(r.code) }, freshIp());
    const malformed = await lacak({ number: c.number, code: 'abc' }, freshIp());
    const noReceipt = await newCase();
    const notIssued = await lacak({ number: noReceipt.number, code: r.code }, freshIp());
    expect(wrong.status).toBe(404);
    expect(wrong.json.error?.message).toBe(NOT_MATCHED);
    for (const other of [unknown, malformed, notIssued]) {
      expect(other.status).toBe(wrong.status);
      expect(other.text).toBe(wrong.text);
    }
  }, 60_000);

  it('slows down repeated wrong codes for one case number, whatever the address, even for the right code', async () => {
    const c = await newCase();
    const r = await o.fo.call<Issued>('issueReceipt', { caseId: c.caseId });
    for (let i = 0; i < 5; i++) {
      expect((await lacak({ number: c.number, code: wrongCode(r.code) }, freshIp())).status).toBe(404);
    }
    const locked = await lacak({ number: c.number, code: r.code }, freshIp());
    expect(locked.status).toBe(429);
    expect(locked.json.error?.message).toBe('Terlalu banyak percobaan. Silakan coba lagi dalam 15 menit.');
    expect(Number(locked.retryAfter)).toBeGreaterThan(800);
    expect(Number(locked.retryAfter)).toBeLessThanOrEqual(900);

    // An unknown number is slowed down the same way, with the same answer.
    const n = unknownNumber();
    for (let i = 0; i < 5; i++)
      expect((await lacak({ number: n, code: r.code }, freshIp())).status).toBe(404);
    const lockedUnknown = await lacak({ number: n, code: r.code }, freshIp());
    expect(lockedUnknown.status).toBe(429);
    expect(lockedUnknown.json.error?.message).toBe(locked.json.error?.message);
    expect(Object.keys(lockedUnknown.json.error ?? {})).toEqual(Object.keys(locked.json.error ?? {}));

    // The record is server-only, named by a keyed hash, and carries a TTL date.
    const recs = await adminDb.collection('trackingThrottle').where('kind', '==', 'number').get();
    expect(recs.docs.every((d) => /^n-[0-9a-f]{32}$/.test(d.id))).toBe(true);
    expect(recs.docs.some((d) => d.get('expireAt') instanceof Timestamp)).toBe(true);
    expect(JSON.stringify(recs.docs.map((d) => d.data()))).not.toContain(c.number);
  }, 120_000);

  it('slows down one client address trying many numbers (10 failures)', async () => {
    const c = await newCase();
    const r = await o.fo.call<Issued>('issueReceipt', { caseId: c.caseId });
    const ip = freshIp();
    for (let i = 0; i < 10; i++) {
      expect((await lacak({ number: unknownNumber(), code: r.code }, ip)).status).toBe(404);
    }
    const locked = await lacak({ number: c.number, code: r.code }, ip);
    expect(locked.status).toBe(429);
    expect(locked.json.error?.message).toBe('Terlalu banyak percobaan. Silakan coba lagi dalam 15 menit.');
    // Another address still gets the answer.
    expect((await lacak({ number: c.number, code: r.code }, freshIp())).status).toBe(200);
  }, 120_000);

  it('refuses a malformed number with a sentence (400)', async () => {
    const a = await lacak({ number: 'nomor saya', code: 'K7Q2M9XH3D' }, freshIp());
    expect(a.status).toBe(400);
    expect(a.json.error?.message).toBe('Nomor pengaduan tidak valid. Contoh penulisan: ADU-2026-000123.');
  });
});
