/**
 * Printable report documents (registers, the monthly report) with pdfmake, on the letter's fonts.
 *
 * One call, `renderReportPdf(doc)`, returns the PDF bytes. The document has, in order:
 *  - the office letterhead (from settings, as on the letter) with its double rule;
 *  - the title (bold, centred) and subtitle lines (period, filters);
 *  - sections: an optional heading, paragraphs, and a table whose header row repeats on every
 *    page (column widths in points, `'*'` or `'auto'`; numbers right-aligned; optional bold
 *    totals row);
 *  - the acknowledgement block of the SOP sheet: place and date, "Mengetahui,", the head of
 *    office's title, a blank space for the signature, the name (underlined) and the NIP line —
 *    dotted lines when settings do not name the head of office;
 *  - a footer on every page: "Dicetak <tanggal waktu> oleh <nama>" and "Halaman X dari Y".
 *
 * Portrait or landscape A4 (registers are landscape). No network and no file access while
 * rendering (the letter renderer's policies). Deterministic for a given `printedAt`.
 */
import { formatTanggal, formatTanggalWaktu, OFFICE_UTC_OFFSET_MINUTES } from '../domain/indonesianDate.js';
import { regionOf } from '../domain/letterContent.js';
import { placeOf } from '../domain/letterInput.js';
import type { Letterhead } from '../domain/settings.js';
import { FONT_FAMILY, pdfmake } from '../letter/render.js';

type Content = string | { [key: string]: unknown } | Content[];

/** A cell: text, a number (right-aligned, Indonesian grouping), or empty. */
export type ReportCell = string | number | null | undefined;

export interface ReportColumn {
  header: string;
  /** Points, `'*'` (share the rest) or `'auto'` (fit the content). Default `'auto'`. */
  width?: number | '*' | 'auto';
  /** Default: right for numbers, left otherwise. */
  align?: 'left' | 'center' | 'right';
}

export interface ReportTable {
  columns: readonly ReportColumn[];
  rows: readonly (readonly ReportCell[])[];
  /** A last row printed bold (e.g. "Jumlah" and the sums). */
  totals?: readonly ReportCell[];
  /** Font size of the table (default 7.5 landscape, 8 portrait). */
  fontSize?: number;
}

export interface ReportSection {
  heading?: string;
  paragraphs?: readonly string[];
  table?: ReportTable;
}

/** Who acknowledges the report ("Mengetahui,"): the head of office. */
export interface Acknowledgement {
  /** E.g. "Kepala Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan". */
  title: string;
  /** Printed underlined; a dotted line when absent. */
  name?: string;
  /** Printed as "NIP. …"; a dotted line when absent. */
  nip?: string;
}

export interface ReportDocument {
  title: string;
  /** Lines under the title: the period, the filters. */
  subtitle?: readonly string[];
  orientation?: 'portrait' | 'landscape';
  letterhead: Letterhead;
  sections: readonly ReportSection[];
  /** The instant printed in the footer and used for the place-and-date line and the PDF metadata. */
  printedAt: Date;
  /** Staff member's name for the footer ("oleh …"). */
  printedBy?: string;
  /** Default: the head of office named from the letterhead (`headOfOffice`); `null` prints none. */
  acknowledgement?: Acknowledgement | null;
  utcOffsetMinutes?: number;
}

/** "Kepala Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan" from the letterhead. */
export function headOfOffice(letterhead: Pick<Letterhead, 'office' | 'government'>): Acknowledgement {
  return { title: `Kepala ${letterhead.office.trim()} ${regionOf(letterhead.government)}` };
}

const A4 = { width: 595.28, height: 841.89 };
const MARGINS = [40, 30, 40, 42] as const;
const NUMBER_FORMAT = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });
const DOTS = '..................................................';

function cellText(v: ReportCell): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? NUMBER_FORMAT.format(v) : v;
}

function letterheadBlock(lh: Letterhead, contentWidth: number): Content[] {
  const contact = [
    lh.phone ? `Telepon ${lh.phone}` : '',
    lh.email ? `Pos-el ${lh.email}` : '',
    lh.website ? `Laman ${lh.website}` : '',
  ].filter((s) => s !== '');
  return [
    {
      stack: [
        { text: lh.government.toUpperCase(), fontSize: 11.5, bold: true },
        { text: lh.office.toUpperCase(), fontSize: 12.5, bold: true, margin: [0, 0, 0, 1] },
        { text: lh.address, fontSize: 8 },
        ...(contact.length > 0 ? [{ text: contact.join('  •  '), fontSize: 8 }] : []),
      ],
      alignment: 'center',
    },
    {
      canvas: [
        { type: 'line', x1: 0, y1: 0, x2: contentWidth, y2: 0, lineWidth: 2 },
        { type: 'line', x1: 0, y1: 3, x2: contentWidth, y2: 3, lineWidth: 0.6 },
      ],
      margin: [0, 4, 0, 10],
    },
  ];
}

