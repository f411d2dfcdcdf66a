/**
 * The receipt (*Tanda Terima Pengaduan*) as PDF, pdfmake with the letter's fonts
 * (../letter/render.ts), in two layouts: A5 (a desk printer, and the email attachment) and a
 * narrow roll (58 mm or 80 mm thermal receipt printers; the page is as long as its content).
 *
 * It prints the case number, when it was received (office time), the complaint type, the masked
 * applicant name (nothing else of the identity: no NIK, phone or address), the documents received
 * as a checklist, the SOP's time standard, and the tracking link as a QR code with the short link
 * and the code written out. The code exists only in this PDF and the answer of `issueReceipt`:
 * the server keeps its keyed hash only.
 */
import { formatTanggalWaktu } from '../domain/indonesianDate.js';
import { regionOf } from '../domain/letterContent.js';
import type { Letterhead } from '../domain/settings.js';
import type { TimeStandards } from '../domain/officeClock.js';
import { displayTrackingCode, timeStandardLines } from '../domain/tracking.js';
import { FONT_FAMILY, pdfmake, type Content } from '../letter/render.js';

export interface ReceiptInput {
  number: string;
  receivedAt: Date;
  complaintLabel: string;
  complaintDetail?: string;
  applicantMasked: string;
  receivedBy: string;
  documents: { label: string; received: boolean }[];
  standards: TimeStandards;
  trackingUrl: string;
  shortLink: string;
  code: string;
  issuedAt: Date;
  /** 1 for the first receipt; more when reprinted (the earlier codes no longer work). */
  issue: number;
  letterhead: Pick<Letterhead, 'government' | 'office' | 'address' | 'phone'>;
  utcOffsetMinutes: number;
}

export type ReceiptFormat = 'a5' | 'roll58' | 'roll80';

const MM = 72 / 25.4;

interface Layout {
  pageSize: { width: number; height: number | 'auto' } | 'A5';
  margins: [number, number, number, number];
  width: number;
  base: number;
  qr: number;
}

const LAYOUTS: Record<ReceiptFormat, Layout> = {
  a5: { pageSize: 'A5', margins: [40, 32, 40, 32], width: 419.53 - 80, base: 9.5, qr: 118 },
  // 58 mm paper prints about 48 mm; 80 mm about 72 mm.
  roll58: {
    pageSize: { width: 58 * MM, height: 'auto' },
    margins: [5 * MM, 8, 5 * MM, 18],
    width: 48 * MM,
    base: 7,
    qr: 40 * MM,
  },
  roll80: {
    pageSize: { width: 80 * MM, height: 'auto' },
    margins: [4 * MM, 8, 4 * MM, 18],
    width: 72 * MM,
    base: 8.5,
    qr: 46 * MM,
  },
};

