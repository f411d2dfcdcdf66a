/**
 * Public verification (verifyLetter, no sign-in) and revocation (revokeLetter, admin only) on the
 * emulators.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminBucket, adminDb, changesOf } from '../support/admin.js';
import { client, errorCode } from '../support/client.js';
import { driveCase, intakeForm, office, type Office } from '../support/workflow.js';
import { waitFor } from '../support/wait.js';

const BULAN = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
/** The office (WITA, UTC+8) calendar date of an instant, as the letter writes it. */
const tanggal = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.getUTCDate()} ${BULAN[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};


type Anon = Awaited<ReturnType<typeof client>>;
let o: Office;
let anon: Anon;
let c: { caseId: string };
let letter: { number: string; verificationCode: string; storagePath: string; sha256: string };
let signedAt: string;

beforeAll(async () => {
  o = await office();
  anon = await client();
  c = await driveCase(o, 'signed', intakeForm({ email: '' }));
  const kase = adminDb.doc(`cases/${c.caseId}`);
  letter = await waitFor(
    'the letter',
    async () => {
      const l = (await kase.get()).get('letter') as typeof letter & {
        status: string;
      };
      return l?.status === 'rendered' ? l : undefined;
    },
    undefined,
    { wakeOn: changesOf(kase) },
  );
  signedAt = (await adminDb.doc(`cases/${c.caseId}`).get()).get('signature.at') as string;
});
afterAll(async () => {
  await anon?.close();
  await o?.close();
});

describe('verifyLetter (public)', () => {
  it('answers valid with what the page shows, and nothing personal beyond a masked name', async () => {
    const r = await anon.call<Record<string, unknown>>('verifyLetter', { code: letter.verificationCode });
    const { signature, ...rest } = r as { signature?: Record<string, string> };
    expect(rest).toEqual({
      status: 'valid',
      number: letter.number,
      date: tanggal(signedAt),
      signerName: o.staff.kabid.name,
      signerTitle: 'Kepala Bidang Sosial',
      applicantMasked: 'S*** A*****', // 'Siti Aminah', by hand
      complaintLabel: 'PIN KKS terblokir',
      // What the letter says, masked (issue #12): a forged paper with another KPM or outcome does not match.
      kpmNameMasked: 'S*** A*****',
      kpmNikMasked: '6571********0001',
      outcome:
        'Surat keterangan ini diberikan sebagai persyaratan pengaturan ulang (reset) PIN KKS pada bank penyalur (Bank Himbara).',
      revoked: false,
    });
    // The electronic signature as the register records it.
    expect(Object.keys(signature ?? {}).sort()).toEqual(['certificateIssuer', 'certificateSubject', 'provider', 'signedAt']);
    expect(signature?.['provider']).toBe('pades-p12');
    expect(signature?.['signedAt']).toMatch(/^\d{1,2} \w+ \d{4} pukul \d{2}\.\d{2} WITA$/);
    expect(signature?.['certificateSubject']).toMatch(/^CN=Kepala Bidang Sosial Dinsos PM Kota Tarakan \(DEMO\)/);
    expect(signature?.['certificateIssuer']).toMatch(/^CN=Demo CA Layanan Pengaduan KPM/);
    // The register keeps the masked NIK only.
    const entry = (await adminDb.collection('letters').where('code', '==', letter.verificationCode).get()).docs[0]!.data();
    expect(JSON.stringify(entry)).not.toContain('6571014508900001');
    const json = JSON.stringify(r);
    for (const secret of ['6571014508900001', '6571010101200005', 'Sebengkok', '+62812', 'Siti Aminah']) {
      expect(json).not.toContain(secret);
    }
  });

  it('reads a code typed with a dash, spaces and lower case', async () => {
    const typed = ` ${letter.verificationCode.slice(0, 5).toLowerCase()} - ${letter.verificationCode.slice(5)} `;
    expect((await anon.call<{ status: string }>('verifyLetter', { code: typed })).status).toBe('valid');
  });

  it('compares the SHA-256 of a file: true for the stored PDF, false for any other', async () => {
    const [bytes] = await adminBucket.file(letter.storagePath).download();
    const good = createHash('sha256').update(bytes).digest('hex');
    const r1 = await anon.call<{ hashMatches?: boolean }>('verifyLetter', {
      code: letter.verificationCode,
      sha256: good.toUpperCase(),
    });
    expect(r1.hashMatches).toBe(true);
    const altered = Buffer.from(bytes);
    altered[altered.length - 2] = (altered[altered.length - 2]! + 1) % 256;
    const bad = createHash('sha256').update(altered).digest('hex');
    const r2 = await anon.call<{ hashMatches?: boolean; status: string }>('verifyLetter', {
      code: letter.verificationCode,
      sha256: bad,
    });
    expect(r2).toMatchObject({ status: 'valid', hashMatches: false });
  });

  it('answers unknown for a code nobody issued and for a malformed one', async () => {
    expect(await anon.call('verifyLetter', { code: 'ZZZZZZZZZZ' })).toEqual({ status: 'unknown' });
    expect(await anon.call('verifyLetter', { code: 'abc' })).toEqual({ status: 'unknown' });
    expect(
      (await errorCode(anon.call('verifyLetter', { code: letter.verificationCode, sha256: 'xyz' }))).code,
    ).toBe('invalid-argument');
  });
});

describe('revokeLetter (admin)', () => {
  it('is refused to anyone but an administrator', async () => {
    expect((await errorCode(o.fo.call('revokeLetter', { caseId: c.caseId, reason: 'uji' }))).code).toBe(
      'permission-denied',
    );
    expect((await errorCode(anon.call('revokeLetter', { caseId: c.caseId, reason: 'uji' }))).code).toBe(
      'unauthenticated',
    );
  });

  it('revokes once: the page then says revoked, the case records it in its history', async () => {
    const reason = 'Surat diterbitkan atas data yang keliru.';
    const r = await o.admin.call<{ status: string; number: string }>('revokeLetter', {
      code: letter.verificationCode,
      reason,
    });
    expect(r).toMatchObject({ status: 'revoked', number: letter.number });
    const v = await anon.call<{ status: string; number: string; revokedOn?: string }>('verifyLetter', {
      code: letter.verificationCode,
    });
    expect(v.status).toBe('revoked');
    expect(v.number).toBe(letter.number);
    expect(v.revokedOn).toBe(tanggal(new Date().toISOString()));
    expect(JSON.stringify(v)).not.toContain(reason); // the reason stays internal

    const kase = (await adminDb.doc(`cases/${c.caseId}`).get()).data()!;
    expect((kase.letter as { revoked: unknown }).revoked).toMatchObject({ reason, by: o.staff.admin.uid });
    const history = (await adminDb.collection(`cases/${c.caseId}/history`).get()).docs.map((d) => d.data());
    expect(history.filter((h) => h.action === 'letterRevoked')).toHaveLength(1);

    expect((await errorCode(o.admin.call('revokeLetter', { caseId: c.caseId, reason }))).code).toBe(
      'failed-precondition',
    );
    expect((await errorCode(o.admin.call('revokeLetter', { code: 'ZZZZZZZZZZ', reason }))).code).toBe(
      'not-found',
    );
  });
});
