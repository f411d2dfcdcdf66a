/**
 * The public Survei Kepuasan Masyarakat page (`/survei?t=<token>`, PermenPANRB 14/2017): the nine
 * questions with the annex's four answers each, an optional suggestion, and a thank-you. Opened
 * from the letter's email, the tracking page or the counter's QR code on the applicant's phone, or
 * full-screen on the counter tablet (`&loket=1`): there the thank-you asks to hand the tablet back
 * and then returns to the FO's waiting list (`/survei-loket`). Phone-first, big touch targets, no
 * Firebase SDK (budget ≤ 30 KB gzip, scripts/bench-web.mjs).
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { SARAN_MAX, UNSUR, type Score, type SkmAnswers, type UnsurKey } from '../../../functions/src/domain/skm';
import { fetchState, sendAnswers } from './api';
import './survei.css';

const params = new URLSearchParams(location.search);
const token = params.get('t') ?? '';
const loket = params.get('loket') === '1';
/** Seconds the counter tablet shows the thank-you before the FO's list comes back. */
const LOKET_RETURN_SECONDS = 10;
const LOKET_LIST = '/survei-loket';

type View =
  | { kind: 'loading' }
  | { kind: 'closed'; message: string }
  | { kind: 'form' }
  | { kind: 'thanks' }
  | { kind: 'error'; message: string };

const CLOSED =
  'Survei untuk tautan ini sudah diisi atau tautannya tidak berlaku lagi. Terima kasih atas partisipasi Bapak/Ibu.';

function Header() {
  return (
    <header>
      <p class="office">Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan</p>
      <h1>Survei Kepuasan Masyarakat</h1>
    </header>
  );
}

function Thanks() {
  const [left, setLeft] = useState(LOKET_RETURN_SECONDS);
  useEffect(() => {
    if (!loket) return;
    const id = setInterval(() => setLeft((s) => s - 1), 1000);
    return () => clearInterval(id);
  }, []);
  useEffect(() => {
    if (loket && left <= 0) location.assign(LOKET_LIST);
  }, [left]);
  if (loket) {
    return (
      <section class="thanks loket" role="status" data-testid="thanks">
        <h2>Terima kasih — serahkan tablet kepada petugas</h2>
        <p>Jawaban Bapak/Ibu telah tersimpan tanpa identitas. Silakan serahkan kembali tablet ini kepada petugas.</p>
        <button type="button" class="primary" onClick={() => location.assign(LOKET_LIST)}>
          Petugas: kembali ke daftar ({Math.max(left, 0)})
        </button>
      </section>
    );
  }
  return (
    <section class="thanks" role="status" data-testid="thanks">
      <h2>Terima kasih</h2>
      <p>
        Jawaban Bapak/Ibu telah tersimpan tanpa identitas dan akan kami gunakan untuk memperbaiki pelayanan.
        Halaman ini boleh ditutup.
      </p>
    </section>
  );
}

function Form({ onDone }: { onDone: () => void }) {
  const [answers, setAnswers] = useState<Partial<Record<UnsurKey, Score>>>({});
  const [saran, setSaran] = useState('');
  const [missing, setMissing] = useState<UnsurKey[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLParagraphElement>(null);

  const choose = (k: UnsurKey, s: Score) => {
    setAnswers((a) => ({ ...a, [k]: s }));
    const left = missing.filter((x) => x !== k);
    setMissing(left);
    if (missing.length > 0 && left.length === 0) setError(null);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const gaps = UNSUR.filter((u) => answers[u.key] === undefined).map((u) => u.key);
    if (gaps.length > 0) {
      setMissing(gaps);
      setError(`Masih ada ${gaps.length} pertanyaan yang belum dijawab.`);
      document.getElementById(`q-${gaps[0]}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const s = saran.trim();
      await sendAnswers(token, { answers: answers as SkmAnswers, ...(s ? { saran: s } : {}), ...(loket ? { loket: true } : {}) });
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      requestAnimationFrame(() => errorRef.current?.scrollIntoView({ block: 'center' }));
    } finally {
      setBusy(false);
    }
  };

  const answered = UNSUR.filter((u) => answers[u.key] !== undefined).length;
  return (
    <form onSubmit={submit} noValidate>
      <p class="intro">
        Mohon nilai pelayanan pengaduan yang Bapak/Ibu terima dengan memilih satu jawaban pada setiap pertanyaan.
        Survei ini tanpa nama dan tanpa identitas; jawaban hanya dihitung bersama jawaban lain.
      </p>
      {UNSUR.map((u, i) => (
        <fieldset key={u.key} id={`q-${u.key}`} class={missing.includes(u.key) ? 'q missing' : 'q'} data-testid={`q-${u.key}`}>
          <legend>
            <span class="num">{i + 1}.</span> {u.question}
            <span class="unsur">{u.name}</span>
          </legend>
          <div class="opts">
            {u.options.map((label, j) => {
              const score = (j + 1) as Score;
              const id = `${u.key}-${score}`;
              return (
                <label key={id} for={id} class={answers[u.key] === score ? 'opt on' : 'opt'}>
                  <input
                    type="radio"
                    id={id}
                    name={u.key}
                    value={score}
                    checked={answers[u.key] === score}
                    onChange={() => choose(u.key, score)}
                  />
                  <span>{label}</span>
                </label>
              );
            })}
          </div>
          {missing.includes(u.key) && <p class="need">Pilih salah satu jawaban.</p>}
        </fieldset>
      ))}
      <div class="saran">
        <label for="saran">Saran dan masukan (boleh dikosongkan)</label>
        <textarea
          id="saran"
          rows={4}
          maxLength={SARAN_MAX}
          value={saran}
          onInput={(e) => setSaran(e.currentTarget.value)}
          placeholder="Tuliskan saran Bapak/Ibu untuk perbaikan pelayanan"
        />
        <p class="hint">Jangan menuliskan NIK, nomor telepon, atau data pribadi lain. {saran.length}/{SARAN_MAX}</p>
      </div>
      {error && (
        <p class="error" role="alert" ref={errorRef}>
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Mengirim…' : `Kirim jawaban (${answered}/${UNSUR.length})`}
      </button>
    </form>
  );
}

function App() {
  const [view, setView] = useState<View>(token ? { kind: 'loading' } : { kind: 'closed', message: CLOSED });
  useEffect(() => {
    if (!token) return;
    fetchState(token).then(
      (s) => setView(s === 'open' ? { kind: 'form' } : { kind: 'closed', message: CLOSED }),
      (e: unknown) => setView({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  }, []);
  return (
    <main class={loket ? 'loket' : undefined}>
      <Header />
      {view.kind === 'loading' && <p class="muted">Memuat…</p>}
      {view.kind === 'closed' && (
        <section class="thanks" role="status" data-testid="closed">
          <p>{view.message}</p>
          {loket && (
            <button type="button" class="primary" onClick={() => location.assign(LOKET_LIST)}>
              Petugas: kembali ke daftar
            </button>
          )}
        </section>
      )}
      {view.kind === 'error' && (
        <p class="error" role="alert">
          {view.message}
        </p>
      )}
      {view.kind === 'form' && (
        <Form
          onDone={() => {
            setView({ kind: 'thanks' });
            scrollTo(0, 0);
          }}
        />
      )}
      {view.kind === 'thanks' && <Thanks />}
      <footer>
        Survei Kepuasan Masyarakat menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017.
      </footer>
    </main>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
