/**
 * Verification codes of issued letters: 10 characters of Crockford base32 (50 random bits), printed
 * under the QR code as `XXXXX-XXXXX` and carried in the public URL `/verifikasi/<code>`.
 * Pure (Web Crypto only): the public verification page normalises typed codes with it too.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;

/** A new random code (unguessable: 32^10 ≈ 1.1·10^15 possibilities). */
export function newVerificationCode(): string {
  const bytes = new Uint8Array(CODE_LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  // 256 is a multiple of 32: `b & 31` is uniform.
  return Array.from(bytes, (b) => CODE_ALPHABET[b & 31]).join('');
}

/**
 * A typed or scanned code in canonical form, or null when it cannot be one: case-insensitive,
 * spaces and dashes ignored, the look-alikes I/L → 1 and O → 0 (Crockford's reading rules).
 */
export function normalizeVerificationCode(input: string): string | null {
  if (typeof input !== 'string') return null;
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return s.length === CODE_LENGTH && [...s].every((c) => CODE_ALPHABET.includes(c)) ? s : null;
}

/** 'K7Q2M9XH3D' → 'K7Q2M-9XH3D' (as printed on the letter). */
export function displayVerificationCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The public verification page of a code: `${base}/verifikasi/<code>` (trailing slashes on the base ignored). */
export function verificationUrl(base: string, code: string): string {
  return `${base.replace(/\/+$/, '')}/verifikasi/${code}`;
}
