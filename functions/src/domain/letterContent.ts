/**
 * The words of the Surat Keterangan: what the office states for each complaint type, in formal
 * Bahasa Indonesia, as structured content. Pure (no Node-only imports): the staff page bundles
 * it to preview the Analis's draft, and the PDF renderer (`../letter/render.ts`) lays it out.
 *
 * The letter itself masks nothing (it is the official document handed to the applicant);
 * `maskName` / `maskNik` are for the public verification page.
 */
import { warningsFor, type WarningKey } from './documents.js';
import { DomainError } from './errors.js';
import { formatTanggal, OFFICE_UTC_OFFSET_MINUTES } from './indonesianDate.js';
import {
  APPLICANT_RELATION_LABELS,
  COMPLAINT_TYPE_LABELS,
  WARNINGS,
  type ApplicantRelation,
  type ComplaintType,
} from './vocabulary.js';

export type { WarningKey };
export const WARNING_KEYS = Object.keys(WARNINGS) as WarningKey[];

/** The office's letterhead (kop surat). */
export interface Letterhead {
  /** 'Pemerintah Kota Tarakan' */
  government: string;
  /** 'Dinas Sosial dan Pemberdayaan Masyarakat' */
  office: string;
  address: string;
  phone?: string;
  email?: string;
  website?: string;
  /** A `data:image/png;base64,…` or `data:image/jpeg;base64,…` URL; file paths and http URLs are refused by the renderer. */
  logoDataUrl?: string;
}

export interface LetterApplicant {
  name: string;
  nik: string;
  /** One line: street, RT/RW, kelurahan, kecamatan. */
  address: string;
  relation: ApplicantRelation;
}

export interface LetterKpm {
  name: string;
  nik: string;
  kkNumber: string;
  kksNumber?: string;
  /** The KPM's address; when absent and the applicant is the KPM, the applicant's address is used. */
  address?: string;
}

export interface LetterAnalysis {
  /** e.g. 'Program Sembako' */
  assistanceType: string;
  problem: string;
  solution: string;
  /** What the Analis recorded after updating SIKS-NG (a reference), if anything was updated. */
  siksNgReference?: string;
}

/** What the content needs: also enough for a draft preview before the letter is numbered and signed. */
export interface LetterContentInput {
  /** The register number; null for a draft that has none yet. */
  number: string | null;
  /** The signing instant (the letter's date), read on the office calendar. */
  issuedAt: Date;
  /** Office UTC offset in minutes; default WITA (480). */
  utcOffsetMinutes?: number;
  letterhead: Letterhead;
  /** 'Tarakan' */
  place: string;
  applicant: LetterApplicant;
  kpm: LetterKpm;
  complaintType: ComplaintType;
  analysis: LetterAnalysis;
  signer: { name: string; nip: string; title: string };
  /** Which of the SOP's warnings apply: the case's `sopWarnings` (see `warningsFor` in documents.ts). */
  warnings: readonly WarningKey[];
}

/** Everything the signed, numbered letter shows. */
export interface LetterInput extends LetterContentInput {
  number: string;
  verificationUrl: string;
  /** Short code printed under the QR code, typed on the verification page when the QR cannot be scanned. */
  verificationCode: string;
  /** The Koordinator's paraf. */
  paraf: { name: string; at: Date };
  signature: { mark: string; signedAt: Date };
}

export interface IdentityRow {
  label: string;
  value: string;
  /** Printed bold (the person's name). */
  strong?: boolean;
}

export type LetterBlock = { kind: 'paragraph'; text: string } | { kind: 'identity'; rows: IdentityRow[] };

export interface LetterBody {
  title: string;
  /** The number, or a dotted placeholder for a draft. */
  number: string;
  /** 'Nomor: 460/0007/Dinsos-PM/XI/2026' */
  numberLine: string;
  /** The body between the number and the closing, in order. */
  blocks: LetterBlock[];
  closing: string;
  /** 'Tarakan, 27 November 2026' */
  placeAndDate: string;
  signatureBlock: {
    /** 'a.n. Kepala Dinas … Kota Tarakan' when the signer signs on behalf of the head of office, else null. */
    onBehalfOf: string | null;
    /** 'Kepala Bidang Sosial,' */
    title: string;
    name: string;
    /** 'NIP. 19…' */
    nipLine: string;
  };
  /** The heading of the warnings box ('Peringatan'). */
  warningsHeading: string;
  /** The texts of the warnings that apply, in the SOP's order. */
  warnings: string[];
}

