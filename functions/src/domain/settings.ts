/**
 * Office settings (admin-editable): time standards, office calendar, required documents,
 * letterhead, signer, letter-number format and the retention schedule of personal data. Defaults are the SOP's values plus demo
 * placeholders that an administrator must replace. Validation (zod) is done by the shell.
 */
import { DEFAULT_REQUIRED_DOCUMENTS, type RequiredDocumentsTable } from './documents.js';
import { DEFAULT_RETENTION, type RetentionSchedule } from './retention.js';
import {
  DEFAULT_CALENDAR,
  DEFAULT_TIME_STANDARDS,
  type OfficeCalendar,
  type TimeStandards,
} from './officeClock.js';

export interface Letterhead {
  government: string;
  office: string;
  address: string;
  phone: string;
  email: string;
  website: string;
}

export interface Signer {
  name: string;
  /** NIP: 18-digit civil-servant number. */
  nip: string;
  title: string;
}

export interface LetterNumberSettings {
  /**
   * Placeholders: `{classification}`, `{sequence}`, `{unit}`, `{roman month}`, `{year}`.
   * E.g. `460/012/Dinsos-PM/III/2026`.
   */
  format: string;
  classification: string;
  unit: string;
}

export interface OfficeSettings {
  timeStandards: TimeStandards;
  calendar: OfficeCalendar;
  requiredDocuments: RequiredDocumentsTable;
  letterhead: Letterhead;
  signer: Signer;
  letterNumber: LetterNumberSettings;
  /** How long personal data is kept (see retention.ts for the defaults and why). */
  retention: RetentionSchedule;
}

/**
 * Defaults. Holidays: only the fixed-date national holidays of 2026 (Tahun Baru Masehi, Hari Buruh,
 * Hari Lahir Pancasila, Hari Kemerdekaan, Hari Raya Natal). The movable ones (Idul Fitri, Idul Adha,
 * Nyepi, Waisak, Imlek, …) and cuti bersama follow the yearly SKB of three ministers and must be
 * entered by the administrator.
 * Letterhead contact details and the signer are demo placeholders (`.example` domains never deliver).
 */
export const DEFAULT_SETTINGS: Readonly<OfficeSettings> = {
  timeStandards: { ...DEFAULT_TIME_STANDARDS },
  calendar: {
    ...DEFAULT_CALENDAR,
    holidays: ['2026-01-01', '2026-05-01', '2026-06-01', '2026-08-17', '2026-12-25'],
  },
  requiredDocuments: DEFAULT_REQUIRED_DOCUMENTS,
  letterhead: {
    government: 'Pemerintah Kota Tarakan',
    office: 'Dinas Sosial dan Pemberdayaan Masyarakat',
    address: 'Jalan Contoh No. 1, Kota Tarakan, Kalimantan Utara',
    phone: '(0551) 000000',
    email: 'dinsospm@tarakan.example',
    website: 'https://dinsospm.tarakan.example',
  },
  signer: {
    name: 'Nama Kepala Bidang (Demo)',
    nip: '197001012000031001',
    title: 'Kepala Bidang Sosial',
  },
  letterNumber: {
    format: '{classification}/{sequence}/{unit}/{roman month}/{year}',
    classification: '460',
    unit: 'Dinsos-PM',
  },
  retention: { ...DEFAULT_RETENTION },
};

/** A recursive partial: objects may be partial at every level; arrays are replaced whole. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined || over === null) return structuredCloneish(base);
  if (!isPlainObject(base) || !isPlainObject(over)) return structuredCloneish(over);
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(base), ...Object.keys(over)])) {
    out[key] = deepMerge(base[key], over[key]);
  }
  return out;
}

/** Copies plain objects and arrays so the result never shares structure with DEFAULT_SETTINGS. */
function structuredCloneish(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(structuredCloneish);
  if (isPlainObject(v))
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, structuredCloneish(x)]));
  return v;
}

/**
 * Deep-merges stored (partial) settings over `DEFAULT_SETTINGS`: objects merge key by key,
 * arrays and scalars in `partial` replace the default, `undefined`/`null` keep it (so a default
 * key, e.g. Friday's hours, cannot be removed by merging — override its value instead).
 * Returns a fresh object.
 */
export function mergeSettings(partial?: DeepPartial<OfficeSettings> | null): OfficeSettings {
  return deepMerge(DEFAULT_SETTINGS, partial ?? undefined) as OfficeSettings;
}
