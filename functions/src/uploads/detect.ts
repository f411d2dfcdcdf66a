/**
 * Upload checks by the bytes only: the real type (never the file name or the client's
 * Content-Type), the size, and polyglots (a file that is two formats at once).
 *
 * Allowed: JPEG, PNG, WebP, HEIC/HEIF, PDF. Everything else is refused as `invalid-argument`
 * with a sentence in Bahasa Indonesia that the phone page shows as is.
 */
import { DomainError } from '../domain/errors.js';
import { decodeStream, PdfFilterError, type DecodeParms } from './pdfFilters.js';

export type UploadKind = 'jpeg' | 'png' | 'webp' | 'heic' | 'pdf';

export interface DetectedUpload {
  kind: UploadKind;
  /** The canonical MIME type of the detected kind (not the one the client claimed). */
  mime: string;
}

/** Largest raw request body accepted (10 MiB). The HTTPS function refuses bigger bodies first. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/**
 * Largest object written to Storage (8 MiB). Re-encoded images stay far below it; a PDF, kept as
 * is, must fit under it; a PNG that re-encodes above it is stored as JPEG instead.
 */
export const MAX_STORED_BYTES = 8 * 1024 * 1024;

export const MESSAGES = {
  empty: 'Berkas kosong. Silakan pilih atau foto ulang dokumen.',
  tooLarge: 'Berkas terlalu besar. Ukuran maksimum adalah 10 MB.',
  notAllowed:
    'Berkas bukan gambar atau PDF yang diizinkan. Kirim foto (JPEG, PNG, WebP, HEIC) atau berkas PDF.',
  polyglot:
    'Berkas ditolak karena berisi data lain di luar gambar atau dokumen. Silakan foto ulang dokumen dan kirim kembali.',
  pdfActive:
    'PDF ditolak karena berisi skrip, tindakan otomatis, atau lampiran tersemat. Kirim PDF hasil pindaian biasa atau foto dokumen.',
  pdfEncrypted: 'PDF yang dikunci dengan kata sandi tidak dapat diterima. Kirim PDF tanpa kata sandi.',
  pdfMalformed: 'Berkas PDF rusak atau tidak lengkap. Silakan kirim ulang.',
  pdfFilter:
    'PDF ditolak karena memakai cara penyimpanan data yang tidak dapat diperiksa. Simpan ulang atau pindai ulang dokumen sebagai PDF biasa, atau kirim foto dokumen.',
} as const;

const MIME: Record<UploadKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
};

/** file-type's MIME → our kind. AVIF, GIF, TIFF, SVG, executables, archives… are not listed. */
const KIND_BY_MIME: Record<string, UploadKind> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heic',
  'image/heic-sequence': 'heic',
  'image/heif-sequence': 'heic',
  'application/pdf': 'pdf',
};

