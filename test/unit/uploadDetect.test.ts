import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { DomainError } from '../../functions/src/domain/errors.js';
import { MAX_UPLOAD_BYTES, countPdfPages, detectUpload } from '../../functions/src/uploads/detect.js';
import {
  avif,
  elfExecutable,
  gif,
  heicLike,
  jpegWithComment,
  jpegWithExif,
  minimalPdf,
  objectStream,
  peExecutable,
  pngWithExif,
  tinyZip,
  webpWithExif,
} from '../fixtures/makeFixtures.js';

/** Asserts that `p` rejects with a DomainError of `code` whose message contains `fragment`. */
async function expectRefused(p: Promise<unknown>, code: string, fragment: string): Promise<DomainError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  const de = err as DomainError;
  expect(de.code).toBe(code);
  expect(de.message).toContain(fragment);
  return de;
}

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('detectUpload: allowed kinds, read from the bytes', () => {
  it('detects JPEG, PNG, WebP, PDF and HEIC', async () => {
    expect(await detectUpload(await jpegWithExif())).toEqual({ kind: 'jpeg', mime: 'image/jpeg' });
    expect(await detectUpload(await pngWithExif())).toEqual({ kind: 'png', mime: 'image/png' });
    expect(await detectUpload(await webpWithExif())).toEqual({ kind: 'webp', mime: 'image/webp' });
    expect(await detectUpload(minimalPdf())).toEqual({ kind: 'pdf', mime: 'application/pdf' });
    expect(await detectUpload(heicLike())).toEqual({ kind: 'heic', mime: 'image/heic' });
  });

  it('accepts a JPEG with harmless padding after the image data', async () => {
    const jpeg = Buffer.concat([await jpegWithExif(), Buffer.alloc(64)]);
    expect((await detectUpload(jpeg)).kind).toBe('jpeg');
  });

  it('accepts a Uint8Array view into a larger buffer', async () => {
    const png = await pngWithExif();
    const big = new Uint8Array(png.length + 20);
    big.set(png, 10);
    expect((await detectUpload(big.subarray(10, 10 + png.length))).kind).toBe('png');
  });
});

describe('detectUpload: refused types', () => {
  const notAllowed = 'Berkas bukan gambar atau PDF yang diizinkan';

  it('refuses a Windows executable whatever it is called', async () => {
    await expectRefused(detectUpload(peExecutable()), 'invalid-argument', notAllowed);
  });
  it('refuses an ELF executable', async () => {
    await expectRefused(detectUpload(elfExecutable()), 'invalid-argument', notAllowed);
  });
  it('refuses a ZIP archive, plain text, HTML', async () => {
    await expectRefused(detectUpload(tinyZip()), 'invalid-argument', notAllowed);
    await expectRefused(
      detectUpload(latin1('Nama: Budi\nNIK: 6471000000000001\n')),
      'invalid-argument',
      notAllowed,
    );
    await expectRefused(
      detectUpload(latin1('<!doctype html><script>alert(1)</script>')),
      'invalid-argument',
      notAllowed,
    );
  });
  it('refuses image formats outside the list (AVIF, GIF)', async () => {
    await expectRefused(detectUpload(await avif()), 'invalid-argument', notAllowed);
    await expectRefused(detectUpload(await gif()), 'invalid-argument', notAllowed);
  });
  it('refuses a PDF signature that does not start the file', async () => {
    await expectRefused(
      detectUpload(Buffer.concat([latin1('junk\n'), minimalPdf()])),
      'invalid-argument',
      notAllowed,
    );
  });
});

describe('detectUpload: size', () => {
  it('refuses an empty file', async () => {
    await expectRefused(detectUpload(new Uint8Array(0)), 'invalid-argument', 'Berkas kosong');
  });
  it('refuses one byte over 10 MiB, even with a JPEG signature', async () => {
    expect(MAX_UPLOAD_BYTES).toBe(10_485_760);
    const big = Buffer.alloc(10_485_761);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    const err = await expectRefused(detectUpload(big), 'invalid-argument', 'terlalu besar');
    expect(err.details).toMatchObject({ bytes: 10_485_761 });
  });
});

