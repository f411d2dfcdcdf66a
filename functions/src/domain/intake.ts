/**
 * Intake (SOP step 1): validates the FO's form and builds the new case. Every bad field is found
 * before refusing, so the FO sees them all at once.
 * No Firebase and no Node-only imports: the staff page bundles this module.
 */
import {
  emptyChecklist,
  type Actor,
  type Address,
  type Applicant,
  type DocumentChecklist,
  type NewCase,
} from './caseModel.js';
import { warningsFor } from './documents.js';
import { DomainError } from './errors.js';
import {
  validateEmail,
  validateKkNumber,
  validateKksNumber,
  validateNik,
  validatePhone,
} from './identifiers.js';
import { startClock } from './officeClock.js';
import type { OfficeSettings } from './settings.js';
import {
  APPLICANT_RELATIONS,
  COMPLAINT_TYPES,
  KECAMATAN_TARAKAN,
  type ApplicantRelation,
  type ComplaintType,
  type DocumentKind,
} from './vocabulary.js';
import { isOneOf, requireKinds } from './actions/payload.js';
import { checkPrintable } from './printable.js';

export interface IntakeInput {
  complaintType: ComplaintType;
  relation: ApplicantRelation;
  complaintDetail?: string;
  applicant: {
    name: string;
    nik: string;
    phone: string;
    email?: string;
    address: Address;
  };
  kpm: {
    name: string;
    nik: string;
    kkNumber: string;
    kksNumber?: string;
    /** The KPM's own address: required when the applicant is an heir or a proxy, ignored otherwise. */
    address?: Address;
  };
  /** Kinds whose photocopy the applicant brought. */
  documentsPresent?: readonly DocumentKind[];
}

/**
 * The reasons of the bad fields found so far, by path (`applicant.nik`…). Insertion order is the
 * order of the refusal's message, so the checks below run in the form's order.
 */
type FieldErrors = Record<string, string>;

/**
 * Validates an intake form and builds the new case in state `intake` (version 1, step-1 clock
 * started at `now`), without id and number. Throws `permission-denied` unless the actor is FO,
 * and one `invalid-argument` listing every bad field (details.fields: path → reason).
 * Identifiers are stored normalised (digits only; phone as `+628…`). The checklist is not
 * required to be complete here — `submit` enforces it. `_settings` is accepted for symmetry with
 * planTransition (the required documents are read at submit).
 */
export function planIntake(input: IntakeInput, actor: Actor, now: Date, _settings: OfficeSettings): NewCase {
  if (!actor.roles.includes('fo')) {
    throw new DomainError(
      'permission-denied',
      'Hanya Petugas Front Office yang dapat mencatat pengaduan baru.',
    );
  }
  const fields: FieldErrors = {};
  const complaintDetail = readComplaint(input, fields);
  const applicant = readApplicant(input.applicant, now, fields);
  const kpm = readKpm(input.kpm, now, fields);
  // The KPM in person gives one address; an heir or a proxy gives the KPM's too (printed on the letter).
  const kpmAddress =
    input.relation === 'kpm' ? undefined : readAddress(input.kpm?.address, fields, 'kpm.address', 'KPM');
  checkNikRelation(input.relation, applicant.nik, kpm.nik, fields);
  const documents = readChecklist(input.documentsPresent, fields);

  const bad = Object.values(fields);
  const { nik, phone } = applicant;
  if (bad.length > 0 || !nik || !phone || !kpm.nik || !kpm.kkNumber) {
    throw new DomainError('invalid-argument', `Data pengaduan belum benar: ${bad.join(' ')}`, { fields });
  }
  const at = now.toISOString();
  return {
    state: 'intake',
    version: 1,
    complaintType: input.complaintType,
    complaintDetail,
    relation: input.relation,
    applicant: { ...applicant, nik, phone },
    kpm: {
      name: kpm.name,
      nik: kpm.nik,
      kkNumber: kpm.kkNumber,
      ...(kpm.kksNumber ? { kksNumber: kpm.kksNumber } : {}),
      ...(kpmAddress ? { address: kpmAddress } : {}),
    },
    documents,
    sopWarnings: warningsFor(input.complaintType, input.relation),
    identifierWarnings: kpm.warnings,
    clock: startClock('intake', now),
    createdAt: at,
    createdBy: actor.uid,
    createdByName: actor.name,
    updatedAt: at,
    updatedBy: actor.uid,
  };
}

/**
 * The trimmed text (NFC); records "<label> wajib diisi." under `path` when it is blank, or which
 * characters the letter cannot print (`checkPrintable`).
 */
function requiredField(value: unknown, path: string, label: string, fields: FieldErrors): string {
  const t = typeof value === 'string' ? value.trim() : '';
  if (!t) fields[path] = `${label} wajib diisi.`;
  return printableField(t, path, label, fields);
}

/** `text` in NFC; records under `path` the characters the letter cannot print. */
function printableField(text: string, path: string, label: string, fields: FieldErrors): string {
  const p = checkPrintable(text, label);
  if (p.ok) return p.text;
  fields[path] = p.reason;
  return text;
}

/** Checks the complaint type and relation; returns the trimmed detail (required for `lainnya`). */
function readComplaint(input: IntakeInput, fields: FieldErrors): string {
  if (!isOneOf(COMPLAINT_TYPES, input.complaintType)) {
    fields.complaintType = 'Jenis pengaduan tidak dikenal.';
  }
  if (!isOneOf(APPLICANT_RELATIONS, input.relation)) {
    fields.relation = 'Hubungan pemohon dengan KPM tidak dikenal.';
  }
  const complaintDetail = printableField((input.complaintDetail ?? '').trim(), 'complaintDetail', 'Uraian pengaduan', fields);
  if (input.complaintType === 'lainnya' && !complaintDetail) {
    fields.complaintDetail = 'Uraian pengaduan wajib diisi untuk jenis pengaduan "Lainnya".';
  }
  return complaintDetail;
}

