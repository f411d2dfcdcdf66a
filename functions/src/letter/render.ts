/**
 * Renders the Surat Keterangan to PDF with pdfmake 0.3 (server build).
 *
 * Guarantees:
 *  - A4, the office letterhead with a double rule, title and number, the body from
 *    `buildLetterBody`, place and date, the signature block with the signer's mark, the
 *    coordinator's paraf line, the SOP warnings that apply (boxed), a QR code to the
 *    verification page with its code, and 'Halaman x dari y' in the footer;
 *  - deterministic: the PDF metadata (CreationDate/ModDate, hence the file ID) come from
 *    `issuedAt`, so the same input yields the same bytes (tested);
 *  - no network and no file access while rendering: the font files are read once per process
 *    into pdfmake's virtual file system, the URL policy refuses every URL and the local-file
 *    policy admits exactly the four font files (a logo must be a data URL);
 *  - every character intake accepts prints: the font is DejaVu Sans Condensed (npm
 *    `dejavu-fonts-ttf`), which covers the Latin alphabet with all its diacritics; the alphabet
 *    intake accepts (`../domain/printable.ts`) is generated from these four files.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { DomainError } from '../domain/errors.js';
import { formatTanggalWaktu, OFFICE_UTC_OFFSET_MINUTES } from '../domain/indonesianDate.js';
import { buildLetterBody, regionOf, type IdentityRow, type LetterBody, type LetterInput } from '../domain/letterContent.js';
import { COMPLAINT_TYPE_LABELS } from '../domain/vocabulary.js';

/** pdfmake ships no types; this is the part of its 0.3 server API used here. */
export type Content = string | { [key: string]: unknown } | Content[];
export interface PdfMakeServer {
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
  setFonts(fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(doc: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

export interface RenderedLetter {
  pdf: Buffer;
  /** Lower-case hex SHA-256 of `pdf`. */
  sha256: string;
  pages: number;
}

const require = createRequire(import.meta.url);
/** The four faces; scripts/gen-printable.mjs reads the same files. */
const FONT_FACES = {
  normal: 'DejaVuSansCondensed.ttf',
  bold: 'DejaVuSansCondensed-Bold.ttf',
  italics: 'DejaVuSansCondensed-Oblique.ttf',
  bolditalics: 'DejaVuSansCondensed-BoldOblique.ttf',
} as const;
export const FONT_FAMILY = 'DejaVuSansCondensed';
/** Names in pdfmake's virtual file system (not real paths). */
const VFS_DIR = 'surat-keterangan-fonts';

let pdfmakeInstance: PdfMakeServer | undefined;

/** Loads pdfmake and the font files once per process (the report documents and the receipt share it). */
export function pdfmake(): PdfMakeServer {
  if (pdfmakeInstance) return pdfmakeInstance;
  const pm = require('pdfmake') as PdfMakeServer;
  const fontDir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const allowed = new Set<string>();
  const faces = {} as Record<keyof typeof FONT_FACES, string>;
  for (const [face, file] of Object.entries(FONT_FACES) as [keyof typeof FONT_FACES, string][]) {
    const path = join(fontDir, file);
    allowed.add(path);
    pm.virtualfs.writeFileSync(`${VFS_DIR}/${file}`, readFileSync(path));
    faces[face] = `${VFS_DIR}/${file}`;
  }
  pm.setFonts({ [FONT_FAMILY]: faces });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy((path) => allowed.has(path));
  pdfmakeInstance = pm;
  return pm;
}

/** Lower-case hex SHA-256 of the bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const DATA_IMAGE = /^data:image\/(png|jpe?g);base64,[A-Za-z0-9+/=\s]+$/;

const BODY_SIZE = 10;
const SMALL = 8;
/** Left, top, right, bottom, in points (1 cm ≈ 28.35 pt): close to the government letter layout. */
const PAGE_MARGINS = [71, 34, 57, 48] as const;
const CONTENT_WIDTH = 595.28 - PAGE_MARGINS[0] - PAGE_MARGINS[2];

function letterhead(input: LetterInput): Content[] {
  const lh = input.letterhead;
  const contact = [
    lh.phone ? `Telepon ${lh.phone}` : '',
    lh.email ? `Pos-el ${lh.email}` : '',
    lh.website ? `Laman ${lh.website}` : '',
  ].filter((s) => s !== '');
  const text: Content = {
    stack: [
      { text: lh.government.toUpperCase(), fontSize: 13, bold: true },
      { text: lh.office.toUpperCase(), fontSize: 14, bold: true, margin: [0, 0, 0, 2] },
      { text: lh.address, fontSize: 8.5, lineHeight: 1.05 },
      ...(contact.length > 0 ? [{ text: contact.join('  •  '), fontSize: 8.5 }] : []),
    ],
    alignment: 'center',
    width: '*',
  };
  let head: Content = text;
  if (lh.logoDataUrl) {
    if (!DATA_IMAGE.test(lh.logoDataUrl)) {
      throw new DomainError('invalid-argument', 'Logo kop surat harus berupa gambar PNG atau JPEG (data URL).');
    }
    head = { columns: [{ image: lh.logoDataUrl, fit: [58, 58], width: 58 }, text], columnGap: 8 };
  }
  return [
    head,
    {
      canvas: [
        { type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 2.25 },
        { type: 'line', x1: 0, y1: 3.25, x2: CONTENT_WIDTH, y2: 3.25, lineWidth: 0.75 },
      ],
      margin: [0, 5, 0, 12],
    },
  ];
}

/**
 * Extra word space, in em, of a text made only of one-letter words. Poppler (pdftotext, Evince,
 * Okular) drops the space glyph and finds word breaks by distance alone; a line whose words are
 * all one character long it takes for letter-spaced text ("S U R A T") and breaks it only where the
 * gap reaches 0.4 em (TextLine::coalesce, maxWideCharSpacing). DejaVu Sans Condensed's space is
 * 0.286 em (bold 0.313 em), so a KPM named "A B" was copied out of the letter as "AB". With 0.15 em
 * more the gap is 0.44 em (bold 0.46 em).
 */
const ONE_LETTER_WORDS_EXTRA_SPACE = 0.15;

/**
 * `text` as it is, or, when it has two or more words and every word is one character ("A B C"),
 * with its word spaces widened so that text extraction keeps them (`ONE_LETTER_WORDS_EXTRA_SPACE`).
 * The widening is letter spacing: pdfmake places each word on its own, so in a one-letter word the
 * spacing lands in the space after the letter and the letters keep their shapes. Any other text is
 * returned unchanged, so every other name renders exactly as before.
 */
export function keepWordBreaks(text: string, fontSize: number): Content {
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || words.some((w) => [...w].length !== 1)) return text;
  return { text, characterSpacing: ONE_LETTER_WORDS_EXTRA_SPACE * fontSize };
}

function identityTable(rows: IdentityRow[]): Content {
  return {
    table: {
      widths: [118, 8, '*'],
      body: rows.map((r) => [
        r.label,
        ':',
        { text: keepWordBreaks(r.value, BODY_SIZE), bold: r.strong === true },
      ]),
    },
    layout: {
      defaultBorder: false,
      paddingLeft: () => 0,
      paddingRight: () => 0,
      paddingTop: () => 0.3,
      paddingBottom: () => 0.3,
    },
    margin: [22, 1, 0, 6],
    alignment: 'left',
  };
}

function bodyBlocks(body: LetterBody): Content[] {
  return body.blocks.map((b): Content =>
    b.kind === 'paragraph'
      ? { text: b.text, alignment: 'justify', margin: [0, 0, 0, 5] }
      : identityTable(b.rows),
  );
}

function signatureRow(input: LetterInput, body: LetterBody, offset: number): Content {
  const sig = body.signatureBlock;
  const left: Content = {
    width: 195,
    stack: [
      { qr: input.verificationUrl, fit: 84, eccLevel: 'M', margin: [0, 0, 0, 3] },
      { text: 'Pindai untuk memverifikasi keaslian surat ini', fontSize: SMALL },
      { text: [{ text: 'Kode verifikasi: ', fontSize: SMALL }, { text: input.verificationCode, bold: true, fontSize: 9 }] },
      {
        text: `Paraf Koordinator: ${input.paraf.name},\n${formatTanggalWaktu(input.paraf.at, offset)}`,
        fontSize: 7,
        color: '#333333',
        margin: [0, 6, 0, 0],
      },
    ],
    margin: [0, 14, 0, 0],
  };
  const right: Content = {
    width: 250,
    stack: [
      body.placeAndDate,
      ...(sig.onBehalfOf === null ? [] : [sig.onBehalfOf]),
      sig.title,
      {
        table: {
          widths: ['*'],
          body: [
            [
              {
                stack: [
                  { text: input.signature.mark, italics: true, fontSize: 9 },
                  { text: `pada ${formatTanggalWaktu(input.signature.signedAt, offset)}`, fontSize: 7.5 },
                ],
                alignment: 'center',
                margin: [0, 2, 0, 2],
              },
            ],
          ],
        },
        layout: {
          hLineWidth: () => 0.5,
          vLineWidth: () => 0.5,
          hLineColor: () => '#555555',
          vLineColor: () => '#555555',
        },
        margin: [0, 6, 40, 6],
      },
      { text: keepWordBreaks(sig.name, BODY_SIZE), bold: true, decoration: 'underline' },
      sig.nipLine,
    ],
  };
  return { columns: [left, { text: '', width: '*' }, right], margin: [0, 8, 0, 0], unbreakable: true };
}

function warningsBox(heading: string, warnings: string[]): Content[] {
  if (warnings.length === 0) return [];
  return [
    {
      table: {
        widths: ['*'],
        body: [
          [
            {
              stack: [
                { text: heading, bold: true, fontSize: 9, margin: [0, 0, 0, 2] },
                // Numbered by hand: pdfmake's `ol` writes the marker after the first line in the
                // content stream, which scrambles the extracted text.
                ...warnings.map((w, i) => ({
                  columns: [
                    { text: `${i + 1}.`, width: 12 },
                    { text: w, width: '*' },
                  ],
                  fontSize: SMALL + 0.5,
                })),
              ],
              margin: [4, 3, 4, 3],
            },
          ],
        ],
      },
      layout: { hLineWidth: () => 0.75, vLineWidth: () => 0.75 },
      margin: [0, 10, 0, 0],
      unbreakable: true,
    },
  ];
}

/** The pdfmake document definition of a letter; `onPageCount` receives the total page count. */
function documentDefinition(input: LetterInput, onPageCount: (n: number) => void): Record<string, unknown> {
  const offset = input.utcOffsetMinutes ?? OFFICE_UTC_OFFSET_MINUTES;
  const body = buildLetterBody(input);
  if (typeof input.verificationUrl !== 'string' || !/^https?:\/\//.test(input.verificationUrl)) {
    throw new DomainError('invalid-argument', 'Alamat verifikasi surat harus berupa URL http(s).');
  }
  const issuedAt = input.issuedAt;
  return {
    pageSize: 'A4',
    pageMargins: [...PAGE_MARGINS],
    info: {
      title: `Surat Keterangan ${body.number}`,
      author: `${input.letterhead.office} ${regionOf(input.letterhead.government)}`,
      subject: `Surat Keterangan – ${COMPLAINT_TYPE_LABELS[input.complaintType]}`,
      keywords: `${body.number} ${input.verificationCode}`,
      creator: 'Layanan Pengaduan KPM Sembako/BPNT',
      producer: 'pdfmake',
      creationDate: issuedAt,
      modDate: issuedAt,
    },
    // No kerning, as since d971bda. It was switched off to keep "A A" whole in text extraction, but
    // DejaVu Sans Condensed has no pair with the space; the cause was poppler's reading of one-letter
    // words as letter-spaced text, answered by `keepWordBreaks`.
    defaultStyle: { font: FONT_FAMILY, fontSize: BODY_SIZE, lineHeight: 1.12, fontFeatures: { kern: false } },
    content: [
      ...letterhead(input),
      { text: body.title, bold: true, fontSize: 12.5, decoration: 'underline', alignment: 'center', characterSpacing: 0.5 },
      { text: body.numberLine, alignment: 'center', margin: [0, 1, 0, 14] },
      ...bodyBlocks(body),
      { text: body.closing, alignment: 'justify', margin: [0, 2, 0, 0] },
      signatureRow(input, body, offset),
      ...warningsBox(body.warningsHeading, body.warnings),
    ],
    footer: (currentPage: number, pageCount: number): Content => {
      onPageCount(pageCount);
      return {
        columns: [
          { text: `Surat Keterangan Nomor ${body.number}`, alignment: 'left' },
          { text: `Halaman ${currentPage} dari ${pageCount}`, alignment: 'right' },
        ],
        fontSize: 7.5,
        color: '#444444',
        margin: [PAGE_MARGINS[0], 16, PAGE_MARGINS[2], 0],
      };
    },
  };
}

/**
 * Renders a signed, numbered letter. Rejects with DomainError('invalid-argument') for incomplete
 * input (see `buildLetterBody`), a non-http(s) verification URL or a logo that is not a PNG/JPEG
 * data URL.
 */
export async function renderLetterPdf(input: LetterInput): Promise<RenderedLetter> {
  let pages = 0;
  const doc = documentDefinition(input, (n) => {
    pages = n;
  });
  const pdf = await pdfmake().createPdf(doc).getBuffer();
  return { pdf, sha256: sha256Hex(pdf), pages };
}
