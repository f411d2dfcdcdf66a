/**
 * "Survei di loket" (FO): the cases handed over in the last days whose Survei Kepuasan Masyarakat
 * is not answered yet. For the applicant in front of the counter the FO either shows the one-time
 * link as a QR code (the applicant answers on their own phone) or opens the survey full-screen on
 * the counter tablet (`/survei?t=…&loket=1`): after the answer the tablet says "Terima kasih —
 * serahkan tablet kepada petugas" and comes back to this list for the next applicant.
 * Loaded lazily by StaffApp; lean-qr is loaded when a QR code is first shown.
 */
import { useEffect, useState } from 'preact/hooks';
import { call } from '../firebase';
import { Dialog, ErrorBox, errorMessage } from './ui';
import './skm.css';

interface CounterCase {
  caseId: string;
  number: string;
  applicantName: string;
  complaintTypeLabel: string;
  handedOverAt: string;
}

const listCall = call<Record<string, never>, { cases: CounterCase[] }>('surveyCounterList');
const linkCall = call<{ caseId: string }, { url: string | null; answered: boolean }>('surveyLink');

const fmt = (iso: string) =>
  new Date(iso).toLocaleString('id-ID', { timeZone: 'Asia/Makassar', dateStyle: 'medium', timeStyle: 'short' });

/** The same survey on this site (the tablet keeps the staff app's origin), in counter mode. */
export function counterUrl(url: string): string {
  const u = new URL(url, location.origin);
  return `/survei${u.search}&loket=1`;
}

export function SurveyCounter() {
  const [cases, setCases] = useState<CounterCase[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [qr, setQr] = useState<{ number: string; url: string; img: string } | null>(null);

  const load = () => {
    setError(null);
    listCall({}).then(
      (r) => setCases(r.cases),
      (e) => setError(`Daftar tidak dapat dimuat. ${errorMessage(e)}`),
    );
  };
  useEffect(load, []);

  const linkOf = async (c: CounterCase): Promise<string | null> => {
    const r = await linkCall({ caseId: c.caseId });
    if (!r.url) {
      setError(`Survei untuk pengaduan ${c.number} sudah diisi. Terima kasih.`);
      load();
    }
    return r.url;
  };

  const showQr = async (c: CounterCase) => {
    setBusy(c.caseId);
    setError(null);
    try {
      const url = await linkOf(c);
      if (!url) return;
      const { generate } = await import('lean-qr');
      const img = generate(url).toDataURL({ scale: 8, padX: 4, padY: 4 });
      setQr({ number: c.number, url, img });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const openHere = async (c: CounterCase) => {
    setBusy(c.caseId);
    setError(null);
    try {
      const url = await linkOf(c);
      if (url) location.assign(counterUrl(url));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="card survey-counter">
      <h1>Survei di loket</h1>
      <p>
        Pengaduan yang suratnya telah diserahkan dalam 7 hari terakhir dan survei kepuasannya belum diisi. Pilih
        pemohon yang ada di depan loket, lalu tampilkan kode QR untuk diisi di ponselnya, atau buka survei di tablet
        ini. Jawaban tersimpan tanpa identitas.
      </p>
      <ErrorBox message={error} />
      <p>
        <button type="button" class="ghost small" onClick={load}>
          Muat ulang daftar
        </button>
      </p>
      {cases === null && !error && <p class="loading">Memuat…</p>}
      {cases && cases.length === 0 && <p data-testid="counter-empty">Tidak ada pengaduan yang menunggu survei.</p>}
      {cases && cases.length > 0 && (
        <div class="table-wrap">
          <table class="cases" data-testid="counter-list">
            <thead>
              <tr>
                <th>Nomor</th>
                <th>Pemohon</th>
                <th>Pengaduan</th>
                <th>Diserahkan</th>
                <th>Survei</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.caseId} data-case={c.number}>
                  <td>{c.number}</td>
                  <td>{c.applicantName}</td>
                  <td>{c.complaintTypeLabel}</td>
                  <td>{fmt(c.handedOverAt)}</td>
                  <td class="actions">
                    <button type="button" class="secondary small" disabled={busy !== null} onClick={() => void showQr(c)}>
                      Tampilkan QR
                    </button>{' '}
                    <button type="button" class="small" disabled={busy !== null} onClick={() => void openHere(c)}>
                      Isi di tablet ini
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Dialog open={qr !== null} title={`Survei kepuasan – ${qr?.number ?? ''}`} onClose={() => setQr(null)}>
        {qr && (
          <div class="survey-qr">
            <p>Minta pemohon memindai kode QR ini dengan kamera ponselnya. Tautan hanya dapat dipakai satu kali.</p>
            <img src={qr.img} alt="Kode QR tautan survei kepuasan" width={264} height={264} data-testid="survey-qr" />
            <p class="mono small" data-testid="survey-link">
              {qr.url}
            </p>
            <button type="button" onClick={() => setQr(null)}>
              Selesai
            </button>
          </div>
        )}
      </Dialog>
    </section>
  );
}
