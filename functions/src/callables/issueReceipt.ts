import { z } from 'zod';
import { appendHistory, caseRef, identityRef, type StoredCase } from '../cases/store.js';
import { IDENTITY_ROLES, summaryOfDoc, type CaseIdentity } from '../domain/caseSummary.js';
import { requiredDocuments } from '../domain/documents.js';
import { DomainError } from '../domain/errors.js';
import { regionOf } from '../domain/letterContent.js';
import {
  displayTrackingCode,
  newTrackingCode,
  shortTrackingLink,
  trackingUrl,
  whatsappShareUrl,
  whatsappText,
  type IssuedReceipt,
} from '../domain/tracking.js';
import type { CaseSnapshot } from '../domain/workflow.js';
import { COMPLAINT_TYPE_LABELS, DOCUMENT_KINDS, DOCUMENT_LABELS } from '../domain/vocabulary.js';
import { db } from '../firebase/admin.js';
import { runTransaction } from '../firebase/transaction.js';
import { callable } from '../firebase/callable.js';
import { requireActiveStaff } from '../firebase/caller.js';
import { publicBaseUrl, SEARCH_HASH_KEY } from '../firebase/params.js';
import { loadSettings } from '../firebase/settings.js';
import { newDelivery, OUTBOX } from '../mail/outbox.js';
import { CaseId } from '../schemas.js';
import { codeHashOf, KEY_VERSION, trackingRef, type StoredTracking } from '../tracking/codes.js';
import { receiptEmail, receiptFilename, renderReceiptPdf, type ReceiptInput } from '../tracking/receipt.js';

const Input = z
  .object({
    caseId: CaseId,
    /** The width of the counter's receipt printer (mm). */
    roll: z.union([z.literal(58), z.literal(80)]).default(80),
  })
  .strict();


/**
 * Issues the receipt of a case (FO, and the other roles that may see a case's identity): a fresh
 * tracking code — the keyed hash replaces the one before in `caseTracking/{caseId}`, so every
 * earlier code and printed receipt stops working —, the receipt as A5 and roll PDFs, the tracking
 * and WhatsApp links, and, when the applicant gave an email, the A5 receipt queued in the outbox.
 * The code is never stored: it leaves the server only in this answer, the PDFs and that email.
 * The PDFs are rendered before anything is written, so a failure leaves the earlier code valid.
 */
