/**
 * The PDF stream filters (ISO 32000-1 §7.4), decoded so that what a reader would see can be
 * inspected: every filter the format defines is either decoded here, or known to carry only image
 * samples (which hold no PDF objects and are not decoded), or refused. Predictors (PNG 10–15,
 * TIFF 2) of Flate and LZW are undone. Pure (node:zlib only), with a budget against bombs.
 */
import { constants as zlibConstants, inflateSync } from 'node:zlib';

/** Filters decoded here (with their abbreviations of inline images, §8.9.7). */
const DECODED = new Map<string, string>([
  ['FlateDecode', 'FlateDecode'],
  ['Fl', 'FlateDecode'],
  ['LZWDecode', 'LZWDecode'],
  ['LZW', 'LZWDecode'],
  ['ASCIIHexDecode', 'ASCIIHexDecode'],
  ['AHx', 'ASCIIHexDecode'],
  ['ASCII85Decode', 'ASCII85Decode'],
  ['A85', 'ASCII85Decode'],
  ['RunLengthDecode', 'RunLengthDecode'],
  ['RL', 'RunLengthDecode'],
]);
/** Filters whose output is image samples only: nothing to inspect. Allowed as the last filter. */
const IMAGE_ONLY = new Set(['DCTDecode', 'DCT', 'JPXDecode', 'CCITTFaxDecode', 'CCF', 'JBIG2Decode']);

