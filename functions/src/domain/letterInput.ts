/**
 * From a case to the letter's content, the signed letter's input and its email. Pure (no
 * Firebase, no Node-only imports): the trigger passes the case, the settings and the signer's
 * profile here, and the staff page builds its draft preview with the same functions.
 */
import { DomainError, isDomainError } from './errors.js';
import { formatTanggal } from './indonesianDate.js';
import {
  buildLetterBody,
  regionOf,
  type LetterBody,
  type LetterContentInput,
  type LetterInput,
} from './letterContent.js';
import type { OfficeSettings } from './settings.js';
import { COMPLAINT_TYPE_LABELS, WARNINGS } from './vocabulary.js';
import { ASSISTANCE_TYPE_LABELS, type Address, type AssistanceType, type CaseSnapshot } from './workflow.js';
import { displayVerificationCode } from './letterCode.js';

/** 'Jl. Yos Sudarso RT 05, Kelurahan Sebengkok, Kecamatan Tarakan Tengah' */
export function addressLine(a: Address): string {
  return [
    a.street,
    a.kelurahan ? `Kelurahan ${a.kelurahan}` : '',
    a.kecamatan ? `Kecamatan ${a.kecamatan}` : '',
  ]
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .join(', ');
}

/** 'Pemerintah Kota Tarakan' → 'Tarakan' (the place printed before the date). */
export function placeOf(government: string): string {
  return regionOf(government).replace(/^(kota|kabupaten)\s+/i, '');
}

export interface SignerProfile {
  name?: string;
  nip?: string;
  title?: string;
}

/** What the letter needs of the Analis's decision: the stored analysis, or the form being filled in. */
export interface LetterAnalysisSource {
  assistanceType: AssistanceType;
  problem: string;
  solution: string;
  siksNgUpdate?: { done: boolean; reference: string } | null;
}

/**
 * The one builder of the letter's content from a case and the office settings. The staff page's
 * preview (a draft: no number yet, dated now, the settings' signer) and the signed PDF (numbered,
 * dated at signing, the Kabid who signed) both go through it, so the text the Analis, the
 * Koordinator and the Kabid read is the text that is printed.
 */
export function letterContentOf(
  kase: Pick<CaseSnapshot, 'applicant' | 'kpm' | 'relation' | 'complaintType' | 'sopWarnings'>,
  settings: OfficeSettings,
  analysis: LetterAnalysisSource,
  letter: { number: string | null; issuedAt: Date; signer: { name: string; nip: string; title: string } },
): LetterContentInput {
  const siks = analysis.siksNgUpdate;
  return {
    number: letter.number,
    issuedAt: letter.issuedAt,
    utcOffsetMinutes: settings.calendar.timeZoneOffsetMinutes,
    letterhead: { ...settings.letterhead },
    place: placeOf(settings.letterhead.government),
    applicant: {
      name: kase.applicant.name,
      nik: kase.applicant.nik,
      address: addressLine(kase.applicant.address),
      relation: kase.relation,
    },
    kpm: {
      name: kase.kpm.name,
      nik: kase.kpm.nik,
      kkNumber: kase.kpm.kkNumber,
      ...(kase.kpm.kksNumber ? { kksNumber: kase.kpm.kksNumber } : {}),
      // Recorded at intake for an heir or a proxy; for the KPM in person the letter uses the applicant's.
      ...(kase.kpm.address ? { address: addressLine(kase.kpm.address) } : {}),
    },
    complaintType: kase.complaintType,
    analysis: {
      assistanceType: ASSISTANCE_TYPE_LABELS[analysis.assistanceType] ?? analysis.assistanceType,
      problem: analysis.problem,
      solution: analysis.solution,
      ...(siks?.done && siks.reference.trim() ? { siksNgReference: siks.reference.trim() } : {}),
    },
    signer: letter.signer,
    warnings: kase.sopWarnings ?? [],
  };
}

/**
 * The draft letter as the staff page previews it before signing: no number (a dotted
 * placeholder), dated `now`, signed by the settings' signer. Returns the DomainError's sentence
 * instead of throwing when the analysis is not complete yet.
 */
export function draftLetterBody(
  kase: Pick<CaseSnapshot, 'applicant' | 'kpm' | 'relation' | 'complaintType' | 'sopWarnings'>,
  settings: OfficeSettings,
  analysis: LetterAnalysisSource,
  now: Date,
): { body: LetterBody; error: null } | { body: null; error: string } {
  try {
    const input = letterContentOf(kase, settings, analysis, { number: null, issuedAt: now, signer: settings.signer });
    return { body: buildLetterBody(input), error: null };
  } catch (e) {
    if (isDomainError(e)) return { body: null, error: e.message };
    throw e;
  }
}

