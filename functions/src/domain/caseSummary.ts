/**
 * A case is stored in two parts (UU 27/2022: data minimisation):
 *  - the case document `cases/{id}`: the workflow and a *summary* for lists and inboxes (number,
 *    state, type, kelurahan, clocks, masked names, masked NIK) — readable by all active staff;
 *  - the *identity* `cases/{id}/private/identity`: NIK, KK, KKS, phone, email, addresses, full
 *    names, and who received the letter — read only through the server by the case-working roles,
 *    each opening recorded.
 * The domain works on the whole case (`CaseSnapshot`); this module says which part is which.
 * Pure: the shell and the staff page share it.
 */
import type { Address, Applicant, CaseSnapshot, Handover, Kpm } from './caseModel.js';
import { maskName } from './letterContent.js';
import type { Role } from './vocabulary.js';

/** The summary a list shows: no identifier, no contact, no full name. */
export interface CaseSummary {
  /** 'S*** A*****' */
  applicantName: string;
  kpmName: string;
  /** '6571 •••• •••• 0001' */
  kpmNik: string;
  kecamatan: string;
  kelurahan: string;
  hasEmail: boolean;
}

/**
 * The document an inbox row is made of (`caseSummaries/{caseId}`): small on purpose — a role's
 * inbox of a thousand open cases downloads a thousand of these, and nothing else.
 */
export type SummaryDoc = Omit<CaseSummary, 'kecamatan' | 'hasEmail'> &
  Pick<CaseSnapshot, 'number' | 'state' | 'complaintType' | 'createdAt' | 'clock'>;

/** The summary document of a case. */
export function summaryDocOf(
  kase: Pick<CaseSnapshot, 'number' | 'state' | 'complaintType' | 'createdAt' | 'clock'>,
  summary: CaseSummary,
): SummaryDoc {
  // The kecamatan follows from the kelurahan, and the inbox has no use for `hasEmail`: every byte
  // here is paid a thousand times by a busy inbox.
  return {
    number: kase.number,
    state: kase.state,
    complaintType: kase.complaintType,
    createdAt: kase.createdAt,
    clock: kase.clock,
    applicantName: summary.applicantName,
    kpmName: summary.kpmName,
    kpmNik: summary.kpmNik,
    kelurahan: summary.kelurahan,
  };
}

/** What only the case-working roles see, on the case page. */
export interface CaseIdentity {
  applicant: Applicant;
  kpm: Kpm;
  /** The person who received the letter (a name), once handed over. */
  handover?: { receivedBy: string };
}

/** The roles that work on cases and may open a case's identity (never `admin`). */
export const IDENTITY_ROLES: readonly Role[] = ['fo', 'analis', 'koordinator', 'kabid'];

/** '6571014508900001' → '6571 •••• •••• 0001' (region code and last four digits only). */
export function maskNikGrouped(nik: string): string {
  const d = (typeof nik === 'string' ? nik : '').replace(/\D/g, '');
  if (d.length !== 16) return '•••• •••• •••• ••••';
  return `${d.slice(0, 4)} •••• •••• ${d.slice(12)}`;
}

/** The summary of a case's identity. */
export function summaryOf(applicant: Applicant, kpm: Kpm & { address?: Address }): CaseSummary {
  return {
    applicantName: maskName(applicant.name),
    kpmName: maskName(kpm.name),
    kpmNik: maskNikGrouped(kpm.nik),
    kecamatan: applicant.address.kecamatan,
    kelurahan: applicant.address.kelurahan,
    hasEmail: Boolean(applicant.email),
  };
}

/** A stored case document: the case without its identity, plus the summary. */
export type StoredCaseFields = Omit<CaseSnapshot, 'applicant' | 'kpm' | 'handover'> & {
  summary: CaseSummary;
  handover?: Omit<Handover, 'receivedBy'> | null;
};

