/**
 * Tracking codes at rest: `caseTracking/{caseId}` (server-only) holds `codeHash`, never the code.
 *
 * The hash is an HMAC-SHA-256 keyed with a secret (not a salted hash): the code has 50 random
 * bits, so a salted SHA-256 of it, read from a leaked export or backup, could still be searched
 * offline at GPU speed (2^50 hashes is about a day per case); with a key that lives only in
 * Secret Manager the stored value is useless without the key. The key is derived from the
 * project's SEARCH_HASH_KEY with its own label (HMAC(SEARCH_HASH_KEY, 'pengaduan-kpm/tracking/v1')),
 * so no hash made for searching can stand for a tracking hash or the other way round, and the
 * office manages one secret. The case id is part of the message: a hash copied to another case
 * does not match there. Rotating SEARCH_HASH_KEY invalidates every tracking code (receipts must be
 * issued again); `keyVersion` records which derivation made a hash.
 *
 * The client address of the slow-down is kept the same way (`addressKey`): an IPv4 address in a
 * plain hash could be read back by trying all 2^32.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { db } from '../firebase/admin.js';
import { SEARCH_HASH_KEY } from '../firebase/params.js';

export const TRACKING = 'caseTracking';
export const trackingRef = (caseId: string) => db().collection(TRACKING).doc(caseId);
export const KEY_VERSION = 1;

export interface StoredTracking {
  caseId: string;
  /** The case number, by which /lacak finds this document. */
  number: string;
  /** Lower-case hex HMAC-SHA-256 (see above). */
  codeHash: string;
  keyVersion: number;
  /** How many codes have been issued for this case (each one replaced the one before). */
  issues: number;
  issuedAt: string;
  issuedBy: string;
}

let derived: { from: string; key: Buffer } | undefined;
/** The tracking key, derived once per process from the secret. */
function trackingKey(): Buffer {
  const secret = SEARCH_HASH_KEY.value();
  if (!secret) throw new Error('SEARCH_HASH_KEY is not set');
  if (derived?.from !== secret) {
    derived = {
      from: secret,
      key: createHmac('sha256', secret).update('pengaduan-kpm/tracking/v1').digest(),
    };
  }
  return derived.key;
}

const mac = (message: string): string => createHmac('sha256', trackingKey()).update(message).digest('hex');

/** The stored form of a code of a case. */
export const codeHashOf = (caseId: string, code: string): string => mac(`code:${caseId}:${code}`);

/**
 * True when `code` is the case's current code. Always computes one HMAC and one constant-time
 * comparison, also when there is no stored hash (an unknown number), so both cost the same work.
 */
export function codeMatches(
  stored: Pick<StoredTracking, 'caseId' | 'codeHash'> | null,
  code: string | null,
): boolean {
  const expected = Buffer.from(stored?.codeHash ?? '0'.repeat(64), 'hex');
  const got = Buffer.from(codeHashOf(stored?.caseId ?? '-', code ?? ''), 'hex');
  return expected.length === got.length && timingSafeEqual(expected, got) && stored !== null && code !== null;
}

/** The document id of a slow-down key: a keyed hash, so neither a number nor an address is stored. */
export const throttleKey = (kind: 'number' | 'address', value: string): string =>
  `${kind === 'number' ? 'n' : 'a'}-${mac(`throttle:${kind}:${value}`).slice(0, 32)}`;