/**
 * The letter of a signed case. The signer printed is the Kabid who actually signed (name and NIP
 * recorded on the signature, else from the signer's profile), with the title of their profile or
 * of `settings.signer`. Throws DomainError('failed-precondition') when the case lacks the analysis,
 * the paraf or the signature.
 */
export function letterInputOf(
  kase: CaseSnapshot,
  settings: OfficeSettings,
  signerProfile: SignerProfile | undefined,
  letter: { number: string; code: string; verificationUrl: string; mark: string },
): LetterInput {
  const { analysis, paraf, signature } = kase;
  if (!analysis || !paraf || !signature) {
    throw new DomainError(
      'failed-precondition',
      'Kasus belum memiliki analisis, paraf, dan tanda tangan yang lengkap.',
    );
  }
  const signedAt = new Date(signature.at);
  const content = letterContentOf(kase, settings, analysis, {
    number: letter.number,
    issuedAt: signedAt,
    signer: {
      name: signature.name,
      nip: signature.nip ?? signerProfile?.nip ?? '',
      title: signerProfile?.title?.trim() || settings.signer.title,
    },
  });
  return {
    ...content,
    number: letter.number,
    verificationUrl: letter.verificationUrl,
    verificationCode: displayVerificationCode(letter.code),
    paraf: { name: paraf.name, at: new Date(paraf.at) },
    signature: { mark: letter.mark, signedAt },
  };
}

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The email that carries the letter, in formal Bahasa Indonesia. */
export function letterEmail(
  kase: Pick<CaseSnapshot, 'number' | 'applicant' | 'complaintType' | 'sopWarnings'>,
  settings: OfficeSettings,
  letter: { number: string; issuedAt: Date; verificationUrl: string; code: string },
  /** The applicant's one-time SKM survey link (PermenPANRB 14/2017), when there is one. */
  surveyUrl?: string,
): { subject: string; text: string; html: string } {
  const lh = settings.letterhead;
  const office = `${lh.office} ${regionOf(lh.government)}`;
  const date = formatTanggal(letter.issuedAt, settings.calendar.timeZoneOffsetMinutes);
  const complaint = COMPLAINT_TYPE_LABELS[kase.complaintType];
  const warnings = (kase.sopWarnings ?? []).map((k) => WARNINGS[k]);
  const code = displayVerificationCode(letter.code);
  const paragraphs = [
    `Yth. Bapak/Ibu ${kase.applicant.name},`,
    'Dengan hormat,',
    `Bersama surat elektronik ini kami sampaikan Surat Keterangan Nomor ${letter.number} tanggal ${date} ` +
      `sebagai tindak lanjut atas pengaduan Bapak/Ibu dengan nomor ${kase.number} (${complaint}) ` +
      `pada ${office}. Surat Keterangan terlampir dalam format PDF.`,
    `Keaslian surat dapat diperiksa melalui laman ${letter.verificationUrl} atau dengan memindai kode QR ` +
      `pada surat (kode verifikasi ${code}).`,
    ...(surveyUrl
      ? [
          'Kami mohon kesediaan Bapak/Ibu mengisi Survei Kepuasan Masyarakat atas pelayanan ini (sembilan ' +
            `pertanyaan singkat, tanpa identitas) melalui tautan berikut: ${surveyUrl}`,
        ]
      : []),
  ];
  const contact = [lh.phone ? `telepon ${lh.phone}` : '', lh.email ? `email ${lh.email}` : '']
    .filter(Boolean)
    .join(' atau ');
  const closing = [
    `Email ini dikirim secara otomatis; mohon tidak membalas email ini.${contact ? ` Untuk keterangan lebih lanjut, silakan menghubungi kami melalui ${contact}.` : ''}`,
    'Atas perhatian Bapak/Ibu, kami ucapkan terima kasih.',
  ];
  const signoff = ['Hormat kami,', office];
  const text = [
    ...paragraphs,
    ...(warnings.length > 0 ? [`Peringatan:\n${warnings.map((w, i) => `${i + 1}. ${w}`).join('\n')}`] : []),
    ...closing,
    signoff.join('\n'),
  ].join('\n\n');
  const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
  const html = [
    '<!doctype html><html lang="id"><body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#111">',
    ...paragraphs.map(p),
    ...(warnings.length > 0
      ? [
          `<p><strong>Peringatan:</strong></p><ol>${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ol>`,
        ]
      : []),
    ...closing.map(p),
    `<p>${signoff.map(escapeHtml).join('<br>')}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: `Surat Keterangan Nomor ${letter.number} – Pengaduan ${kase.number}`, text, html };
}

/** 'Surat-Keterangan-460-0007-Dinsos-PM-XI-2026.pdf' */
export function letterFilename(number: string): string {
  return `Surat-Keterangan-${number.replace(/[^A-Za-z0-9.-]+/g, '-')}.pdf`;
}