/** Splits a whole case into what the case document and the identity document hold. */
export function splitCase<C extends Pick<CaseSnapshot, 'applicant' | 'kpm'> & { handover?: Handover | null }>(
  kase: C,
): { stored: Omit<C, 'applicant' | 'kpm' | 'handover'> & { summary: CaseSummary; handover?: Omit<Handover, 'receivedBy'> | null }; identity: CaseIdentity } {
  const { applicant, kpm, handover, ...rest } = kase;
  const { receivedBy, ...handoverRest } = handover ?? ({} as Partial<Handover>);
  return {
    stored: {
      ...rest,
      summary: summaryOf(applicant, kpm),
      ...(handover !== undefined ? { handover: handover ? (handoverRest as Omit<Handover, 'receivedBy'>) : null } : {}),
    },
    identity: { applicant, kpm, ...(receivedBy ? { handover: { receivedBy } } : {}) },
  };
}

/** The whole case again, from the case document and its identity. */
export function joinCase<S extends { handover?: Omit<Handover, 'receivedBy'> | null }>(
  stored: S,
  identity: CaseIdentity,
): Omit<S, 'handover'> & Pick<CaseSnapshot, 'applicant' | 'kpm'> & { handover: Handover | null } {
  const handover = stored.handover ? { ...stored.handover, receivedBy: identity.handover?.receivedBy ?? '' } : null;
  return { ...stored, applicant: identity.applicant, kpm: identity.kpm, handover };
}

/**
 * A transition's patch split in the same way: the identity fields a patch may carry (today only
 * `handover.receivedBy`) go to the identity document.
 */
export function splitPatch<P extends { handover?: Handover | null }>(
  patch: P,
): { stored: Omit<P, 'handover'> & { handover?: Omit<Handover, 'receivedBy'> | null }; identity: Partial<CaseIdentity> | null } {
  if (!patch.handover) return { stored: patch, identity: null };
  const { receivedBy, ...rest } = patch.handover;
  return { stored: { ...patch, handover: rest }, identity: { handover: { receivedBy } } };
}

/**
 * A name as search keys: lower case, accents and punctuation gone, honorifics kept as words.
 * 'Hj. Siti Ma'rifah' → 'hj siti marifah'.
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The shortest prefix a name search accepts. */
export const MIN_NAME_PREFIX = 3;
const MAX_NAME_PREFIX = 20;

/** Every prefix (3..20 letters) of every word of the names: what a prefix search can match. */
export function namePrefixes(...names: string[]): string[] {
  const out = new Set<string>();
  for (const word of names.flatMap((n) => normalizeName(n).split(' '))) {
    for (let len = MIN_NAME_PREFIX; len <= Math.min(word.length, MAX_NAME_PREFIX); len++) out.add(word.slice(0, len));
  }
  return [...out];
}

/**
 * What the case page shows in place of the identity to someone who may not open it (the
 * administrator), or while it loads: the summary's masked names and NIK, nothing else.
 */
export function maskedIdentity(summary: CaseSummary): CaseIdentity {
  const hidden = '•••';
  return {
    applicant: {
      name: summary.applicantName,
      nik: hidden,
      phone: hidden,
      address: { kecamatan: summary.kecamatan, kelurahan: summary.kelurahan, street: hidden },
    },
    kpm: { name: summary.kpmName, nik: summary.kpmNik, kkNumber: hidden },
  };
}

/**
 * The summary of a stored case document; a case stored before the identity was split out carries
 * its identity inline and gets its summary computed here.
 */
export function summaryOfDoc(doc: { summary?: CaseSummary } & Partial<Pick<CaseSnapshot, 'applicant' | 'kpm'>>): CaseSummary {
  if (doc.summary) return doc.summary;
  if (doc.applicant && doc.kpm) return summaryOf(doc.applicant, doc.kpm);
  return { applicantName: '—', kpmName: '—', kpmNik: maskNikGrouped(''), kecamatan: '', kelurahan: '', hasEmail: false };
}