export const LETTER_TITLE = 'SURAT KETERANGAN';
export const LETTER_CLOSING =
  'Demikian surat keterangan ini dibuat untuk dapat dipergunakan sebagaimana mestinya.';
export const WARNINGS_HEADING = 'Peringatan';
export const DRAFT_NUMBER_PLACEHOLDER = '……/……/……/……/……';
const BANK = 'bank penyalur (Bank Himbara)';

/**
 * The SOP warnings that apply to a case: the one rule lives in `documents.ts` (`warningsFor`), which
 * intake stores on the case as `sopWarnings`; the letter prints what the case stores. Re-exported
 * here under its older name for the draft preview.
 */
export const applicableWarnings = warningsFor;

const clean = (s: string | undefined): string => (typeof s === 'string' ? s.replace(/\s+/g, ' ').trim() : '');
/** Free text embedded in a sentence: no trailing full stop (the sentence adds its own). */
const inSentence = (s: string): string => clean(s).replace(/[.;,:\s]+$/, '');

/** 'Pemerintah Kota Tarakan' → 'Kota Tarakan'. */
export function regionOf(government: string): string {
  return clean(government).replace(/^pemerintah\s+/i, '');
}

function requireFields(input: LetterContentInput): void {
  const missing: string[] = [];
  const need = (value: string | undefined, label: string): void => {
    if (clean(value) === '') missing.push(label);
  };
  need(input.letterhead?.government, 'nama pemerintah daerah pada kop surat');
  need(input.letterhead?.office, 'nama dinas pada kop surat');
  need(input.place, 'tempat penerbitan surat');
  need(input.kpm?.name, 'nama KPM');
  need(input.kpm?.nik, 'NIK KPM');
  need(input.kpm?.kkNumber, 'nomor KK KPM');
  need(input.applicant?.name, 'nama pemohon');
  need(input.applicant?.nik, 'NIK pemohon');
  need(input.applicant?.address, 'alamat pemohon');
  need(input.analysis?.assistanceType, 'jenis bantuan');
  need(input.analysis?.problem, 'permasalahan');
  need(input.analysis?.solution, 'penyelesaian');
  need(input.signer?.name, 'nama penanda tangan');
  need(input.signer?.nip, 'NIP penanda tangan');
  need(input.signer?.title, 'jabatan penanda tangan');
  if (input.number !== null) need(input.number, 'nomor surat');
  if (missing.length > 0) {
    throw new DomainError('invalid-argument', `Data surat keterangan belum lengkap: ${missing.join(', ')}.`, {
      missing,
    });
  }
  if (!(input.complaintType in COMPLAINT_TYPE_LABELS)) {
    throw new DomainError('invalid-argument', 'Jenis pengaduan tidak dikenal.');
  }
  if (!(input.applicant.relation in APPLICANT_RELATION_LABELS)) {
    throw new DomainError('invalid-argument', 'Hubungan pemohon dengan KPM tidak dikenal.');
  }
  if (input.complaintType === 'kpm_meninggal' && input.applicant.relation === 'kpm') {
    throw new DomainError(
      'invalid-argument',
      'Untuk KPM yang telah meninggal dunia, pemohon harus ahli waris atau penerima kuasa.',
    );
  }
}

/**
 * What the letter is for, in one sentence (the last paragraph of the body). Built from the
 * complaint type and the assistance only — no personal data — so the public verification page
 * shows it as the letter's outcome.
 */
