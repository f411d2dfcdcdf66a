/**
 * Search without exposure: a case document carries keyed hashes (HMAC-SHA-256 with the secret
 * SEARCH_HASH_KEY, truncated to 96 bits) of the NIKs, the KK number and the name prefixes of its
 * applicant and KPM. A full NIK or KK number, or a name prefix, typed on the staff page is hashed on
 * the server and matched exactly; no other NIK ever reaches a browser, and whoever reads the
 * stored hashes cannot try the small space of NIKs without the key.
 */
import { createHmac } from 'node:crypto';
import type { CaseIdentity } from '../domain/caseSummary.js';
import { namePrefixes, normalizeName } from '../domain/caseSummary.js';
import { SEARCH_HASH_KEY } from '../firebase/params.js';

export interface SearchKeys {
  /** NIKs of the applicant and the KPM, and the KPM's KK number. */
  ids: string[];
  /** Every 3–20-letter prefix of every word of both names. */
  names: string[];
}

const digest = (kind: 'id' | 'name', value: string): string =>
  createHmac('sha256', SEARCH_HASH_KEY.value()).update(`${kind}:${value}`).digest('hex').slice(0, 24);

/** The hash a full identifier (NIK or KK number, digits only) is searched by. */
export const idKey = (digits: string): string => digest('id', digits.replace(/\D/g, ''));

/** The hash a name prefix (normalised, one word) is searched by. */
export const nameKey = (prefix: string): string => digest('name', normalizeName(prefix));

/** The search keys stored on a case. */
export function searchKeysOf(identity: CaseIdentity): SearchKeys {
  const ids = [...new Set([identity.applicant.nik, identity.kpm.nik, identity.kpm.kkNumber])].map(idKey);
  const names = namePrefixes(identity.applicant.name, identity.kpm.name).map(nameKey);
  return { ids, names };
}
