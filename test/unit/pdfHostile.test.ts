/**
 * A corpus of hostile PDFs: the same active content hidden in every encoding the format allows.
 * Each is refused with an Indonesian sentence; the harmless twins (same encodings, no active
 * content) are accepted, which proves the decoders really decode.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/src/domain/errors.js';
import { countPdfPages, detectUpload, MESSAGES } from '../../functions/src/uploads/detect.js';
import { assemblePdf, minimalPdf } from '../fixtures/makeFixtures.js';

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

// --- encoders written here from the PDF specification (ISO 32000-1 §7.4), independent of the decoders

const hex = (b: Buffer) => Buffer.from(`${b.toString('hex').replace(/(.{64})/g, '$1\n')}>`, 'latin1');

function ascii85(b: Buffer): Buffer {
  let out = '';
  for (let i = 0; i < b.length; i += 4) {
    const chunk = b.subarray(i, i + 4);
    const padded = Buffer.concat([chunk, Buffer.alloc(4 - chunk.length)]);
    let v = padded.readUInt32BE(0);
    if (v === 0 && chunk.length === 4) {
      out += 'z';
      continue;
    }
    const digits: string[] = [];
    for (let k = 0; k < 5; k++) {
      digits.unshift(String.fromCharCode((v % 85) + 33));
      v = Math.floor(v / 85);
    }
    out += digits.slice(0, chunk.length + 1).join('');
  }
  return latin1(`${out}~>`);
}

/** RunLength as one-byte literal runs (length byte 0, then the byte): the text is interleaved with zeros. */
function runLength(b: Buffer): Buffer {
  const out: number[] = [];
  for (const byte of b) out.push(0, byte);
  out.push(128);
  return Buffer.from(out);
}

/** LZW with 9–12-bit codes and EarlyChange 1, clear code first, end code last. */
function lzw(b: Buffer): Buffer {
  const dict = new Map<string, number>();
  for (let k = 0; k < 256; k++) dict.set(String.fromCharCode(k), k);
  let next = 258;
  let width = 9;
  const codes: [number, number][] = [[256, 9]];
  let w = '';
  for (const byte of b) {
    const c = String.fromCharCode(byte);
    if (dict.has(w + c)) {
      w += c;
      continue;
    }
    codes.push([dict.get(w)!, width]);
    dict.set(w + c, next++);
    if (next + 1 > 1 << width && width < 12) width += 1;
    w = c;
  }
  if (w) codes.push([dict.get(w)!, width]);
  codes.push([257, width]);
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  for (const [code, len] of codes) {
    acc = (acc << len) | code;
    bits += len;
    while (bits >= 8) {
      out.push((acc >>> (bits - 8)) & 0xff);
      bits -= 8;
      acc &= (1 << bits) - 1;
    }
  }
  if (bits > 0) out.push((acc << (8 - bits)) & 0xff);
  return Buffer.from(out);
}