export function letterPurpose(complaintType: ComplaintType, assistance: string): string {
  switch (complaintType) {
    case 'kks_hilang':
      return `Surat keterangan ini diberikan sebagai persyaratan penggantian KKS pada ${BANK} yang menerbitkan KKS tersebut.`;
    case 'buku_tabungan_hilang':
      return `Surat keterangan ini diberikan sebagai persyaratan penggantian Buku Tabungan pada ${BANK} tempat rekening tersebut dibuka.`;
    case 'pin_terblokir':
      return `Surat keterangan ini diberikan sebagai persyaratan pengaturan ulang (reset) PIN KKS pada ${BANK}.`;
    case 'transaksi_bermasalah':
      return `Surat keterangan ini diberikan sebagai dasar penelusuran dan penyelesaian permasalahan transaksi tersebut oleh ${BANK} dan pihak terkait.`;
    case 'kpm_meninggal':
      return `Surat keterangan ini diberikan sebagai persyaratan penggantian pengurus (perwakilan keluarga) penerima bantuan ${assistance} atas keluarga tersebut kepada ahli waris, termasuk pengurusan KKS pada ${BANK}.`;
    case 'lainnya':
      return 'Surat keterangan ini diberikan sebagai keterangan atas penanganan pengaduan tersebut.';
  }
}

/** The complaint-specific paragraphs: the KPM's status, what happened, and what the letter is for. */
function statementFor(input: LetterContentInput, assistance: string, region: string, office: string) {
  const registered = `adalah benar Keluarga Penerima Manfaat (KPM) ${assistance} di ${region} yang terdaftar pada ${office} ${region}.`;
  const reported = 'Berdasarkan laporan yang bersangkutan,';
  const applicant = clean(input.applicant.name);
  switch (input.complaintType) {
    case 'kks_hilang':
      return {
        status: registered,
        fact: `${reported} Kartu Keluarga Sejahtera (KKS) milik KPM tersebut telah hilang.`,
        purpose: letterPurpose(input.complaintType, assistance),
      };
    case 'buku_tabungan_hilang':
      return {
        status: registered,
        fact: `${reported} Buku Tabungan rekening penyaluran bantuan milik KPM tersebut telah hilang.`,
        purpose: letterPurpose(input.complaintType, assistance),
      };
    case 'pin_terblokir':
      return {
        status: registered,
        fact: `${reported} PIN Kartu Keluarga Sejahtera (KKS) milik KPM tersebut terblokir sehingga KKS tidak dapat digunakan untuk bertransaksi.`,
        purpose: letterPurpose(input.complaintType, assistance),
      };
    case 'transaksi_bermasalah':
      return {
        status: registered,
        fact: `${reported} KPM tersebut mengalami permasalahan transaksi penyaluran bantuan menggunakan KKS, yaitu ${inSentence(input.analysis.problem)}.`,
        purpose: letterPurpose(input.complaintType, assistance),
      };
    case 'kpm_meninggal':
      return {
        status: `adalah Keluarga Penerima Manfaat (KPM) ${assistance} di ${region} yang terdaftar pada ${office} ${region} dan telah meninggal dunia sebagaimana tercantum dalam Surat Kematian.`,
        fact:
          input.applicant.relation === 'ahli_waris'
            ? `Berdasarkan Surat Keterangan Ahli Waris, Sdr. ${applicant} adalah ahli waris dari KPM tersebut.`
            : `Permohonan ini diajukan oleh Sdr. ${applicant} selaku penerima kuasa dari ahli waris KPM tersebut.`,
        purpose: letterPurpose(input.complaintType, assistance),
      };
    case 'lainnya':
      return {
        status: registered,
        fact: `Yang bersangkutan telah menyampaikan pengaduan mengenai ${inSentence(input.analysis.problem)}.`,
        purpose: letterPurpose(input.complaintType, assistance),
      };
  }
}

/**
 * Builds the letter's content. Guarantees: every required field is present (else DomainError
 * 'invalid-argument' naming what is missing); a deceased KPM is never the applicant; the
 * applicant's identity appears only when the applicant is not the KPM; warnings appear in the
 * SOP's order, each once, and only those listed in `input.warnings`.
 */