export const issueReceipt = callable(
  Input,
  async ({ caseId, roll }, req): Promise<IssuedReceipt> => {
    const staff = await requireActiveStaff(req);
    const role = staff.roles.find((r) => IDENTITY_ROLES.includes(r));
    if (!role) {
      throw new DomainError(
        'permission-denied',
        'Tanda terima hanya dapat dicetak oleh petugas yang menangani pengaduan.',
        {
          reason: 'no-case-role',
        },
      );
    }
    const [caseSnap, identSnap, trackSnap, settings] = await Promise.all([
      caseRef(caseId).get(),
      identityRef(caseId).get(),
      trackingRef(caseId).get(),
      loadSettings(),
    ]);
    if (!caseSnap.exists) throw new DomainError('not-found', 'Kasus tidak ditemukan.');
    const kase = caseSnap.data() as CaseSnapshot & StoredCase;
    const identity = identSnap.exists ? (identSnap.data() as CaseIdentity) : null;
    const email = identity?.applicant.email ?? kase.applicant?.email ?? undefined;
    const issue = ((trackSnap.get('issues') as number | undefined) ?? 0) + 1;

    const now = new Date();
    const code = newTrackingCode();
    const base = publicBaseUrl();
    const url = trackingUrl(base, kase.number, code);
    const required = requiredDocuments(kase.complaintType, kase.relation, settings);
    const input: ReceiptInput = {
      number: kase.number,
      receivedAt: new Date(kase.createdAt),
      complaintLabel: COMPLAINT_TYPE_LABELS[kase.complaintType],
      applicantMasked: summaryOfDoc(kase).applicantName,
      receivedBy: kase.createdByName,
      documents: DOCUMENT_KINDS.filter((d) => required.includes(d) || kase.documents?.[d]?.present).map(
        (d) => ({
          label: DOCUMENT_LABELS[d],
          received: kase.documents?.[d]?.present === true,
        }),
      ),
      standards: settings.timeStandards,
      trackingUrl: url,
      shortLink: shortTrackingLink(base),
      code,
      issuedAt: now,
      issue,
      letterhead: settings.letterhead,
      utcOffsetMinutes: settings.calendar.timeZoneOffsetMinutes,
    };
    const [a5, rollPdf] = await Promise.all([
      renderReceiptPdf(input, 'a5'),
      renderReceiptPdf(input, roll === 58 ? 'roll58' : 'roll80'),
    ]);
    const a5Name = receiptFilename(kase.number, 'A5');

    await runTransaction('issueReceipt', async (tx) => {
      const [t, c] = await Promise.all([tx.get(trackingRef(caseId)), tx.get(caseRef(caseId))]);
      if (((t.get('issues') as number | undefined) ?? 0) + 1 !== issue) {
        throw new DomainError(
          'aborted',
          'Tanda terima pengaduan ini baru saja dicetak oleh petugas lain. Ulangi pencetakan.',
        );
      }
      const stored: StoredTracking = {
        caseId,
        number: kase.number,
        codeHash: codeHashOf(caseId, code),
        keyVersion: KEY_VERSION,
        issues: issue,
        issuedAt: now.toISOString(),
        issuedBy: staff.uid,
      };
      tx.set(trackingRef(caseId), stored);
      appendHistory(tx, caseRef(caseId), c.data() as StoredCase, {
        action: 'receiptIssued',
        from: kase.state,
        to: kase.state,
        at: now.toISOString(),
        by: staff.uid,
        byName: staff.name,
        actedAs: role,
        note:
          `Tanda terima dicetak (cetakan ke-${issue}) dengan kode pelacakan baru` +
          `${issue > 1 ? '; kode pelacakan sebelumnya tidak berlaku lagi' : ''}.` +
          `${email ? ' Tanda terima dikirim ke alamat email pemohon.' : ''}`,
      });
      if (email) {
        tx.create(db().collection(OUTBOX).doc(`receipt-${caseId}-${issue}`), {
          kind: 'receipt',
          caseId,
          to: email,
          message: receiptEmail({
            name: identity?.applicant.name ?? kase.applicant?.name ?? '',
            number: kase.number,
            complaintLabel: input.complaintLabel,
            code,
            url,
            office: `${settings.letterhead.office} ${regionOf(settings.letterhead.government)}`,
            contact: settings.letterhead,
          }),
          // Inline: the code is in this PDF and must not be stored anywhere else; the retention job
          // deletes `attachments` with the rest of the email (mail/outbox.ts, retention/purge.ts).
          attachments: [{ filename: a5Name, contentType: 'application/pdf', content: a5.toString('base64') }],
          createdAt: now.toISOString(),
          delivery: newDelivery(now),
        });
      }
    });

    const office = `${settings.letterhead.office} ${regionOf(settings.letterhead.government)}`;
    const text = whatsappText({ number: kase.number, code, url, office });
    return {
      number: kase.number,
      code,
      codeDisplay: displayTrackingCode(code),
      trackingUrl: url,
      shortLink: shortTrackingLink(base),
      whatsappUrl: whatsappShareUrl(text),
      whatsappText: text,
      issue,
      a5: { filename: a5Name, base64: a5.toString('base64') },
      roll: {
        filename: receiptFilename(kase.number, `struk-${roll}mm`),
        base64: rollPdf.toString('base64'),
        widthMm: roll,
      },
      emailQueued: Boolean(email),
    };
  },
  { secrets: [SEARCH_HASH_KEY] },
);
