/**
 * The receipt (*tanda terima*) on the case page, offered at once after intake: `issueReceipt`
 * makes a new tracking code and returns the receipt as A5 and roll PDFs (58 or 80 mm, the
 * counter's printer, remembered in this browser), the tracking link and a WhatsApp share link.
 * The code is shown only here, now: the server keeps its hash only, so reprinting makes a new code
 * and the earlier receipt stops working (the page says so before the button).
 *
 * WhatsApp: "Bagikan lewat WhatsApp" opens `wa.me/?text=…` without a number (the FO or the
 * applicant picks the chat on their own phone, and no phone number is written into a URL that
 * browser history, link previews and logs keep); "Kirim ke nomor pemohon" puts the applicant's
 * number (from the identity the FO already sees) in the link only when the FO clicks it.
 */
import { useState } from 'preact/hooks';
import { REPRINT_WARNING, whatsappShareUrl, type IssuedReceipt as Issued } from '../../../functions/src/domain/tracking';
import { call } from '../firebase';
import { ErrorBox, errorMessage, isMissingFunction } from './ui';

const issueReceipt = call<{ caseId: string; roll: 58 | 80 }, Issued>('issueReceipt');

const ROLL_KEY = 'pengaduan.receiptRoll';
const savedRoll = (): 58 | 80 => (localStorage.getItem(ROLL_KEY) === '58' ? 58 : 80);

const pdfUrl = (base64: string) =>
  URL.createObjectURL(
    new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'application/pdf' }),
  );

function printPdf(url: string) {
  const w = window.open(url, '_blank');
  w?.addEventListener('load', () => w.print());
}

export function ReceiptPanel({
  caseId,
  issuedBefore,
  applicantPhone,
  hasEmail,
  highlight,
}: {
  caseId: string;
  issuedBefore: boolean;
  applicantPhone: string | null;
  hasEmail: boolean;
  highlight: boolean;
}) {
  const [roll, setRoll] = useState<58 | 80>(savedRoll);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<(Issued & { a5Url: string; rollUrl: string }) | null>(null);

  const issue = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await issueReceipt({ caseId, roll });
      if (issued) {
        URL.revokeObjectURL(issued.a5Url);
        URL.revokeObjectURL(issued.rollUrl);
      }
      setIssued({ ...r, a5Url: pdfUrl(r.a5.base64), rollUrl: pdfUrl(r.roll.base64) });
    } catch (err) {
      setError(isMissingFunction(err) ? 'Layanan tanda terima belum tersedia di server.' : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const pickRoll = (w: 58 | 80) => {
    setRoll(w);
    localStorage.setItem(ROLL_KEY, String(w));
  };
  const reissue = issuedBefore || issued !== null;

  return (
    <section
      class={`card receipt${highlight ? ' highlight' : ''}`}
      aria-labelledby="rc-title"
      data-testid="receipt-panel"
    >
      <h2 id="rc-title">Tanda terima pemohon</h2>
      {highlight && !issued && (
        <p>Pengaduan tersimpan. Cetak tanda terima untuk pemohon sebelum pemohon meninggalkan loket.</p>
      )}
      <fieldset class="inline">
        <legend>Ukuran struk</legend>
        {([58, 80] as const).map((w) => (
          <label key={w} class="check">
            <input type="radio" name="roll" checked={roll === w} onChange={() => pickRoll(w)} /> {w} mm
          </label>
        ))}
      </fieldset>
      {reissue && (
        <p class="note-warn" data-testid="reprint-warning">
          {REPRINT_WARNING}: tanda terima yang dicetak sebelumnya tidak berlaku lagi.
        </p>
      )}
      <div class="actions">
        <button type="button" disabled={busy} onClick={() => void issue()}>
          {busy ? 'Menyiapkan…' : reissue ? 'Cetak ulang tanda terima' : 'Cetak tanda terima'}
        </button>
      </div>
      <ErrorBox message={error} />
      {issued && (
        <div class="receipt-result" data-testid="receipt-result">
          <dl class="kv">
            <dt>Nomor</dt>
            <dd>{issued.number}</dd>
            <dt>Kode pelacakan</dt>
            <dd data-testid="receipt-code">
              <strong>{issued.codeDisplay}</strong>
            </dd>
            <dt>Tautan</dt>
            <dd>
              <a
                href={issued.trackingUrl}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="receipt-link"
              >
                {issued.shortLink}
              </a>
            </dd>
          </dl>
          <div class="actions">
            <button type="button" class="secondary" onClick={() => printPdf(issued.a5Url)}>
              Cetak A5
            </button>
            <button type="button" class="secondary" onClick={() => printPdf(issued.rollUrl)}>
              Cetak struk {issued.roll.widthMm} mm
            </button>
            <a
              class="button secondary"
              href={issued.a5Url}
              download={issued.a5.filename}
              data-testid="receipt-a5"
            >
              Unduh A5
            </a>
            <a
              class="button secondary"
              href={issued.rollUrl}
              download={issued.roll.filename}
              data-testid="receipt-roll"
            >
              Unduh struk
            </a>
          </div>
          <div class="actions">
            <a
              class="button"
              href={issued.whatsappUrl}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="receipt-wa"
            >
              Bagikan lewat WhatsApp
            </a>
            {applicantPhone && (
              <a
                class="button secondary"
                href={whatsappShareUrl(issued.whatsappText, applicantPhone)}
                target="_blank"
                rel="noopener noreferrer"
              >
                Kirim ke nomor pemohon
              </a>
            )}
          </div>
          <p class="muted">
            {issued.emailQueued
              ? 'Tanda terima (A5) juga dikirim ke email pemohon.'
              : hasEmail
                ? ''
                : 'Pemohon tidak mencantumkan email; tanda terima tidak dikirim melalui email.'}
          </p>
        </div>
      )}
    </section>
  );
}