describe('detectUpload: polyglots', () => {
  const poly = 'berisi data lain';

  it('refuses JPEG + ZIP appended (and re-encoding would have destroyed the ZIP)', async () => {
    const jpeg = await jpegWithExif();
    const polyglot = Buffer.concat([jpeg, tinyZip()]);
    // The polyglot still opens as an image:
    expect((await sharp(polyglot).metadata()).format).toBe('jpeg');
    await expectRefused(detectUpload(polyglot), 'invalid-argument', poly);
    // Independently: sharp's re-encoding drops the tail.
    const reencoded = await sharp(polyglot).jpeg().toBuffer();
    expect(reencoded.includes(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe(false);
    expect(reencoded.includes(latin1('alert(1)'))).toBe(false);
  });

  it('refuses JPEG with a PDF header in a comment segment (JPEG/PDF polyglot)', async () => {
    const jpeg = jpegWithComment(await jpegWithExif(), '%PDF-1.4\n1 0 obj << >> endobj');
    expect((await sharp(jpeg).metadata()).format).toBe('jpeg');
    await expectRefused(detectUpload(jpeg), 'invalid-argument', poly);
  });

  it('refuses JPEG followed by a PDF', async () => {
    await expectRefused(
      detectUpload(Buffer.concat([await jpegWithExif(), minimalPdf()])),
      'invalid-argument',
      poly,
    );
  });

  it('refuses JPEG followed by HTML with <SCRIPT> (any case)', async () => {
    const tail = latin1('<html><body><SCRIPT>fetch("/x")</SCRIPT></body></html>');
    await expectRefused(detectUpload(Buffer.concat([await jpegWithExif(), tail])), 'invalid-argument', poly);
  });

  it('refuses PNG + ZIP and WebP + ZIP', async () => {
    await expectRefused(
      detectUpload(Buffer.concat([await pngWithExif(), tinyZip()])),
      'invalid-argument',
      poly,
    );
    await expectRefused(
      detectUpload(Buffer.concat([await webpWithExif(), tinyZip()])),
      'invalid-argument',
      poly,
    );
  });
});

describe('detectUpload: PDF active content', () => {
  const active = 'berisi skrip';

  it('accepts a plain PDF and one whose /OpenAction only sets the view', async () => {
    expect((await detectUpload(minimalPdf({ pages: 2 }))).kind).toBe('pdf');
    expect((await detectUpload(minimalPdf({ catalogExtra: '/OpenAction [3 0 R /FitH null] ' }))).kind).toBe(
      'pdf',
    );
  });

  it('refuses /OpenAction running /JavaScript', async () => {
    const pdf = minimalPdf({
      catalogExtra: '/OpenAction 4 0 R ',
      extraObjects: [latin1('<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>')],
    });
    const err = await expectRefused(detectUpload(pdf), 'invalid-argument', active);
    expect(err.details).toMatchObject({ name: 'JavaScript' });
  });

  it('refuses a bare /JS key, a /Launch action and /EmbeddedFiles', async () => {
    await expectRefused(
      detectUpload(minimalPdf({ pageExtra: '/AA << /O << /S /X /JS (x) >> >> ' })),
      'invalid-argument',
      active,
    );
    await expectRefused(
      detectUpload(minimalPdf({ catalogExtra: '/OpenAction << /S /Launch /F (cmd.exe) >> ' })),
      'invalid-argument',
      active,
    );
    await expectRefused(
      detectUpload(
        minimalPdf({
          catalogExtra: '/Names << /EmbeddedFiles 4 0 R >> ',
          extraObjects: [latin1('<< /Names [] >>')],
        }),
      ),
      'invalid-argument',
      active,
    );
  });

  it('refuses a name hidden with #xx escapes (/J#61vaScript)', async () => {
    const pdf = minimalPdf({ catalogExtra: '/OpenAction << /S /J#61vaScript /J#53 (x) >> ' });
    await expectRefused(detectUpload(pdf), 'invalid-argument', active);
  });

  it('refuses /JavaScript hidden in a compressed object stream', async () => {
    const pdf = minimalPdf({
      catalogExtra: '/OpenAction 5 0 R ',
      extraObjects: [objectStream(5, ['<< /S /JavaScript /JS (app.alert\\(1\\)) >>'])],
    });
    expect(pdf.includes(latin1('JavaScript'))).toBe(false); // really hidden from a raw scan
    await expectRefused(detectUpload(pdf), 'invalid-argument', active);
  });

  it('refuses an encrypted PDF', async () => {
    const pdf = minimalPdf({ catalogExtra: '/Encrypt << /Filter /Standard /V 2 >> ' });
    await expectRefused(detectUpload(pdf), 'invalid-argument', 'kata sandi');
  });

  it('refuses a truncated PDF (no %%EOF)', async () => {
    const pdf = minimalPdf();
    await expectRefused(detectUpload(pdf.subarray(0, pdf.length - 20)), 'invalid-argument', 'rusak');
  });
});

describe('countPdfPages', () => {
  it('counts /Type /Page objects and not the /Pages node', () => {
    expect(countPdfPages(minimalPdf({ pages: 1 }))).toBe(1);
    expect(countPdfPages(minimalPdf({ pages: 3 }))).toBe(3);
  });
  it('counts pages stored in an object stream', () => {
    // Catalog and Pages in the file; three pages (objects 3–5) in a compressed object stream.
    const pdf = assembleWithObjStmPages();
    expect(pdf.includes(latin1('/Type /Page '))).toBe(false);
    expect(countPdfPages(pdf)).toBe(3);
  });
});

function assembleWithObjStmPages(): Buffer {
  const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>';
  return minimalPdf({ pages: 0, extraObjects: [objectStream(4, [page, page, page])] });
}