export class PdfFilterError extends Error {
  constructor(
    readonly reason: 'unknown-filter' | 'crypt-filter' | 'bad-data' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

export interface DecodeParms {
  Predictor?: number;
  Colors?: number;
  BitsPerComponent?: number;
  Columns?: number;
  EarlyChange?: number;
}

/**
 * Decodes `data` through the filter chain. Returns null when the chain ends in an image-only
 * filter (nothing to inspect). Throws PdfFilterError for a Crypt filter, an unknown filter, an
 * image filter before the end of the chain, bad data, or output over `budget` bytes.
 */
export function decodeStream(
  data: Uint8Array,
  filters: readonly string[],
  parms: readonly (DecodeParms | null)[],
  budget: number,
): Uint8Array | null {
  let out = data;
  for (const [i, name] of filters.entries()) {
    if (name === 'Crypt') throw new PdfFilterError('crypt-filter', 'Crypt');
    if (IMAGE_ONLY.has(name)) {
      if (i !== filters.length - 1) throw new PdfFilterError('unknown-filter', `${name} before another filter`);
      return null;
    }
    const filter = DECODED.get(name);
    if (!filter) throw new PdfFilterError('unknown-filter', name);
    out = decodeOne(filter, out, parms[i] ?? null, budget);
    if (out.length > budget) throw new PdfFilterError('too-large', name);
  }
  return out;
}

function decodeOne(filter: string, data: Uint8Array, p: DecodeParms | null, budget: number): Uint8Array {
  switch (filter) {
    case 'FlateDecode':
      return unpredict(inflate(data, budget), p);
    case 'LZWDecode':
      return unpredict(lzwDecode(data, p?.EarlyChange ?? 1, budget), p);
    case 'ASCIIHexDecode':
      return asciiHexDecode(data);
    case 'ASCII85Decode':
      return ascii85Decode(data);
    default:
      return runLengthDecode(data, budget);
  }
}

function inflate(data: Uint8Array, budget: number): Uint8Array {
  try {
    return inflateSync(data, { maxOutputLength: Math.max(1, budget), finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch (e) {
    const tooBig = (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw new PdfFilterError(tooBig ? 'too-large' : 'bad-data', 'FlateDecode');
  }
}

function asciiHexDecode(data: Uint8Array): Uint8Array {
  const text = Buffer.from(data).toString('latin1');
  const end = text.indexOf('>');
  const hex = (end >= 0 ? text.slice(0, end) : text).replace(/\s+/g, '');
  if (/[^0-9A-Fa-f]/.test(hex)) throw new PdfFilterError('bad-data', 'ASCIIHexDecode');
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
}

function ascii85Decode(data: Uint8Array): Uint8Array {
  const text = Buffer.from(data).toString('latin1').replace(/\s+/g, '');
  const body = text.startsWith('<~') ? text.slice(2) : text;
  const end = body.indexOf('~>');
  const s = end >= 0 ? body.slice(0, end) : body;
  const out: number[] = [];
  let group: number[] = [];
  const flush = (n: number) => {
    let v = 0;
    for (let k = 0; k < 5; k++) v = v * 85 + (group[k] ?? 84);
    for (let k = 0; k < n - 1; k++) out.push((v >>> (24 - 8 * k)) & 0xff);
    group = [];
  };
  for (const ch of s) {
    if (ch === 'z' && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    const c = ch.charCodeAt(0) - 33;
    if (c < 0 || c > 84) throw new PdfFilterError('bad-data', 'ASCII85Decode');
    group.push(c);
    if (group.length === 5) flush(5);
  }
  if (group.length === 1) throw new PdfFilterError('bad-data', 'ASCII85Decode');
  if (group.length > 0) flush(group.length);
  return Uint8Array.from(out);
}

function runLengthDecode(data: Uint8Array, budget: number): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < data.length) {
    const len = data[i++] ?? 128;
    if (len === 128) break;
    if (len < 128) {
      for (let k = 0; k <= len && i < data.length; k++) out.push(data[i++] ?? 0);
    } else {
      const b = data[i++] ?? 0;
      for (let k = 0; k < 257 - len; k++) out.push(b);
    }
    if (out.length > budget) throw new PdfFilterError('too-large', 'RunLengthDecode');
  }
  return Uint8Array.from(out);
}

/** LZW as PDF uses it (§7.4.4): 9–12-bit codes, 256 clear, 257 end, EarlyChange 1 by default. */
function lzwDecode(data: Uint8Array, earlyChange: number, budget: number): Uint8Array {
  const out: number[] = [];
  let dict: number[][] = [];
  const reset = () => {
    dict = Array.from({ length: 258 }, (_, k) => (k < 256 ? [k] : []));
  };
  reset();
  let width = 9;
  let bitBuf = 0;
  let bitLen = 0;
  let prev: number[] | null = null;
  for (const byte of data) {
    bitBuf = (bitBuf << 8) | byte;
    bitLen += 8;
    while (bitLen >= width) {
      const code = (bitBuf >>> (bitLen - width)) & ((1 << width) - 1);
      bitLen -= width;
      bitBuf &= (1 << bitLen) - 1;
      if (code === 256) {
        reset();
        width = 9;
        prev = null;
        continue;
      }
      if (code === 257) return Uint8Array.from(out);
      let entry = dict[code];
      if (!entry || (entry.length === 0 && code >= 258)) {
        if (code !== dict.length || !prev) throw new PdfFilterError('bad-data', 'LZWDecode');
        entry = [...prev, prev[0] ?? 0];
      }
      out.push(...entry);
      if (out.length > budget) throw new PdfFilterError('too-large', 'LZWDecode');
      if (prev && dict.length < 4096) dict.push([...prev, entry[0] ?? 0]);
      prev = entry;
      if (dict.length + earlyChange >= 1 << width && width < 12) width += 1;
    }
  }
  return Uint8Array.from(out);
}

/** Undoes a TIFF (2) or PNG (10–15) predictor; 1 or absent means none. */
export function unpredict(data: Uint8Array, p: DecodeParms | null): Uint8Array {
  const predictor = p?.Predictor ?? 1;
  if (predictor === 1) return data;
  const colors = p?.Colors ?? 1;
  const bpc = p?.BitsPerComponent ?? 8;
  const columns = p?.Columns ?? 1;
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLen = Math.ceil((colors * bpc * columns) / 8);
  if (rowLen <= 0 || ![2, 10, 11, 12, 13, 14, 15].includes(predictor)) {
    throw new PdfFilterError('unknown-filter', `Predictor ${predictor}`);
  }
  if (predictor === 2) {
    if (bpc !== 8) throw new PdfFilterError('unknown-filter', 'TIFF predictor with BitsPerComponent ≠ 8');
    const out = Uint8Array.from(data);
    for (let r = 0; r < out.length; r += rowLen) {
      for (let i = r + bpp; i < Math.min(r + rowLen, out.length); i++) out[i] = ((out[i] ?? 0) + (out[i - bpp] ?? 0)) & 0xff;
    }
    return out;
  }
  const rows = Math.floor(data.length / (rowLen + 1));
  const out = new Uint8Array(rows * rowLen);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLen + 1)] ?? 0;
    const src = r * (rowLen + 1) + 1;
    const dst = r * rowLen;
    for (let i = 0; i < rowLen; i++) {
      const raw = data[src + i] ?? 0;
      const left = i >= bpp ? (out[dst + i - bpp] ?? 0) : 0;
      const up = r > 0 ? (out[dst - rowLen + i] ?? 0) : 0;
      const upLeft = r > 0 && i >= bpp ? (out[dst - rowLen + i - bpp] ?? 0) : 0;
      out[dst + i] = (raw + pngPredict(type, left, up, upLeft)) & 0xff;
    }
  }
  return out;
}

function pngPredict(type: number, left: number, up: number, upLeft: number): number {
  switch (type) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4: {
      const p = left + up - upLeft;
      const pa = Math.abs(p - left);
      const pb = Math.abs(p - up);
      const pc = Math.abs(p - upLeft);
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default:
      throw new PdfFilterError('bad-data', `PNG row filter ${type}`);
  }
}