/** PNG predictor "Up" (row filter 2) over rows of `columns` bytes, as Flate+Predictor 12 expects. */
function pngUp(b: Buffer, columns: number): Buffer {
  const rows = Math.ceil(b.length / columns);
  const padded = Buffer.concat([b, Buffer.alloc(rows * columns - b.length, 0x20)]);
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    out.push(2);
    for (let i = 0; i < columns; i++) {
      const cur = padded[r * columns + i]!;
      const up = r > 0 ? padded[(r - 1) * columns + i]! : 0;
      out.push((cur - up) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** An object stream holding `dicts` as objects 10, 11, …, encoded with `filter` (dictionary text) and `encode`. */
function objStm(dicts: string[], filter: string, encode: (b: Buffer) => Buffer): Buffer {
  let header = '';
  let body = '';
  dicts.forEach((d, i) => {
    header += `${10 + i} ${body.length} `;
    body += `${d}\n`;
  });
  const data = encode(latin1(header + body));
  return Buffer.concat([
    latin1(`<< /Type /ObjStm /N ${dicts.length} /First ${header.length} /Length ${data.length} ${filter} >>\nstream\n`),
    data,
    latin1('\nendstream'),
  ]);
}

const SCRIPT = '<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>';
const HARMLESS = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>';

const ENCODINGS: [string, string, (b: Buffer) => Buffer][] = [
  ['Flate', '/Filter /FlateDecode', (b) => deflateSync(b)],
  ['Flate with a PNG predictor', '/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >>', (b) => deflateSync(pngUp(b, 7))],
  ['ASCIIHex', '/Filter /ASCIIHexDecode', hex],
  ['ASCII85 then Flate', '/Filter [/ASCII85Decode /FlateDecode]', (b) => ascii85(deflateSync(b))],
  ['LZW', '/Filter /LZWDecode', lzw],
  ['LZW with a PNG predictor', '/Filter /LZWDecode /DecodeParms << /Predictor 15 /Columns 11 >>', (b) => lzw(pngUp(b, 11))],
  ['RunLength', '/Filter /RunLengthDecode', runLength],
  ['abbreviated names [/AHx /Fl]', '/Filter [/AHx /Fl]', (b) => hex(deflateSync(b))],
];

async function refusal(pdf: Buffer): Promise<DomainError> {
  const err = await detectUpload(pdf).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

describe('hostile PDFs: a script hidden in an object stream, in every encoding', () => {
  for (const [name, filter, encode] of ENCODINGS) {
    it(`${name}: refused with the Indonesian sentence; the harmless twin is accepted`, async () => {
      const hostile = minimalPdf({ catalogExtra: '/OpenAction 10 0 R ', extraObjects: [objStm([SCRIPT], filter, encode)] });
      expect(hostile.includes(latin1('JavaScript'))).toBe(false); // invisible to a raw scan
      const err = await refusal(hostile);
      expect(err.code).toBe('invalid-argument');
      expect(err.message).toBe(MESSAGES.pdfActive);
      const twin = minimalPdf({ extraObjects: [objStm([HARMLESS, HARMLESS], filter, encode)] });
      expect((await detectUpload(twin)).kind).toBe('pdf');
      expect(countPdfPages(twin)).toBe(3); // the page of minimalPdf + the two decoded from the stream
    });
  }
});

describe('hostile PDFs: actions that run or open things, in plain dictionaries', () => {
  it.each([
    ['/Launch', '/OpenAction << /S /Launch /F (cmd.exe) >> '],
    ['/AA (additional actions)', '/AA << /O << /S /GoTo /D [3 0 R /Fit] >> >> '],
    ['/EmbeddedFiles', '/Names << /EmbeddedFiles << /Names [(a.exe) 9 0 R] >> >> '],
    ['/XFA', '/AcroForm << /XFA 9 0 R >> '],
    ['/GoToR', '/OpenAction << /S /GoToR /F (\\\\\\\\server\\\\share\\\\x.pdf) >> '],
    ['/SubmitForm', '/OpenAction << /S /SubmitForm /F << /FS /URL /F (https://contoh.example/) >> >> '],
    ['/RichMedia', '/OpenAction << /S /RichMediaExecute >> /RichMedia 9 0 R '],
    ['/Rendition', '/OpenAction << /S /Rendition /JS 9 0 R >> '],
    ['/JavaScript with #xx escapes', '/OpenAction << /S /J#61vaScript /J#53 (x) >> '],
  ])('%s', async (_name, extra) => {
    const err = await refusal(minimalPdf({ catalogExtra: extra }));
    expect(err.message).toBe(MESSAGES.pdfActive);
  });

  it.each([
    ['a literal string', '(javascript:app.alert\\(1\\))'],
    ['octal escapes in a literal string', '(\\152avascript:alert\\(1\\))'],
    ['a hex string', `<${Buffer.from('JavaScript :alert(1)').toString('hex')}>`],
    ['a string split by a line continuation', '(java\\\nscript:alert\\(1\\))'],
  ])('a javascript: link in %s', async (_name, uri) => {
    const pdf = minimalPdf({ pageExtra: `/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 99 99] /A << /S /URI /URI ${uri} >> >>] ` });
    const err = await refusal(pdf);
    expect(err.message).toBe(MESSAGES.pdfActive);
  });

  it('an ordinary https link and a view-only /OpenAction are accepted', async () => {
    const pdf = minimalPdf({
      catalogExtra: '/OpenAction [3 0 R /FitH null] ',
      pageExtra: '/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 99 99] /A << /S /URI /URI (https://dinsos.example/) >> >>] ',
    });
    expect((await detectUpload(pdf)).kind).toBe('pdf');
  });
});

describe('filters that cannot be inspected are refused', () => {
  const withStream = (dict: string, data: Buffer) =>
    minimalPdf({ extraObjects: [Buffer.concat([latin1(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, latin1('\nendstream')])] });

  it('an unknown filter', async () => {
    const err = await refusal(withStream('/Filter /BrotliDecode', Buffer.from('xyz')));
    expect(err.message).toBe(MESSAGES.pdfFilter);
    expect(err.reason).toBe('unknown-filter');
  });
  it('a Crypt filter (encrypted stream)', async () => {
    const err = await refusal(withStream('/Filter /Crypt', Buffer.from('xyz')));
    expect(err.message).toBe(MESSAGES.pdfEncrypted);
  });
  it('an image filter before another filter', async () => {
    const err = await refusal(withStream('/Filter [/DCTDecode /FlateDecode]', deflateSync(Buffer.from('xyz'))));
    expect(err.message).toBe(MESSAGES.pdfFilter);
  });
  it('an indirect filter', async () => {
    const err = await refusal(withStream('/Filter 9 0 R', Buffer.from('xyz')));
    expect(err.message).toBe(MESSAGES.pdfMalformed);
  });
  it('an unknown predictor', async () => {
    const err = await refusal(withStream('/Filter /FlateDecode /DecodeParms << /Predictor 7 >>', deflateSync(Buffer.from('xyz'))));
    expect(err.message).toBe(MESSAGES.pdfFilter);
  });
  it('bad data behind a filter', async () => {
    const err = await refusal(withStream('/Filter /ASCIIHexDecode', Buffer.from('zz not hex >')));
    expect(err.message).toBe(MESSAGES.pdfMalformed);
  });
  it('a decompression bomb', async () => {
    const bomb = deflateSync(Buffer.alloc(40 * 1024 * 1024));
    const err = await refusal(withStream('/Filter /FlateDecode', bomb));
    expect(err.message).toBe(MESSAGES.pdfMalformed);
  });
  it('a scanned page (a JPEG image stream, DCTDecode) is accepted without decoding the image', async () => {
    const jpegish = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0x2f, 0x4a, 0x53, 0x20, 0xff, 0xd9]); // contains "/JS "
    const pdf = withStream('/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode', jpegish);
    expect((await detectUpload(pdf)).kind).toBe('pdf');
  });
});

it('the corpus helper makes well-formed files (xref offsets match)', () => {
  const pdf = assemblePdf([latin1('<< /Type /Catalog >>')]);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
});
