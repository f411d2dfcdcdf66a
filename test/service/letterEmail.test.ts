/**
 * The letter's email on the emulators + MailDev: one email per case with the PDF attached, the
 * delivery state in the outbox and mirrored on the case, and no second email when the outbox
 * document is written again.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb, changesOf } from '../support/admin.js';
import { MAILDEV_URL } from '../support/env.js';
import { driveCase, intakeForm, office, type Office } from '../support/workflow.js';
import { waitFor } from '../support/wait.js';

interface MailDevEmail {
  id: string;
  subject: string;
  text: string;
  html: string;
  to: { address: string }[];
  from: { address: string; name: string }[];
  attachments?: { filename: string; generatedFileName: string; contentType: string; size: number }[];
}

const inbox = async (address: string): Promise<MailDevEmail[]> => {
  const res = await fetch(`${MAILDEV_URL}/api/email?to.address=${encodeURIComponent(address)}`);
  expect(res.ok).toBe(true);
  return (await res.json()) as MailDevEmail[];
};
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let o: Office;
beforeAll(async () => {
  o = await office();
});
afterAll(async () => o?.close());

/** A signed case whose applicant has a fresh address; resolves once the case shows the email as sent. */
async function signedWithEmail() {
  const address = `pemohon-${randomUUID().slice(0, 8)}@contoh.example`;
  const c = await driveCase(o, 'signed', intakeForm({ email: address }));
  const kase = adminDb.doc(`cases/${c.caseId}`);
  const email = await waitFor(
    'the email status on the case',
    async () => {
      const e = (await kase.get()).get('letter.email') as { status: string } | undefined;
      return e?.status === 'sent' ? e : undefined;
    },
    undefined,
    { wakeOn: changesOf(kase) },
  );
  return { ...c, address, email };
}

describe('email of the letter', () => {
  it('arrives once in the inbox, in formal Indonesian, with the stored PDF attached', async () => {
    const c = await signedWithEmail();
    const letter = (await adminDb.doc(`cases/${c.caseId}`).get()).get('letter') as {
      number: string;
      sha256: string;
      verificationCode: string;
    };
    // The case shows the delivery status but not the address: personal data stays in the outbox.
    expect(c.email).toMatchObject({ status: 'sent' });
    expect(c.email).not.toHaveProperty('to');

    const mails = await waitFor('the email in MailDev', async () => {
      const m = await inbox(c.address);
      return m.length > 0 ? m : undefined;
    });
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toContain(`Surat Keterangan Nomor ${letter.number}`);
    expect(mail.text).toContain('Yth. Bapak/Ibu Siti Aminah');
    expect(mail.text).toContain('Dengan hormat');
    expect(mail.text).toContain('Hormat kami');
    expect(mail.text).toContain(`/verifikasi/${letter.verificationCode}`);
    expect(mail.from[0]?.address).toBe('no-reply@dinsospm.tarakan.example');

    const pdfs = (mail.attachments ?? []).filter((a) => a.contentType === 'application/pdf');
    expect(pdfs).toHaveLength(1);
    expect(pdfs[0]!.filename).toBe(`Surat-Keterangan-${letter.number.replace(/\//g, '-')}.pdf`);
    const res = await fetch(
      `${MAILDEV_URL}/api/email/${mail.id}/attachment/${encodeURIComponent(pdfs[0]!.generatedFileName)}`,
    );
    expect(res.ok).toBe(true);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(sha256(bytes)).toBe(letter.sha256); // the very PDF that was stored

    // The outbox document (Trigger Email pattern) and the case history.
    const out = (await adminDb.doc(`outbox/letter-${c.caseId}`).get()).data() as {
      to: string;
      delivery: { info: { accepted: string[] } };
    };
    expect(out.to).toBe(c.address);
    expect(out.delivery).toMatchObject({ state: 'SUCCESS', attempts: 1, error: null });
    expect(out.delivery.info.accepted).toEqual([c.address]);
    const history = (await adminDb.collection(`cases/${c.caseId}/history`).get()).docs.map((d) => d.data());
    expect(history.filter((h) => h.action === 'letterEmailed')).toHaveLength(1);

    // Writing the outbox document again (a replayed or stray event) sends nothing more. Then another
    // case's email goes through the same function after it, so the replay has been handled by then.
    await adminDb.doc(`outbox/letter-${c.caseId}`).update({ touchedByTest: true });
    await adminDb.doc(`outbox/letter-${c.caseId}`).update({ 'delivery.state': 'SUCCESS' });
    await signedWithEmail();
    expect(await inbox(c.address)).toHaveLength(1);
    expect((await adminDb.doc(`outbox/letter-${c.caseId}`).get()).get('delivery.attempts')).toBe(1);
  }, 180_000);

  it('queues nothing for an applicant without an email address, and says so on the case', async () => {
    const c = await driveCase(o, 'signed', intakeForm({ email: '' }));
    const kase = adminDb.doc(`cases/${c.caseId}`);
    const email = await waitFor(
      'the letter',
      async () => {
        const l = (await kase.get()).get('letter') as {
          status: string;
          email?: { status: string; error?: string };
        };
        return l?.status === 'rendered' ? l.email : undefined;
      },
      undefined,
      { wakeOn: changesOf(kase) },
    );
    expect(email?.status).toBe('none');
    expect(email?.error).toMatch(/tidak mencantumkan alamat email/);
    expect((await adminDb.doc(`outbox/letter-${c.caseId}`).get()).exists).toBe(false);
  });
});
