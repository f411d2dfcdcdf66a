/**
 * The record of who saw what (`accessLog`, written by `cases/access.ts`), as the access-log page
 * shows and exports it: labels, a summary per case or per staff member, and the CSV file.
 * An entry holds the staff member, the case (id and number), what was opened and when; no
 * applicant data. Pure: the staff page bundles it.
 */
import { toCsv } from './csv.js';
import { officeDateParts } from './indonesianDate.js';
import { DOCUMENT_LABELS, type DocumentKind } from './vocabulary.js';

export const ACCESS_KINDS = ['identity', 'document', 'letter'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

/** One entry as stored in `accessLog/{auto}`. */
export interface AccessEntry {
  at: string;
  uid: string;
  name: string;
  caseId: string;
  caseNumber: string | null;
  what: AccessKind;
  documentKind?: string;
}

export const ACCESS_KIND_LABELS: Record<AccessKind, string> = {
  identity: 'Identitas pemohon dan KPM',
  document: 'Fotokopi dokumen',
  letter: 'Surat Keterangan (PDF)',
};

/** "Fotokopi dokumen: Fotokopi KTP/KK", "Surat Keterangan (PDF)", … */
export function describeAccess(e: Pick<AccessEntry, 'what' | 'documentKind'>): string {
  const base = ACCESS_KIND_LABELS[e.what] ?? String(e.what);
  if (e.what !== 'document' || !e.documentKind) return base;
  const label = DOCUMENT_LABELS[e.documentKind as DocumentKind] ?? e.documentKind;
  return `${base}: ${label}`;
}

export interface AccessSummaryRow {
  /** Case number, or the staff member's uid. */
  key: string;
  /** Case number, or the staff member's name. */
  label: string;
  total: number;
  byKind: Record<AccessKind, number>;
  /** Distinct staff members (per case) or distinct cases (per staff member). */
  distinct: number;
  last: string;
}

/**
 * Entries grouped per case (`by: 'case'`) or per staff member (`by: 'staff'`), the group with the
 * most recent entry first.
 */
export function summarise(entries: readonly AccessEntry[], by: 'case' | 'staff'): AccessSummaryRow[] {
  const groups = new Map<string, AccessSummaryRow & { others: Set<string> }>();
  for (const e of entries) {
    const key = by === 'case' ? e.caseId : e.uid;
    const label = by === 'case' ? (e.caseNumber ?? e.caseId) : e.name;
    let g = groups.get(key);
    if (!g) {
      g = { key, label, total: 0, byKind: { identity: 0, document: 0, letter: 0 }, distinct: 0, last: e.at, others: new Set() };
      groups.set(key, g);
    }
    g.total += 1;
    if (e.what in g.byKind) g.byKind[e.what] += 1;
    g.others.add(by === 'case' ? e.uid : e.caseId);
    if (e.at > g.last) g.last = e.at;
  }
  return [...groups.values()]
    .map(({ others, ...g }) => ({ ...g, distinct: others.size }))
    .sort((a, b) => b.last.localeCompare(a.last) || a.label.localeCompare(b.label));
}

export const ACCESS_CSV_HEADER = [
  'Waktu (WITA)',
  'Waktu (UTC)',
  'Petugas',
  'ID petugas',
  'Nomor pengaduan',
  'ID pengaduan',
  'Yang dibuka',
] as const;

const two = (n: number) => String(n).padStart(2, '0');

/** `2026-11-27 14:05` in the office's time zone (WITA): sortable in a spreadsheet. */
export function officeStamp(iso: string): string {
  const p = officeDateParts(new Date(iso));
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/** The CSV export of `entries` (in the order given), with the office time and the exact instant. */
export function accessLogCsv(entries: readonly AccessEntry[]): string {
  return toCsv(
    ACCESS_CSV_HEADER,
    entries.map((e) => [
      officeStamp(e.at),
      e.at,
      e.name,
      e.uid,
      e.caseNumber ?? '',
      e.caseId,
      describeAccess(e),
    ]),
  );
}
