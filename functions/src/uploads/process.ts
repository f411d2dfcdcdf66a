/**
 * Turns an accepted upload into the bytes written to Storage: images are decoded, turned upright
 * by their EXIF orientation, capped in size and re-encoded without any metadata (no EXIF, GPS,
 * XMP, IPTC or ICC profile: pixels are converted to sRGB); PDFs are kept as they are after the
 * checks of `detect.ts` and a page limit. Pure apart from CPU: no Firebase, no file system.
 */
import { createHash, randomBytes } from 'node:crypto';
import type SharpFn from 'sharp';
import type { Sharp } from 'sharp';
import { DomainError } from '../domain/errors.js';
import { MAX_STORED_BYTES, countPdfPages, detectUpload, type UploadKind } from './detect.js';

// Each upload is a different image: libvips' operation cache would only hold memory.
/**
 * sharp is loaded on first use, not at module load: every function instance loads this codebase,
 * and only the upload endpoint needs the native image library (cold starts of the others).
 */
let sharpModule: Promise<typeof SharpFn> | undefined;
function loadSharp(): Promise<typeof SharpFn> {
  sharpModule ??= import('sharp').then((m) => {
    m.default.cache(false);
    return m.default;
  });
  return sharpModule;
}

export type StoredKind = Exclude<UploadKind, 'heic'>;

export interface ProcessOptions {
  /** Longest edge of a stored image, in pixels (default 2400). Smaller images are not enlarged. */
  maxEdge?: number;
  /** Pixels (width × height) above which an image is refused before decoding (default 50 MP). */
  limitInputPixels?: number;
  /** Most pages accepted in a PDF (default 20). */
  maxPdfPages?: number;
  /** JPEG/WebP quality 1–100 (default 82). */
  quality?: number;
  /** Largest stored object (default MAX_STORED_BYTES): a PDF above it is refused, a PNG becomes JPEG. */
  maxStoredBytes?: number;
}

export interface ProcessedUpload {
  /** The bytes to store. */
  bytes: Buffer;
  mime: string;
  /** The stored kind (a HEIC that could be decoded is stored as JPEG). */
  kind: StoredKind;
  /** What the received bytes were. */
  detectedKind: UploadKind;
  /** File extension without a dot, matching `kind`. */
  ext: 'jpg' | 'png' | 'webp' | 'pdf';
  /** SHA-256 (hex) of the stored bytes. */
  sha256: string;
  /** SHA-256 (hex) of the received bytes. */
  originalSha256: string;
  width?: number;
  height?: number;
  pages?: number;
}

export const DEFAULT_MAX_EDGE = 2400;
export const DEFAULT_LIMIT_INPUT_PIXELS = 50_000_000;
export const DEFAULT_MAX_PDF_PAGES = 20;
export const DEFAULT_QUALITY = 82;

export const PROCESS_MESSAGES = {
  heic: 'Foto HEIC tidak dapat diproses. Ubah pengaturan kamera ke "Paling Kompatibel" (JPEG) atau kirim ulang dari peramban yang mengonversi foto.',
  tooManyPixels:
    'Ukuran gambar terlalu besar untuk diproses (lebih dari 50 megapiksel). Foto ulang dokumen dengan resolusi kamera biasa.',
  unreadableImage:
    'Berkas gambar rusak atau tidak dapat dibaca. Silakan foto ulang dokumen dan kirim kembali.',
  pdfNoPages: 'Berkas PDF tidak berisi halaman yang dapat dibaca. Silakan kirim ulang.',
  pdfTooManyPages: (pages: number, max: number): string =>
    `PDF berisi ${pages} halaman; maksimum ${max} halaman per berkas. Pisahkan dokumen lalu kirim kembali.`,
  pdfTooLarge: (maxBytes: number): string =>
    `Berkas PDF terlalu besar. Ukuran maksimum adalah ${Math.floor(maxBytes / (1024 * 1024))} MB.`,
} as const;

const sha256Hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