function definition(r: ReceiptInput, format: ReceiptFormat): Record<string, unknown> {
  const L = LAYOUTS[format];
  const roll = format !== 'a5';
  const small = L.base - 1.5;
  const when = (d: Date) => formatTanggalWaktu(d, r.utcOffsetMinutes);
  const std = timeStandardLines(r.standards);
  const rule = (w = 0.75): Content => ({
    canvas: [
      {
        type: 'line',
        x1: 0,
        y1: 0,
        x2: L.width,
        y2: 0,
        lineWidth: w,
        ...(roll ? { dash: { length: 2 } } : {}),
      },
    ],
    margin: [0, 4, 0, 4],
  });
  const row = (label: string, value: Content, bold = false): Content =>
    roll
      ? {
          stack: [
            { text: label, fontSize: small, color: '#333333' },
            { text: value, bold },
          ],
          margin: [0, 0, 0, 2],
        }
      : {
          columns: [
            { text: label, width: 108 },
            { text: ':', width: 8 },
            { text: value, bold, width: '*' },
          ],
          margin: [0, 0, 0, 1.5],
        };

  const head: Content = {
    stack: [
      { text: r.letterhead.government.toUpperCase(), bold: true, fontSize: L.base + (roll ? 0 : 0.5) },
      { text: r.letterhead.office.toUpperCase(), bold: true, fontSize: L.base + (roll ? 0.5 : 1.5) },
      { text: r.letterhead.address, fontSize: small },
    ],
    alignment: 'center',
  };
  const documents: Content = {
    stack: r.documents.map((d) => ({
      columns: [
        { text: d.received ? '✓' : '✗', width: roll ? 9 : 12, bold: true },
        { text: `${d.label} — ${d.received ? 'diterima' : 'belum diterima'}`, width: '*' },
      ],
      margin: [0, 0, 0, 1],
    })),
    margin: [0, 1, 0, 0],
  };
  const code = displayTrackingCode(r.code);
  const trackText: Content[] = [
    { text: 'Lacak status pengaduan Anda', bold: true },
    // The short link is also a link to the QR code's address (clickable in the emailed PDF).
    {
      text: [
        'Pindai kode QR, atau buka ',
        { text: r.shortLink, link: r.trackingUrl, color: '#1d4f91' },
        ' lalu isi:',
      ],
      fontSize: small,
    },
    {
      text: [
        { text: 'Nomor pengaduan: ', fontSize: small },
        { text: r.number, bold: true },
      ],
      margin: [0, 2, 0, 0],
    },
    {
      text: [
        { text: 'Kode pelacakan: ', fontSize: small },
        { text: code, bold: true, fontSize: L.base + 2, characterSpacing: 0.6 },
      ],
    },
  ];
  const qr: Content = { qr: r.trackingUrl, fit: L.qr, eccLevel: 'M', alignment: roll ? 'center' : 'left' };
  const track: Content = roll
    ? { stack: [qr, { stack: trackText, alignment: 'center', margin: [0, 4, 0, 0] }], unbreakable: true }
    : {
        columns: [
          { ...qr, width: L.qr + 8 },
          { stack: trackText, width: '*', margin: [4, 10, 0, 0] },
        ],
        unbreakable: true,
      };
  const notes = [
    'Simpan tanda terima ini. Kode pelacakan bersifat rahasia: siapa pun yang memegangnya dapat melihat status pengaduan ini.',
    ...(r.issue > 1
      ? [`Cetakan ke-${r.issue}: kode pelacakan pada tanda terima sebelumnya tidak berlaku lagi.`]
      : []),
  ];
  return {
    pageSize: L.pageSize,
    pageMargins: L.margins,
    info: {
      title: `Tanda Terima Pengaduan ${r.number}`,
      author: `${r.letterhead.office} ${regionOf(r.letterhead.government)}`,
      creator: 'Layanan Pengaduan KPM Sembako/BPNT',
      producer: 'pdfmake',
      creationDate: r.issuedAt,
      modDate: r.issuedAt,
    },
    defaultStyle: { font: FONT_FAMILY, fontSize: L.base, lineHeight: 1.1, fontFeatures: { kern: false } },
    content: [
      head,
      rule(roll ? 0.75 : 1.5),
      {
        text: 'TANDA TERIMA PENGADUAN',
        bold: true,
        fontSize: L.base + 3,
        alignment: 'center',
        margin: [0, 2, 0, 0],
      },
      {
        text: 'Layanan Pengaduan KPM Program Sembako/BPNT',
        alignment: 'center',
        fontSize: small,
        margin: [0, 0, 0, 6],
      },
      row('Nomor pengaduan', r.number, true),
      row('Diterima', when(r.receivedAt)),
      row('Jenis pengaduan', r.complaintLabel),
      row('Pemohon', r.applicantMasked),
      row('Petugas penerima', r.receivedBy),
      { text: 'Dokumen yang diterima', bold: true, margin: [0, 5, 0, 0] },
      documents,
      { text: 'Standar waktu layanan (SOP)', bold: true, margin: [0, 5, 0, 0] },
      { text: std.total, fontSize: L.base },
      { text: `Rincian: ${std.steps}.`, fontSize: small, color: '#333333' },
      rule(),
      track,
      rule(),
      ...notes.map((t) => ({ text: t, fontSize: small, margin: [0, 0, 0, 2] })),
      {
        text: `Dicetak ${when(r.issuedAt)}${r.letterhead.phone ? ` · Telepon ${r.letterhead.phone}` : ''}`,
        fontSize: small,
        color: '#444444',
        margin: [0, 2, 0, 0],
      },
    ],
  };
}

/** Renders one layout of the receipt. */
export async function renderReceiptPdf(r: ReceiptInput, format: ReceiptFormat): Promise<Buffer> {
  return pdfmake().createPdf(definition(r, format)).getBuffer();
}

/** 'Tanda-Terima-ADU-2026-000123-A5.pdf' */
export function receiptFilename(number: string, variant: string): string {
  return `Tanda-Terima-${number.replace(/[^A-Za-z0-9.-]+/g, '-')}-${variant}.pdf`;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The receipt's email (formal Indonesian; the A5 PDF is attached by the caller). */
export function receiptEmail(r: {
  name: string;
  number: string;
  complaintLabel: string;
  code: string;
  url: string;
  office: string;
  contact: Pick<Letterhead, 'phone' | 'email'>;
}): { subject: string; text: string; html: string } {
  const code = displayTrackingCode(r.code);
  const contact = [
    r.contact.phone ? `telepon ${r.contact.phone}` : '',
    r.contact.email ? `email ${r.contact.email}` : '',
  ]
    .filter(Boolean)
    .join(' atau ');
  const paragraphs = [
    `Yth. Bapak/Ibu ${r.name},`,
    'Dengan hormat,',
    `Pengaduan Bapak/Ibu (${r.complaintLabel}) telah kami terima dengan nomor ${r.number}. ` +
      'Tanda terima pengaduan terlampir dalam format PDF.',
    `Status pengaduan dapat dilacak melalui ${r.url} atau dengan nomor pengaduan ${r.number} dan kode pelacakan ${code}. ` +
      'Kode pelacakan bersifat rahasia; mohon tidak dibagikan kepada orang lain. ' +
      'Bila tanda terima dicetak ulang, kode pada tanda terima sebelumnya tidak berlaku lagi.',
    `Email ini dikirim secara otomatis; mohon tidak membalas email ini.${contact ? ` Untuk keterangan lebih lanjut, silakan menghubungi kami melalui ${contact}.` : ''}`,
    'Atas perhatian Bapak/Ibu, kami ucapkan terima kasih.',
  ];
  const signoff = ['Hormat kami,', r.office];
  const text = [...paragraphs, signoff.join('\n')].join('\n\n');
  const html = [
    '<!doctype html><html lang="id"><body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#111">',
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p>${signoff.map(escapeHtml).join('<br>')}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: `Tanda Terima Pengaduan ${r.number}`, text, html };
}
