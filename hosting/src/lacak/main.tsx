/**
 * The applicant's tracking page (/lacak, opened from the receipt's QR code or typed): the case
 * number and the tracking code (prefilled from `?n=…&k=…`; the code is then removed from the
 * address bar so it does not linger in history or a shared screenshot of the URL), one POST to
 * `/api/lacak`, and the answer in plain Indonesian. No Firebase SDK: plain fetch, phone-first.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  displayTrackingCode,
  normalizeTrackingCode,
  type TrackingAnswer,
} from '../../../functions/src/domain/tracking.js';
import './lacak.css';

type Load =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; a: TrackingAnswer }
  | { kind: 'error'; message: string };

async function track(number: string, code: string): Promise<TrackingAnswer> {
  let res: Response;
  try {
    res = await fetch('/api/lacak', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ number, code }),
    });
  } catch {
    throw new Error('Tidak dapat terhubung ke server. Periksa koneksi internet Anda, lalu coba lagi.');
  }
  const body = (await res.json().catch(() => null)) as
    (TrackingAnswer & { error?: { message?: string } }) | null;
  if (!res.ok || !body || body.error)
    throw new Error(body?.error?.message ?? `Terjadi kesalahan (HTTP ${res.status}).`);
  return body;
}

function Answer({ a }: { a: TrackingAnswer }) {
  return (
    <section class="answer" aria-labelledby="state-title" data-testid="answer">
      <p class="muted">
        {a.number} · {a.complaintType} · Pemohon {a.applicantName}
      </p>
      <h2 id="state-title" data-testid="state-label">
        {a.stateLabel}
      </h2>
      <p class="sentence" data-testid="sentence">
        {a.sentence}
      </p>
      {a.missingDocuments && (
        <div class="missing" data-testid="missing">
          <h3>Dokumen yang masih kurang</h3>
          <ul>
            {a.missingDocuments.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </div>
      )}
      {a.collect && (
        <div class="collect" data-testid="collect">
          <h3>Pengambilan surat</h3>
          <p>{a.collect.address}</p>
          <ul>
            {a.collect.hours.map((h) => (
              <li key={h}>{h}</li>
            ))}
          </ul>
          {a.collect.phone && <p>Telepon {a.collect.phone}</p>}
          <p>{a.collect.bring}</p>
        </div>
      )}
      {a.surveyUrl && (
        <p class="survey">
          <a href={a.surveyUrl}>Isi survei kepuasan layanan</a>
        </p>
      )}
      <h3>Riwayat</h3>
      <ol class="steps" data-testid="steps">
        {a.steps.map((s) => (
          <li key={s.at + s.label}>
            <strong>{s.label}</strong>
            <span>{s.when}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function App() {
  const params = new URLSearchParams(location.search);
  const [number, setNumber] = useState(params.get('n') ?? '');
  const [code, setCode] = useState(() => {
    const k = normalizeTrackingCode(params.get('k') ?? '');
    return k ? displayTrackingCode(k) : (params.get('k') ?? '');
  });
  const [load, setLoad] = useState<Load>({ kind: 'idle' });

  const submit = async (n: string, c: string) => {
    setLoad({ kind: 'loading' });
    try {
      setLoad({ kind: 'done', a: await track(n.trim(), c.trim()) });
    } catch (err) {
      setLoad({ kind: 'error', message: (err as Error).message });
    }
  };

  useEffect(() => {
    if (params.has('k')) {
      // The code leaves the address bar at once; the number may stay.
      const keep = new URLSearchParams(params.has('n') ? { n: params.get('n') ?? '' } : {});
      history.replaceState(null, '', `${location.pathname}${keep.size ? `?${keep.toString()}` : ''}`);
      if (number && code) void submit(number, code);
    }
  }, []);

  return (
    <main>
      <header>
        <p class="office">Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan</p>
        <h1>Lacak Pengaduan</h1>
        <p class="muted">Isi nomor pengaduan dan kode pelacakan yang tertera pada tanda terima.</p>
      </header>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit(number, code);
        }}
      >
        <label for="n">Nomor pengaduan</label>
        <input
          id="n"
          name="n"
          autocomplete="off"
          autocapitalize="characters"
          placeholder="ADU-2026-000123"
          value={number}
          onInput={(e) => setNumber(e.currentTarget.value)}
          required
        />
        <label for="k">Kode pelacakan</label>
        <input
          id="k"
          name="k"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          placeholder="XXXXX-XXXXX"
          value={code}
          onInput={(e) => setCode(e.currentTarget.value)}
          required
        />
        <button type="submit" disabled={load.kind === 'loading'}>
          {load.kind === 'loading' ? 'Memeriksa…' : 'Lacak'}
        </button>
      </form>
      {load.kind === 'error' && (
        <p class="error" role="alert" data-testid="error">
          {load.message}
        </p>
      )}
      {load.kind === 'done' && <Answer a={load.a} />}
      <footer>Kode pelacakan bersifat rahasia. Jangan bagikan kepada orang lain.</footer>
    </main>
  );
}

render(<App />, document.getElementById('app')!);
