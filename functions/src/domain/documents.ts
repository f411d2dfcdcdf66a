/**
 * Required photocopies per complaint type and applicant relation, and the SOP warnings that apply.
 * The table is configuration (admin-editable through settings); the defaults are the SOP's reading.
 */
import {
  APPLICANT_RELATIONS,
  COMPLAINT_TYPES,
  DOCUMENT_KINDS,
  type ApplicantRelation,
  type ComplaintType,
  type DocumentKind,
  type WARNINGS,
} from './vocabulary.js';

/** complaint type → applicant relation → the documents that must be brought. */
export type RequiredDocumentsTable = Record<
  ComplaintType,
  Record<ApplicantRelation, readonly DocumentKind[]>
>;

/**
 * The SOP's reading (SOP.md, "Reading of the documents"):
 *  - KTP/KK and the savings book always;
 *  - the KKS unless the complaint is that the card is lost (`kks_hilang`);
 *  - heir letter and death certificate when the KPM has died (`kpm_meninggal`) or an heir applies;
 *  - a power of attorney when a proxy (`kuasa`) applies.
 * Lists follow the order of `DOCUMENT_KINDS`.
 */
function sopRule(type: ComplaintType, relation: ApplicantRelation): DocumentKind[] {
  const need = new Set<DocumentKind>(['ktp_kk', 'buku_tabungan']);
  if (type !== 'kks_hilang') need.add('kks');
  if (type === 'kpm_meninggal' || relation === 'ahli_waris') {
    need.add('surat_ahli_waris');
    need.add('surat_kematian');
  }
  if (relation === 'kuasa') need.add('surat_kuasa');
  return DOCUMENT_KINDS.filter((k) => need.has(k));
}

export const DEFAULT_REQUIRED_DOCUMENTS: Readonly<RequiredDocumentsTable> = Object.fromEntries(
  COMPLAINT_TYPES.map((t) => [t, Object.fromEntries(APPLICANT_RELATIONS.map((r) => [r, sopRule(t, r)]))]),
) as unknown as RequiredDocumentsTable;

/**
 * The documents required for a complaint type and relation, from `settings.requiredDocuments`
 * when given (else the SOP defaults), in `DOCUMENT_KINDS` order and without duplicates.
 */
export function requiredDocuments(
  complaintType: ComplaintType,
  relation: ApplicantRelation,
  settings?: { requiredDocuments: RequiredDocumentsTable },
): DocumentKind[] {
  const table = settings?.requiredDocuments ?? DEFAULT_REQUIRED_DOCUMENTS;
  const listed = table[complaintType]?.[relation] ?? DEFAULT_REQUIRED_DOCUMENTS[complaintType][relation];
  return DOCUMENT_KINDS.filter((k) => listed.includes(k));
}

export type WarningKey = keyof typeof WARNINGS;

/**
 * The SOP warnings that apply: card replacement (`penggantianKks`) for a lost KKS, collection by
 * proxy (`pengambilanKuasa`) when a proxy applies.
 */
export function warningsFor(complaintType: ComplaintType, relation: ApplicantRelation): WarningKey[] {
  const out: WarningKey[] = [];
  if (complaintType === 'kks_hilang') out.push('penggantianKks');
  if (relation === 'kuasa') out.push('pengambilanKuasa');
  return out;
}