const invalid = (message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('invalid-argument', message, details);

/**
 * Checks and normalises one upload. Guarantees for the result: the type was read from the bytes;
 * an image is upright, at most `maxEdge` px on its long edge, sRGB, and carries no metadata;
 * a PDF has between 1 and `maxPdfPages` pages and no active content; a PDF or PNG is at most
 * `maxStoredBytes` (a PNG above it is stored as JPEG). Anything else throws DomainError('invalid-argument') with a sentence for the
 * person holding the phone.
 */
export async function processUpload(input: Uint8Array, opts: ProcessOptions = {}): Promise<ProcessedUpload> {
  const detected = await detectUpload(input);
  const originalSha256 = sha256Hex(input);

  if (detected.kind === 'pdf') {
    const maxPages = opts.maxPdfPages ?? DEFAULT_MAX_PDF_PAGES;
    const pages = countPdfPages(input);
    if (pages === 0) throw invalid(PROCESS_MESSAGES.pdfNoPages);
    if (pages > maxPages)
      throw invalid(PROCESS_MESSAGES.pdfTooManyPages(pages, maxPages), { pages, maxPages });
    const maxStored = opts.maxStoredBytes ?? MAX_STORED_BYTES;
    if (input.byteLength > maxStored) {
      throw invalid(PROCESS_MESSAGES.pdfTooLarge(maxStored), {
        bytes: input.byteLength,
        maxBytes: maxStored,
      });
    }
    const bytes = Buffer.from(input); // a copy: the caller's buffer may be reused
    return {
      bytes,
      mime: 'application/pdf',
      kind: 'pdf',
      detectedKind: 'pdf',
      ext: 'pdf',
      sha256: sha256Hex(bytes),
      originalSha256,
      pages,
    };
  }

  const image = await reencodeImage(input, detected.kind, opts);
  return { ...image, detectedKind: detected.kind, sha256: sha256Hex(image.bytes), originalSha256 };
}

type Encoded = Pick<ProcessedUpload, 'bytes' | 'mime' | 'kind' | 'ext' | 'width' | 'height'>;

async function reencodeImage(
  input: Uint8Array,
  kind: Exclude<UploadKind, 'pdf'>,
  opts: ProcessOptions,
): Promise<Encoded> {
  const maxEdge = opts.maxEdge ?? DEFAULT_MAX_EDGE;
  const limitInputPixels = opts.limitInputPixels ?? DEFAULT_LIMIT_INPUT_PIXELS;
  const quality = opts.quality ?? DEFAULT_QUALITY;
  const unreadable = kind === 'heic' ? PROCESS_MESSAGES.heic : PROCESS_MESSAGES.unreadableImage;

  const sharp = await loadSharp();
  // Header first: a decompression bomb is refused before any pixel is decoded.
  let width: number;
  let height: number;
  try {
    const meta = await sharp(input, { limitInputPixels: false }).metadata();
    width = meta.width;
    height = meta.height;
  } catch {
    throw invalid(unreadable);
  }
  if (!(width > 0 && height > 0)) throw invalid(unreadable);
  if (width * height > limitInputPixels) {
    throw invalid(PROCESS_MESSAGES.tooManyPixels, { width, height, limitInputPixels });
  }

  const pipeline = (): Sharp =>
    sharp(input, { limitInputPixels, failOn: 'error', sequentialRead: true })
      .autoOrient()
      .resize({ width: maxEdge, height: maxEdge, fit: 'inside', withoutEnlargement: true });
  // No withMetadata/keep*: sharp then writes no EXIF, XMP, IPTC or ICC and outputs sRGB.

  try {
    if (kind === 'png') {
      const png = await pipeline().png({ compressionLevel: 6 }).toBuffer({ resolveWithObject: true });
      if (png.data.length <= (opts.maxStoredBytes ?? MAX_STORED_BYTES)) {
        return {
          bytes: png.data,
          mime: 'image/png',
          kind: 'png',
          ext: 'png',
          width: png.info.width,
          height: png.info.height,
        };
      }
      // A photo saved as PNG can stay huge: store it as JPEG instead (alpha over white).
    }
    if (kind === 'webp') {
      const webp = await pipeline().webp({ quality }).toBuffer({ resolveWithObject: true });
      return {
        bytes: webp.data,
        mime: 'image/webp',
        kind: 'webp',
        ext: 'webp',
        width: webp.info.width,
        height: webp.info.height,
      };
    }
    const jpeg = await pipeline()
      .flatten({ background: '#ffffff' })
      .jpeg({ quality, mozjpeg: false, chromaSubsampling: '4:2:0' })
      .toBuffer({ resolveWithObject: true });
    return {
      bytes: jpeg.data,
      mime: 'image/jpeg',
      kind: 'jpeg',
      ext: 'jpg',
      width: jpeg.info.width,
      height: jpeg.info.height,
    };
  } catch (e) {
    if (e instanceof DomainError) throw e;
    const message = e instanceof Error ? e.message : '';
    if (/pixel limit/i.test(message)) {
      throw invalid(PROCESS_MESSAGES.tooManyPixels, { limitInputPixels });
    }
    throw invalid(unreadable);
  }
}

/**
 * A fresh, unguessable Storage object path for an upload of a case:
 * `cases/{caseId}/uploads/{32 hex chars}.{ext}`. The client's file name is never used.
 */
export function uploadObjectPath(caseId: string, ext: ProcessedUpload['ext']): string {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(caseId)) {
    throw invalid('Nomor kasus tidak sah.', { caseId });
  }
  return `cases/${caseId}/uploads/${randomBytes(16).toString('hex')}.${ext}`;
}
