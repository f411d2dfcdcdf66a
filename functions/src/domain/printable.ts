/**
 * Every character accepted into a letter prints: the letter's fonts (DejaVu Sans Condensed) cover
 * the alphabet of `./printableAlphabet.ts` (generated from the font files and checked against them
 * by a test), and intake refuses — naming them — the characters outside it, rather than letting
 * the PDF drop them silently (a KPM named "Wa Ode Sitti Ḥalimah" once came out as "Wa Ode Sitti
 * alimah"). Text is read in Unicode NFC, so a letter typed as a base letter plus a combining mark
 * (H + U+0323) counts as its precomposed form (Ḥ). Pure: the staff page uses it too.
 */
import { PRINTABLE_RANGES } from './printableAlphabet.js';

/** Whether one code point is in the printable alphabet. */
export function isPrintable(codePoint: number): boolean {
  let lo = 0;
  let hi = PRINTABLE_RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = PRINTABLE_RANGES[mid]!;
    if (codePoint < a) hi = mid - 1;
    else if (codePoint > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The distinct characters of `text` (NFC) the letter cannot print, in order of appearance. */
export function unprintableCharacters(text: string): string[] {
  const bad: string[] = [];
  for (const ch of text.normalize('NFC')) {
    if (!isPrintable(ch.codePointAt(0) ?? 0) && !bad.includes(ch)) bad.push(ch);
  }
  return bad;
}

const describeChar = (ch: string): string => {
  const cp = ch.codePointAt(0) ?? 0;
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  // Invisible and combining characters are named by their code only.
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch) ? `"${ch}" (${code})` : code;
};

/**
 * `text` in NFC when the letter can print all of it; otherwise the Indonesian sentence that says
 * which characters cannot be printed, for the field named `label`.
 */
export function checkPrintable(text: string, label: string): { ok: true; text: string } | { ok: false; reason: string } {
  const nfc = text.normalize('NFC');
  const bad = unprintableCharacters(nfc);
  if (bad.length === 0) return { ok: true, text: nfc };
  return {
    ok: false,
    reason:
      `${label} memuat karakter yang tidak dapat dicetak pada Surat Keterangan: ${bad.map(describeChar).join(', ')}. ` +
      'Tuliskan dengan huruf Latin (boleh dengan tanda diakritik) sesuai dokumen kependudukan.',
  };
}