/**
 * The applicant, normalised; `nik` and `phone` are undefined when invalid (their reasons recorded),
 * as is `email` when absent or invalid.
 */
function readApplicant(
  a: IntakeInput['applicant'] | undefined,
  now: Date,
  fields: FieldErrors,
): Omit<Applicant, 'nik' | 'phone'> & { nik?: string; phone?: string } {
  const name = requiredField(a?.name, 'applicant.name', 'Nama pemohon', fields);
  const nik = validateNik(a?.nik ?? '', now);
  if (!nik.ok) fields['applicant.nik'] = nik.reason;
  const phone = validatePhone(a?.phone ?? '');
  if (!phone.ok) fields['applicant.phone'] = phone.reason;
  let email: string | undefined;
  if (a?.email !== undefined && a.email.trim() !== '') {
    const e = validateEmail(a.email);
    if (e.ok) email = e.email;
    else fields['applicant.email'] = e.reason;
  }
  return {
    name,
    nik: nik.ok ? nik.nik : undefined,
    phone: phone.ok ? phone.phone : undefined,
    ...(email ? { email } : {}),
    address: readAddress(a?.address, fields, 'applicant.address', 'pemohon'),
  };
}

/**
 * The trimmed address under `path` (of the applicant or of the KPM, `whose`); the kecamatan must be
 * one of Tarakan's and the kelurahan one of its own.
 */
function readAddress(address: Partial<Address> | undefined, fields: FieldErrors, path: string, whose: string): Address {
  const kecamatan = (address?.kecamatan ?? '').trim();
  const kelurahan = (address?.kelurahan ?? '').trim();
  const label = whose === 'pemohon' ? 'Alamat (jalan, RT/RW)' : `Alamat ${whose} (jalan, RT/RW)`;
  const street = requiredField(address?.street, `${path}.street`, label, fields);
  const kelurahanList = KECAMATAN_TARAKAN[kecamatan];
  const of = whose === 'pemohon' ? '' : ` ${whose}`;
  if (!kelurahanList) fields[`${path}.kecamatan`] = `Kecamatan${of} harus salah satu kecamatan di Kota Tarakan.`;
  else if (!kelurahanList.includes(kelurahan)) {
    fields[`${path}.kelurahan`] = `Kelurahan${of} tidak terdapat di Kecamatan ${kecamatan}.`;
  }
  return { kecamatan, kelurahan, street };
}

/**
 * The KPM, normalised; `nik` and `kkNumber` are undefined when invalid, `kksNumber` when absent or
 * invalid (reasons recorded). `warnings` holds the non-blocking remark of a KKS number failing Luhn.
 */
function readKpm(
  k: IntakeInput['kpm'] | undefined,
  now: Date,
  fields: FieldErrors,
): { name: string; nik?: string; kkNumber?: string; kksNumber?: string; warnings: string[] } {
  const name = requiredField(k?.name, 'kpm.name', 'Nama KPM', fields);
  const nik = validateNik(k?.nik ?? '', now);
  if (!nik.ok) fields['kpm.nik'] = nik.reason;
  const kk = validateKkNumber(k?.kkNumber ?? '');
  if (!kk.ok) fields['kpm.kkNumber'] = kk.reason;
  const warnings: string[] = [];
  let kksNumber: string | undefined;
  if (k?.kksNumber !== undefined && k.kksNumber.trim() !== '') {
    const kks = validateKksNumber(k.kksNumber);
    if (kks.ok) {
      kksNumber = kks.kksNumber;
      if (kks.warning) warnings.push(kks.warning);
    } else fields['kpm.kksNumber'] = kks.reason;
  }
  return {
    name,
    nik: nik.ok ? nik.nik : undefined,
    kkNumber: kk.ok ? kk.kkNumber : undefined,
    kksNumber,
    warnings,
  };
}

/**
 * When both NIKs are valid: the KPM applying in person gives the KPM's NIK; an heir or a proxy
 * gives another.
 */
function checkNikRelation(
  relation: ApplicantRelation,
  applicantNik: string | undefined,
  kpmNik: string | undefined,
  fields: FieldErrors,
): void {
  if (!applicantNik || !kpmNik) return;
  if (relation === 'kpm' && applicantNik !== kpmNik) {
    fields['applicant.nik'] = 'Pemohon adalah KPM sendiri, maka NIK pemohon harus sama dengan NIK KPM.';
  }
  if (relation !== 'kpm' && applicantNik === kpmNik) {
    fields['applicant.nik'] =
      'Ahli waris atau penerima kuasa harus memiliki NIK yang berbeda dengan NIK KPM.';
  }
}

/** The checklist with the brought documents present (none checked); an unknown kind is recorded. */
function readChecklist(present: readonly DocumentKind[] | undefined, fields: FieldErrors): DocumentChecklist {
  const documents = emptyChecklist();
  try {
    for (const kind of requireKinds(present ?? [], 'Checklist dokumen')) {
      documents[kind] = { present: true, check: null };
    }
  } catch (e) {
    fields.documentsPresent = e instanceof Error ? e.message : 'Checklist dokumen tidak valid.';
  }
  return documents;
}
