import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { DomainError } from '../../functions/src/domain/errors.js';
import { processUpload, uploadObjectPath } from '../../functions/src/uploads/process.js';
import {
  SECRET_ARTIST,
  SECRET_DATUM,
  heicLike,
  jpegWithExif,
  minimalPdf,
  plainJpeg,
  pngBomb,
  pngWithExif,
  tinyZip,
  webpWithExif,
} from '../fixtures/makeFixtures.js';

const HEIC_MESSAGE =
  'Foto HEIC tidak dapat diproses. Ubah pengaturan kamera ke "Paling Kompatibel" (JPEG) atau kirim ulang dari peramban yang mengonversi foto.';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');
/** EXIF APP1 identifier, and the GPS IFD pointer tag 0x8825 in Intel byte order as libexif writes it. */
const EXIF_ID = latin1('Exif\0\0');
const GPS_TAG_LE = Buffer.from([0x25, 0x88]);

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

async function pixel(img: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(img).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i] ?? -1, data[i + 1] ?? -1, data[i + 2] ?? -1];
}

describe('processUpload: JPEG', () => {
  it('drops EXIF and GPS, turns the photo upright, and hashes both sides', async () => {
    // 300×200 stored sideways with orientation 6 (display rotated 90° clockwise): left half red.
    const input = await jpegWithExif(300, 200, 6);
    const inMeta = await sharp(input).metadata();
    // The fixture really carries what must go:
    expect(inMeta.orientation).toBe(6);
    expect(inMeta.exif?.includes(GPS_TAG_LE)).toBe(true);
    expect(input.includes(latin1(SECRET_ARTIST))).toBe(true);
    expect(input.includes(latin1(SECRET_DATUM))).toBe(true);

    const out = await processUpload(input);
    expect(out.kind).toBe('jpeg');
    expect(out.detectedKind).toBe('jpeg');
    expect(out.mime).toBe('image/jpeg');
    expect(out.ext).toBe('jpg');
    // Upright: 90° turn swaps the edges.
    expect([out.width, out.height]).toEqual([200, 300]);

    const meta = await sharp(out.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([200, 300]);
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(out.bytes.includes(EXIF_ID)).toBe(false);
    expect(out.bytes.includes(latin1('GPS'))).toBe(false);
    expect(out.bytes.includes(latin1(SECRET_ARTIST))).toBe(false);
    expect(out.bytes.includes(latin1(SECRET_DATUM))).toBe(false);
    expect(out.bytes.includes(latin1('FixturePhone'))).toBe(false);

    // After a clockwise turn the stored left (red) half is on top, the right (blue) half below.
    const [rTop, , bTop] = await pixel(out.bytes, 100, 20);
    const [rBottom, , bBottom] = await pixel(out.bytes, 100, 280);
    expect(rTop).toBeGreaterThan(200);
    expect(bTop).toBeLessThan(60);
    expect(rBottom).toBeLessThan(60);
    expect(bBottom).toBeGreaterThan(200);

    expect(out.originalSha256).toBe(sha(input));
    expect(out.sha256).toBe(sha(out.bytes));
    expect(out.sha256).not.toBe(out.originalSha256);
  });

  it('caps the long edge at 2400 px keeping the aspect ratio', async () => {
    const out = await processUpload(await plainJpeg(3000, 1000));
    expect([out.width, out.height]).toEqual([2400, 800]);
    const meta = await sharp(out.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([2400, 800]);
  });

  it('honours a smaller maxEdge and never enlarges a small image', async () => {
    expect(await processUpload(await plainJpeg(1000, 2000), { maxEdge: 500 })).toMatchObject({
      width: 250,
      height: 500,
    });
    expect(await processUpload(await plainJpeg(40, 30))).toMatchObject({ width: 40, height: 30 });
  });

  it('refuses a truncated JPEG as unreadable', async () => {
    const jpeg = await jpegWithExif(400, 300);
    const err = await refusal(processUpload(jpeg.subarray(0, Math.floor(jpeg.length * 0.6))));
    expect(err.code).toBe('invalid-argument');
    expect(err.message).toContain('rusak atau tidak dapat dibaca');
  });

  it('refuses a JPEG + ZIP polyglot before re-encoding', async () => {
    const err = await refusal(processUpload(Buffer.concat([await jpegWithExif(), tinyZip()])));
    expect(err.code).toBe('invalid-argument');
    expect(err.message).toContain('berisi data lain');
  });
});

describe('processUpload: PNG and WebP', () => {
  it('PNG stays PNG with its alpha, without EXIF', async () => {
    const input = await pngWithExif(120, 80);
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const out = await processUpload(input);
    expect(out).toMatchObject({ kind: 'png', mime: 'image/png', ext: 'png', width: 120, height: 80 });
    const meta = await sharp(out.bytes).metadata();
    expect(meta.format).toBe('png');
    expect(meta.hasAlpha).toBe(true);
    expect(meta.exif).toBeUndefined();
    expect(out.bytes.includes(latin1(SECRET_ARTIST))).toBe(false);
    expect(out.bytes.includes(latin1('eXIf'))).toBe(false);
  });

  it('a PNG that stays above the stored-size limit is stored as JPEG over white', async () => {
    // 200×200 RGBA noise: incompressible, so well above 10 000 bytes as PNG.
    const noise = randomBytes(200 * 200 * 4);
    const input = await sharp(noise, { raw: { width: 200, height: 200, channels: 4 } })
      .png()
      .toBuffer();
    expect(input.length).toBeGreaterThan(10_000);
    const out = await processUpload(input, { maxStoredBytes: 10_000 });
    expect(out).toMatchObject({
      kind: 'jpeg',
      detectedKind: 'png',
      mime: 'image/jpeg',
      ext: 'jpg',
      width: 200,
      height: 200,
    });
    expect((await sharp(out.bytes).metadata()).hasAlpha).toBe(false);
  });

  it('WebP stays WebP without EXIF', async () => {
    const input = await webpWithExif(120, 80);
    expect(input.includes(latin1(SECRET_ARTIST))).toBe(true);
    const out = await processUpload(input);
    expect(out).toMatchObject({ kind: 'webp', mime: 'image/webp', ext: 'webp', width: 120, height: 80 });
    const meta = await sharp(out.bytes).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.exif).toBeUndefined();
    expect(out.bytes.includes(latin1(SECRET_ARTIST))).toBe(false);
    expect(out.bytes.includes(latin1('EXIF'))).toBe(false);
  });
});

describe('processUpload: HEIC', () => {
  it('refuses a HEIC it cannot decode with the message that says what to do', async () => {
    const err = await refusal(processUpload(heicLike()));
    expect(err.code).toBe('invalid-argument');
    expect(err.message).toBe(HEIC_MESSAGE);
  });
});

describe('processUpload: decompression bomb', () => {
  it('refuses a 20000×20000 PNG header (400 MP > 50 MP) before decoding', async () => {
    const bomb = pngBomb(20000, 20000);
    expect(bomb.length).toBeLessThan(2000);
    const started = Date.now();
    const err = await refusal(processUpload(bomb));
    expect(err.code).toBe('invalid-argument');
    expect(err.message).toContain('50 megapiksel');
    expect(err.details).toMatchObject({ width: 20000, height: 20000 });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('the limit is configurable: 100×100 = 10 000 px refused under a 9 999 px limit', async () => {
    const err = await refusal(processUpload(await plainJpeg(100, 100), { limitInputPixels: 9_999 }));
    expect(err.message).toContain('megapiksel');
    expect((await processUpload(await plainJpeg(100, 100), { limitInputPixels: 10_000 })).width).toBe(100);
  });
});

describe('processUpload: PDF', () => {
  it('keeps the bytes as they are and counts the pages', async () => {
    const pdf = minimalPdf({ pages: 2 });
    const out = await processUpload(pdf);
    expect(out).toMatchObject({ kind: 'pdf', mime: 'application/pdf', ext: 'pdf', pages: 2 });
    expect(out.bytes.equals(pdf)).toBe(true);
    expect(out.bytes).not.toBe(pdf);
    expect(out.sha256).toBe(sha(pdf));
    expect(out.originalSha256).toBe(sha(pdf));
    expect(out.width).toBeUndefined();
  });

  it('accepts 20 pages and refuses 21', async () => {
    expect((await processUpload(minimalPdf({ pages: 20 }))).pages).toBe(20);
    const err = await refusal(processUpload(minimalPdf({ pages: 21 })));
    expect(err.code).toBe('invalid-argument');
    expect(err.message).toContain('21 halaman');
    expect(err.message).toContain('maksimum 20 halaman');
  });

  it('refuses a PDF above the stored-size limit, saying the limit', async () => {
    const filler = 'x'.repeat(1_100_000);
    const pdf = minimalPdf({
      extraObjects: [latin1(`<< /Length ${filler.length} >>\nstream\n${filler}\nendstream`)],
    });
    expect(pdf.length).toBeGreaterThan(1024 * 1024);
    const err = await refusal(processUpload(pdf, { maxStoredBytes: 1024 * 1024 }));
    expect(err.code).toBe('invalid-argument');
    expect(err.message).toContain('maksimum adalah 1 MB');
    // The same file passes under the default 8 MiB limit.
    expect((await processUpload(pdf)).pages).toBe(1);
  });

  it('refuses a PDF without any page', async () => {
    const err = await refusal(processUpload(minimalPdf({ pages: 0 })));
    expect(err.message).toContain('tidak berisi halaman');
  });

  it('refuses a PDF with JavaScript', async () => {
    const pdf = minimalPdf({ catalogExtra: '/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> ' });
    const err = await refusal(processUpload(pdf));
    expect(err.code).toBe('invalid-argument');
  });
});

describe('uploadObjectPath', () => {
  it('gives a random name under the case, never the client name', () => {
    const a = uploadObjectPath('KASUS-2025-0001', 'jpg');
    const b = uploadObjectPath('KASUS-2025-0001', 'jpg');
    expect(a).toMatch(/^cases\/KASUS-2025-0001\/uploads\/[0-9a-f]{32}\.jpg$/);
    expect(a).not.toBe(b);
  });
  it('refuses a case id that could escape the folder', () => {
    expect(() => uploadObjectPath('../other', 'pdf')).toThrow(DomainError);
    expect(() => uploadObjectPath('a/b', 'pdf')).toThrow(DomainError);
    expect(() => uploadObjectPath('', 'pdf')).toThrow(DomainError);
  });
});