export function buildLetterBody(input: LetterContentInput): LetterBody {
  requireFields(input);
  const offset = input.utcOffsetMinutes ?? OFFICE_UTC_OFFSET_MINUTES;
  const region = regionOf(input.letterhead.government);
  const office = clean(input.letterhead.office);
  const assistance = clean(input.analysis.assistanceType);
  const signerTitle = clean(input.signer.title);
  const number = input.number === null ? DRAFT_NUMBER_PLACEHOLDER : clean(input.number);
  const { kpm, applicant } = input;
  const applicantIsKpm = applicant.relation === 'kpm';
  const kpmAddress = clean(kpm.address) || (applicantIsKpm ? clean(applicant.address) : '');

  const kpmRows: IdentityRow[] = [
    { label: 'Nama', value: clean(kpm.name), strong: true },
    { label: 'NIK', value: clean(kpm.nik) },
    { label: 'No. KK', value: clean(kpm.kkNumber) },
    { label: 'No. KKS', value: clean(kpm.kksNumber) || '-' },
    { label: 'Alamat', value: kpmAddress || '-' },
  ];
  const statement = statementFor(input, assistance, region, office);

  const blocks: LetterBlock[] = [
    {
      kind: 'paragraph',
      text: `Yang bertanda tangan di bawah ini, ${signerTitle} pada ${office} ${region}, dengan ini menerangkan bahwa:`,
    },
    { kind: 'identity', rows: kpmRows },
    { kind: 'paragraph', text: `${statement.status} ${statement.fact}` },
  ];
  if (!applicantIsKpm) {
    blocks.push(
      { kind: 'paragraph', text: 'Surat keterangan ini dimohonkan oleh:' },
      {
        kind: 'identity',
        rows: [
          { label: 'Nama', value: clean(applicant.name), strong: true },
          { label: 'NIK', value: clean(applicant.nik) },
          { label: 'Alamat', value: clean(applicant.address) },
          { label: 'Hubungan dengan KPM', value: APPLICANT_RELATION_LABELS[applicant.relation] },
        ],
      },
    );
  }
  // The complaint type and the assistance are already stated above; for 'lainnya' the problem too.
  const outcome: IdentityRow[] = [];
  if (input.complaintType !== 'lainnya')
    outcome.push({ label: 'Permasalahan', value: clean(input.analysis.problem) });
  outcome.push({ label: 'Penyelesaian', value: clean(input.analysis.solution) });
  const siks = clean(input.analysis.siksNgReference);
  if (siks !== '')
    outcome.push({ label: 'Pemutakhiran SIKS-NG', value: `Telah dimutakhirkan (Ref. ${siks})` });
  blocks.push(
    {
      kind: 'paragraph',
      text: 'Atas pengaduan tersebut telah dilakukan penanganan dengan hasil sebagai berikut:',
    },
    { kind: 'identity', rows: outcome },
    { kind: 'paragraph', text: statement.purpose },
  );

  const headOfOffice = /^kepala\s+dinas\b/i.test(signerTitle);
  const wanted = new Set(input.warnings);
  return {
    title: LETTER_TITLE,
    number,
    numberLine: `Nomor: ${number}`,
    blocks,
    closing: LETTER_CLOSING,
    placeAndDate: `${clean(input.place)}, ${formatTanggal(input.issuedAt, offset)}`,
    signatureBlock: {
      onBehalfOf: headOfOffice ? null : `a.n. Kepala ${office} ${region}`,
      title: `${signerTitle},`,
      name: clean(input.signer.name),
      nipLine: `NIP. ${clean(input.signer.nip)}`,
    },
    warningsHeading: WARNINGS_HEADING,
    warnings: WARNING_KEYS.filter((k) => wanted.has(k)).map((k) => WARNINGS[k]),
  };
}

/** 'Siti Rahmawati' → 'S*** R*********': each word keeps its first letter and its length. */
export function maskName(name: string): string {
  return clean(name)
    .split(' ')
    .filter((w) => w !== '')
    .map((word) => {
      const chars = Array.from(word);
      return (chars[0] ?? '') + '*'.repeat(chars.length - 1);
    })
    .join(' ');
}

/** '6471011234560001' → '6471********0001': the region prefix and the last four digits stay (short input: all masked). */
export function maskNik(nik: string): string {
  const digits = (typeof nik === 'string' ? nik : '').replace(/\D/g, '');
  if (digits.length < 12) return '*'.repeat(digits.length);
  return digits.slice(0, 4) + '*'.repeat(digits.length - 8) + digits.slice(-4);
}