function tableBlock(t: ReportTable, defaultSize: number): Content {
  const numeric = t.columns.map((_, i) => t.rows.some((r) => typeof r[i] === 'number'));
  const align = (i: number) => t.columns[i]?.align ?? (numeric[i] ? 'right' : 'left');
  const header = t.columns.map((c) => ({ text: c.header, bold: true, fillColor: '#e8e8e8' }));
  const body: Content[][] = [header];
  for (const r of t.rows) body.push(t.columns.map((_, i) => ({ text: cellText(r[i]), alignment: align(i) })));
  if (t.totals) {
    body.push(t.columns.map((_, i) => ({ text: cellText(t.totals?.[i]), alignment: align(i), bold: true })));
  }
  return {
    table: { headerRows: 1, dontBreakRows: true, widths: t.columns.map((c) => c.width ?? 'auto'), body },
    layout: {
      hLineWidth: () => 0.4,
      vLineWidth: () => 0.4,
      hLineColor: () => '#777777',
      vLineColor: () => '#777777',
      paddingLeft: () => 2.5,
      paddingRight: () => 2.5,
      paddingTop: () => 1.5,
      paddingBottom: () => 1.5,
    },
    fontSize: t.fontSize ?? defaultSize,
    margin: [0, 2, 0, 8],
  };
}

function acknowledgementBlock(ack: Acknowledgement, place: string, date: string): Content {
  return {
    columns: [
      { text: '', width: '*' },
      {
        width: 300,
        stack: [
          `${place}, ${date}`,
          'Mengetahui,',
          `${ack.title},`,
          { text: ' ', margin: [0, 0, 0, 44] },
          ack.name ? { text: ack.name, bold: true, decoration: 'underline' } : { text: `(${DOTS})` },
          `NIP. ${ack.nip ?? DOTS.slice(0, 30)}`,
        ],
      },
    ],
    margin: [0, 14, 0, 0],
    unbreakable: true,
  };
}

/** The pdfmake document definition (exported for tests of the layout, not for callers). */
export function reportDefinition(doc: ReportDocument): Record<string, unknown> {
  const offset = doc.utcOffsetMinutes ?? OFFICE_UTC_OFFSET_MINUTES;
  const landscape = doc.orientation === 'landscape';
  const pageWidth = landscape ? A4.height : A4.width;
  const contentWidth = pageWidth - MARGINS[0] - MARGINS[2];
  const tableSize = landscape ? 7.5 : 8;
  const ack = doc.acknowledgement === undefined ? headOfOffice(doc.letterhead) : doc.acknowledgement;
  const printed = `Dicetak ${formatTanggalWaktu(doc.printedAt, offset)}${doc.printedBy ? ` oleh ${doc.printedBy}` : ''}`;
  const content: Content[] = [
    ...letterheadBlock(doc.letterhead, contentWidth),
    { text: doc.title, bold: true, fontSize: 12, alignment: 'center' },
    ...(doc.subtitle ?? []).map((s) => ({ text: s, alignment: 'center', fontSize: 9 })),
    { text: '', margin: [0, 0, 0, 8] },
  ];
  for (const s of doc.sections) {
    if (s.heading) content.push({ text: s.heading, bold: true, fontSize: 10, margin: [0, 6, 0, 3] });
    for (const p of s.paragraphs ?? []) content.push({ text: p, margin: [0, 0, 0, 4], alignment: 'justify' });
    if (s.table) content.push(tableBlock(s.table, tableSize));
  }
  if (ack) {
    content.push(acknowledgementBlock(ack, placeOf(doc.letterhead.government), formatTanggal(doc.printedAt, offset)));
  }
  return {
    pageSize: 'A4',
    pageOrientation: landscape ? 'landscape' : 'portrait',
    pageMargins: [...MARGINS],
    info: {
      title: doc.title,
      author: `${doc.letterhead.office} ${regionOf(doc.letterhead.government)}`,
      creator: 'Layanan Pengaduan KPM Sembako/BPNT',
      producer: 'pdfmake',
      creationDate: doc.printedAt,
      modDate: doc.printedAt,
    },
    // No kerning, as on the letter: text extraction must see every word break.
    defaultStyle: { font: FONT_FAMILY, fontSize: 9, lineHeight: 1.1, fontFeatures: { kern: false } },
    content,
    footer: (currentPage: number, pageCount: number): Content => ({
      columns: [
        { text: printed, alignment: 'left' },
        { text: `Halaman ${currentPage} dari ${pageCount}`, alignment: 'right' },
      ],
      fontSize: 7,
      color: '#444444',
      margin: [MARGINS[0], 14, MARGINS[2], 0],
    }),
  };
}

/** Renders the report to PDF bytes. */
export async function renderReportPdf(doc: ReportDocument): Promise<Buffer> {
  return pdfmake().createPdf(reportDefinition(doc)).getBuffer();
}
