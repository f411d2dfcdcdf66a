/**
 * The raw body of an upload request, refused as early as HTTP allows: a declared Content-Length
 * above the limit before the body is looked at, then the actual length; a Content-Type that is
 * not a file (JSON, a form…) with 415. The real type is decided later from the bytes.
 */
import type { Request } from 'firebase-functions/v2/https';
import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { DocumentKind } from '../schemas.js';
import { MAX_UPLOAD_BYTES, MESSAGES, checkUploadSize } from '../uploads/detect.js';

const tooLarge = (bytes: number) =>
  new DomainError('invalid-argument', MESSAGES.tooLarge, { reason: 'too-large', maxBytes: MAX_UPLOAD_BYTES, bytes });

/** Content types a file upload may declare (the bytes decide the real type). */
export function isFileContentType(header: string | undefined): boolean {
  const t = (header ?? 'application/octet-stream').split(';')[0]?.trim().toLowerCase() ?? '';
  return t === 'application/octet-stream' || t === 'application/pdf' || /^image\/[a-z0-9.+-]+$/.test(t);
}

/** Refusals that need no body: declared size above the limit (413), a non-file type (415). */
export function precheckUpload(req: Request): void {
  const declared = Number(req.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES) throw tooLarge(declared);
  if (!isFileContentType(req.get('content-type'))) {
    throw new DomainError('invalid-argument', MESSAGES.notAllowed, {
      reason: 'unsupported-type',
      contentType: req.get('content-type') ?? null,
    });
  }
}

/** Reads a body the framework left unread, stopping (413) as soon as it passes `max` bytes. */
async function readLimited(stream: AsyncIterable<Buffer | string>, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    n += b.length;
    if (n > max) throw tooLarge(n);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/**
 * The received bytes, refused when empty (400) or above the limit whatever was declared (413).
 * The Functions runtime has usually read the body already (`rawBody`); a request without a
 * Content-Type is left unread by its parsers, and is read here.
 */
export async function uploadBody(req: Request): Promise<Buffer> {
  let body: Buffer;
  if (Buffer.isBuffer(req.rawBody)) body = req.rawBody;
  else if (req.readable && !req.readableEnded) body = await readLimited(req, MAX_UPLOAD_BYTES);
  else body = Buffer.alloc(0);
  if (body.byteLength > MAX_UPLOAD_BYTES) throw tooLarge(body.byteLength);
  checkUploadSize(body);
  return body;
}

const KindQuery = z.object({ kind: DocumentKind });

/** `?kind=<DocumentKind>`: which photocopy this is. */
export function kindOf(req: Request): z.infer<typeof DocumentKind> {
  return KindQuery.parse({ kind: req.query['kind'] }).kind;
}