const invalid = (message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('invalid-argument', message, details);

/** Refuses an empty body or one above MAX_UPLOAD_BYTES (cheap; call it before anything else). */
export function checkUploadSize(bytes: Uint8Array): void {
  if (bytes.byteLength === 0) throw invalid(MESSAGES.empty);
  if (bytes.byteLength > MAX_UPLOAD_BYTES) {
    throw invalid(MESSAGES.tooLarge, { reason: 'too-large', maxBytes: MAX_UPLOAD_BYTES, bytes: bytes.byteLength });
  }
}

/**
 * Detects the kind of an upload from its bytes and runs the polyglot / active-content checks.
 * Guarantees: the result is one of the five allowed kinds, the body is non-empty and within
 * MAX_UPLOAD_BYTES, an image carries no PDF/HTML/ZIP payload, and a PDF carries no JavaScript,
 * launch action, embedded file, rich media, XFA form or encryption. Otherwise it throws
 * DomainError('invalid-argument').
 */
export async function detectUpload(bytes: Uint8Array): Promise<DetectedUpload> {
  checkUploadSize(bytes);
  // Loaded on first use (ESM-only, and only the upload endpoint needs it).
  const { fileTypeFromBuffer } = await import('file-type');
  const ft = await fileTypeFromBuffer(bytes);
  const kind = ft ? KIND_BY_MIME[ft.mime] : undefined;
  if (!kind) throw invalid(MESSAGES.notAllowed, { reason: 'unsupported-type', detected: ft?.mime ?? null });
  // file-type tolerates some leading bytes for a few formats; we do not.
  if (!startsWithSignature(bytes, kind)) throw invalid(MESSAGES.notAllowed, { reason: 'unsupported-type', detected: ft?.mime ?? null });
  if (kind === 'pdf') checkPdf(bytes);
  else checkImagePolyglot(bytes, kind);
  return { kind, mime: MIME[kind] };
}

// ---------------------------------------------------------------------------------------------
// Signatures and byte search helpers

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

const SIG = {
  jpeg: Uint8Array.of(0xff, 0xd8, 0xff),
  png: Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
  riff: ascii('RIFF'),
  webp: ascii('WEBP'),
  ftyp: ascii('ftyp'),
  pdf: ascii('%PDF-'),
} as const;

function matchesAt(bytes: Uint8Array, sig: Uint8Array, at: number): boolean {
  if (at < 0 || at + sig.length > bytes.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

function startsWithSignature(bytes: Uint8Array, kind: UploadKind): boolean {
  switch (kind) {
    case 'jpeg':
      return matchesAt(bytes, SIG.jpeg, 0);
    case 'png':
      return matchesAt(bytes, SIG.png, 0);
    case 'webp':
      return matchesAt(bytes, SIG.riff, 0) && matchesAt(bytes, SIG.webp, 8);
    case 'heic':
      return matchesAt(bytes, SIG.ftyp, 4);
    case 'pdf':
      return matchesAt(bytes, SIG.pdf, 0);
  }
}

/** Bytes as a latin1 string: one char per byte, so regexes see the raw bytes. */
function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

// ---------------------------------------------------------------------------------------------
// Images

/**
 * Signatures refused anywhere in an image (metadata segments, comments, tail). They are long
 * enough that compressed pixel data does not produce them by chance (`%PDF-` case-sensitive:
 * 1 in 2^40 per offset; `<script` in any case: 2^6 in 2^56).
 */
const IMAGE_ANYWHERE = /%PDF-|<[Ss][Cc][Rr][Ii][Pp][Tt]/;
/**
 * Signatures refused after the image data only: shorter, so they could occur by chance inside
 * compressed pixels. A ZIP archive (local header or end-of-directory record) or markup.
 */
const IMAGE_TAIL_MARKUP = /<html|<\?php|<svg|<!doctype/i;
const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ZIP_END_OF_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/** Refuses an image that also is a PDF, HTML page or ZIP archive. */
function checkImagePolyglot(bytes: Uint8Array, kind: Exclude<UploadKind, 'pdf'>): void {
  const text = latin1(bytes);
  if (IMAGE_ANYWHERE.test(text)) throw invalid(MESSAGES.polyglot, { reason: 'embedded-document' });
  // `end` is where the image format says the image stops. When the structure cannot be walked
  // (truncated or odd file), the whole file is searched: refuse rather than guess.
  const end = imageDataEnd(bytes, kind) ?? 0;
  if (end < bytes.length) {
    const tail = Buffer.from(bytes.buffer, bytes.byteOffset + end, bytes.byteLength - end);
    if (
      tail.includes(ZIP_LOCAL_HEADER) ||
      tail.includes(ZIP_END_OF_DIRECTORY) ||
      IMAGE_TAIL_MARKUP.test(text.slice(end))
    ) {
      throw invalid(MESSAGES.polyglot, { reason: 'tail-payload' });
    }
  }
}

/** Offset just past the image data, or undefined when the structure cannot be walked. */
function imageDataEnd(bytes: Uint8Array, kind: Exclude<UploadKind, 'pdf'>): number | undefined {
  switch (kind) {
    case 'jpeg':
      return jpegEnd(bytes);
    case 'png':
      return pngEnd(bytes);
    case 'webp':
      return webpEnd(bytes);
    case 'heic':
      return isobmffEnd(bytes);
  }
}

const u16be = (b: Uint8Array, i: number): number => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u32be = (b: Uint8Array, i: number): number =>
  ((b[i] ?? 0) * 0x1000000 + (((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0))) >>> 0;
const u32le = (b: Uint8Array, i: number): number =>
  ((b[i + 3] ?? 0) * 0x1000000 + (((b[i + 2] ?? 0) << 16) | ((b[i + 1] ?? 0) << 8) | (b[i] ?? 0))) >>> 0;

/**
 * Walks JPEG marker segments; inside entropy-coded data a 0xFF is always followed by 0x00 or a
 * restart marker, so the first other marker ends the scan. Returns the offset after EOI.
 */
function jpegEnd(b: Uint8Array): number | undefined {
  let i = 2;
  while (i + 1 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) return i + 2; // EOI
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // standalone markers
      continue;
    }
    const len = u16be(b, i + 2);
    if (len < 2) return undefined;
    i += 2 + len;
    if (marker === 0xda) {
      // SOS: skip entropy-coded data.
      while (i + 1 < b.length) {
        if (b[i] === 0xff) {
          const next = b[i + 1] ?? 0;
          if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) {
            i += next === 0xff ? 1 : 2;
            continue;
          }
          break;
        }
        i += 1;
      }
    }
  }
  return undefined;
}

/** Walks PNG chunks up to IEND; returns the offset after IEND's CRC. */
function pngEnd(b: Uint8Array): number | undefined {
  let i = 8;
  while (i + 12 <= b.length) {
    const len = u32be(b, i);
    const type = String.fromCharCode(b[i + 4] ?? 0, b[i + 5] ?? 0, b[i + 6] ?? 0, b[i + 7] ?? 0);
    const next = i + 12 + len;
    if (next > b.length) return undefined;
    if (type === 'IEND') return next;
    i = next;
  }
  return undefined;
}

/** WebP is one RIFF chunk; its size field says where the file ends. */
function webpEnd(b: Uint8Array): number | undefined {
  const size = u32le(b, 4);
  const end = 8 + size + (size & 1);
  return end <= b.length ? end : undefined;
}

/** HEIF/ISO-BMFF: a sequence of top-level boxes; the end of the last well-formed box. */
function isobmffEnd(b: Uint8Array): number | undefined {
  let i = 0;
  while (i + 8 <= b.length) {
    let size = u32be(b, i);
    if (size === 1) {
      const hi = u32be(b, i + 8);
      const lo = u32be(b, i + 12);
      size = hi * 0x100000000 + lo;
    } else if (size === 0) {
      return b.length; // box runs to the end of the file
    }
    if (size < 8 || i + size > b.length) return i === 0 ? undefined : i;
    i += size;
  }
  return i;
}

// ---------------------------------------------------------------------------------------------
// PDF

/**
 * Names that make a PDF run code, open or fetch things, or carry files. Matched as whole names
 * after `#xx` escapes are decoded, in the file and in every decoded stream (object streams
 * included, whatever their filters and predictors):
 *  - /JavaScript, /JS: scripts (an /OpenAction or /AA pointing at JavaScript is caught by these);
 *  - /AA: additional actions (run on open, close, focus, page view…);
 *  - /Launch (runs a program), /GoToR and /GoToE (open another or an embedded file),
 *    /SubmitForm and /ImportData (send or load data), /Rendition and /RichMedia (media players
 *    that can script), /EmbeddedFile(s) (attachments), /XFA (XML forms that carry scripts).
 * A plain /OpenAction (e.g. "open at page 1, fit width") and ordinary http(s) links are allowed.
 */
const PDF_ACTIVE =
  /\/(JavaScript|JS|AA|Launch|GoToR|GoToE|SubmitForm|ImportData|Rendition|RichMedia|EmbeddedFiles?|XFA)(?=[\s/<>[\]()%{}]|$)/;
const PDF_ENCRYPT = /\/Encrypt(?=[\s/<>[\]()%{}]|$)/;
/** A `javascript:` URI, in any letter case, spaces allowed before the colon (as browsers read it). */
const JAVASCRIPT_URI = /javascript\s*:/i;
/** Hard cap on decoded stream bytes we inspect, against decompression bombs inside the PDF. */
const PDF_MAX_DECODED_BYTES = 32 * 1024 * 1024;

/** Decodes `#xx` escapes in PDF names so `/J#61vaScript` reads as `/JavaScript`. */
function decodeNameEscapes(text: string): string {
  return text.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The filter chain and parameters of a stream dictionary (direct values only). */
function streamFilters(dict: string): { filters: string[]; parms: (DecodeParms | null)[] } {
  const f = /\/Filter\s*(\[[^\]]*\]|\/[^\s/<>[\]()]+|\d+\s+\d+\s+R)/.exec(dict);
  if (!f?.[1]) return { filters: [], parms: [] };
  if (/R$/.test(f[1])) throw invalid(MESSAGES.pdfMalformed, { reason: 'indirect-filter' });
  const filters = [...f[1].matchAll(/\/([^\s/<>[\]()]+)/g)].map((m) => m[1] ?? '');
  const p = /\/DecodeParms\s*(\[(?:[^[\]]|<<[^>]*>>)*\]|<<(?:[^<>]|<<[^>]*>>)*>>|null|\d+\s+\d+\s+R)/.exec(dict);
  if (p?.[1] && /R$/.test(p[1])) throw invalid(MESSAGES.pdfMalformed, { reason: 'indirect-decodeparms' });
  const dicts = p?.[1] ? (p[1].startsWith('[') ? splitParms(p[1]) : [p[1]]) : [];
  return { filters, parms: filters.map((_, i) => parseParms(dicts[i])) };
}

function splitParms(array: string): string[] {
  return [...array.slice(1, -1).matchAll(/<<(?:[^<>]|<<[^>]*>>)*>>|null/g)].map((m) => m[0]);
}

function parseParms(dict: string | undefined): DecodeParms | null {
  if (!dict || dict === 'null') return null;
  const num = (key: string) => {
    const m = new RegExp(`/${key}\\s+(-?\\d+)`).exec(dict);
    return m?.[1] !== undefined ? Number(m[1]) : undefined;
  };
  const out: DecodeParms = {};
  for (const key of ['Predictor', 'Colors', 'BitsPerComponent', 'Columns', 'EarlyChange'] as const) {
    const v = num(key);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/**
 * The dictionaries a PDF reader would parse: the file outside its streams plus the decoded object
 * streams, names' `#xx` escapes decoded. Every stream is decoded (image-only ones excepted), so
 * that no filter goes unchecked. Refuses (`invalid-argument`) a
 * stream whose filter is unknown, a Crypt filter (encryption), undecodable data, or more decoded
 * bytes than the budget.
 */
export function pdfDictionaryText(bytes: Uint8Array): string {
  const raw = latin1(bytes);
  const parts: string[] = [];
  let budget = PDF_MAX_DECODED_BYTES;
  let from = 0;
  const streamRe = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = streamRe.exec(raw)) !== null) {
    const dataStart = m.index + m[0].length;
    const dataEnd = raw.indexOf('endstream', dataStart);
    if (dataEnd < 0) break;
    const objStart = raw.lastIndexOf(' obj', m.index);
    const dict = decodeNameEscapes(raw.slice(Math.max(objStart, from), m.index));
    parts.push(raw.slice(from, dataStart));
    from = dataEnd;
    streamRe.lastIndex = dataEnd + 'endstream'.length;
    const { filters, parms } = streamFilters(dict);
    let decoded: Uint8Array | null;
    try {
      decoded = decodeStream(bytes.subarray(dataStart, dataEnd), filters, parms, budget);
    } catch (e) {
      if (!(e instanceof PdfFilterError)) throw e;
      if (e.reason === 'crypt-filter') throw invalid(MESSAGES.pdfEncrypted, { reason: 'crypt-filter' });
      if (e.reason === 'unknown-filter') throw invalid(MESSAGES.pdfFilter, { reason: 'unknown-filter', filter: e.message });
      throw invalid(MESSAGES.pdfMalformed, { reason: e.reason === 'too-large' ? 'streams-too-large' : 'stream-data' });
    }
    if (!decoded) continue;
    budget -= decoded.length;
    // Only streams that hold objects are read as dictionaries: fonts, images and page content are
    // decoded (so their filters are checked) but not searched, where binary data or shown text
    // could spell a name by chance.
    if (/\/Type\s*\/ObjStm\b/.test(dict) || /\/First\s+\d/.test(dict)) {
      parts.push(Buffer.from(decoded.buffer, decoded.byteOffset, decoded.byteLength).toString('latin1'));
    }
  }
  parts.push(raw.slice(from));
  return decodeNameEscapes(parts.join('\n'));
}

/** Every string of the text, decoded: literal `( … )` with escapes and hex `< … >`. */
export function pdfStrings(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') {
      const { value, end } = literalString(text, i + 1);
      out.push(value);
      i = end;
    } else if (c === '<' && text[i + 1] !== '<') {
      const end = text.indexOf('>', i + 1);
      if (end < 0) break;
      const hex = text.slice(i + 1, end).replace(/\s+/g, '');
      if (/^[0-9A-Fa-f]*$/.test(hex)) out.push(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex').toString('latin1'));
      i = end;
    } else if (c === '<') {
      i += 1;
    }
  }
  return out;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };

function literalString(text: string, start: number): { value: string; end: number } {
  let depth = 1;
  let value = '';
  let i = start;
  for (; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\\') {
      const n = text[i + 1] ?? '';
      const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4));
      if (octal) {
        value += String.fromCharCode(parseInt(octal[0], 8) & 0xff);
        i += octal[0].length;
      } else if (n === '\r' || n === '\n') {
        i += n === '\r' && text[i + 2] === '\n' ? 2 : 1; // line continuation
      } else {
        value += ESCAPES[n] ?? n;
        i += 1;
      }
      continue;
    }
    if (c === '(') depth += 1;
    if (c === ')' && --depth === 0) break;
    value += c;
  }
  return { value, end: i };
}

function checkPdf(bytes: Uint8Array): void {
  if (!/%%EOF/.test(latin1(bytes.subarray(Math.max(0, bytes.length - 2048))))) {
    throw invalid(MESSAGES.pdfMalformed, { reason: 'no-eof' });
  }
  const text = pdfDictionaryText(bytes);
  if (PDF_ENCRYPT.test(text)) throw invalid(MESSAGES.pdfEncrypted);
  const active = PDF_ACTIVE.exec(text);
  if (active) throw invalid(MESSAGES.pdfActive, { reason: 'active-content', name: active[1] });
  if (pdfStrings(text).some((s) => JAVASCRIPT_URI.test(s))) {
    throw invalid(MESSAGES.pdfActive, { reason: 'active-content', name: 'javascript:' });
  }
}

/**
 * Counts page objects (`/Type /Page`, not `/Pages`) in the file and its object streams.
 * Cheap and conservative: an object rewritten by an incremental update counts twice.
 */
export function countPdfPages(bytes: Uint8Array, text = pdfDictionaryText(bytes)): number {
  const matches = text.match(/\/Type\s*\/Page(?![A-Za-z0-9])/g);
  return matches?.length ?? 0;
}
