/**
 * Reading the fields of a payload that has passed the callable's schema but is still checked here,
 * because the domain is also called directly (tests, the staff page) and must refuse on its own.
 * Every refusal is `invalid-argument` with a sentence in Bahasa Indonesia.
 */
import { DomainError } from '../errors.js';
import { DOCUMENT_KINDS, DOCUMENT_LABELS, type DocumentKind } from '../vocabulary.js';

/** True when `value` is one of `options` (narrows it). */
export const isOneOf = <T>(options: readonly T[], value: unknown): value is T =>
  (options as readonly unknown[]).includes(value);

/** The labels of `kinds`, comma-separated, in the given order. */
export const listLabels = (kinds: readonly DocumentKind[]): string =>
  kinds.map((k) => DOCUMENT_LABELS[k]).join(', ');

/** The trimmed text; `invalid-argument` ("<label> wajib diisi.") when it is missing or blank. */
export function requireText(value: unknown, label: string): string {
  const v = typeof value === 'string' ? value.trim() : '';
  if (!v) throw new DomainError('invalid-argument', `${label} wajib diisi.`, { field: label });
  return v;
}

/** The trimmed text, or undefined when it is missing or blank. */
export function optionalText(value: unknown): string | undefined {
  const v = typeof value === 'string' ? value.trim() : '';
  return v ? v : undefined;
}

/** The document kinds of a list, without repeats, in first-seen order; refuses a non-list or an unknown kind. */
export function requireKinds(value: unknown, label: string): DocumentKind[] {
  if (!Array.isArray(value))
    throw new DomainError('invalid-argument', `${label} harus berupa daftar dokumen.`);
  const out: DocumentKind[] = [];
  for (const k of value) {
    if (!isOneOf(DOCUMENT_KINDS, k)) {
      throw new DomainError('invalid-argument', `${label}: jenis dokumen tidak dikenal (${String(k)}).`);
    }
    if (!out.includes(k)) out.push(k);
  }
  return out;
}
