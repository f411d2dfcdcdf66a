/**
 * The action panel of a case: exactly what the current step records, for the current role.
 * Every transition sends {caseId, expectedVersion: case.version}; errors are the server's words.
 */
import { useMemo, useState } from 'preact/hooks';
import {
  DOCUMENT_KINDS,
  DOCUMENT_LABELS,
  ROLE_LABELS,
  STATE_LABELS,
  type DocumentKind,
  type Role,
} from '../../../functions/src/domain/vocabulary';
import {
  ACTION_LABELS,
  ASSISTANCE_TYPE_LABELS,
  ASSISTANCE_TYPES,
  HANDOVER_METHOD_LABELS,
  HANDOVER_METHODS,
  type ActionName,
  type AssistanceType,
  type HandoverMethod,
} from '../../../functions/src/domain/workflow';
import { requiredDocuments } from '../../../functions/src/domain/documents';
import { draftLetterBody } from '../../../functions/src/domain/letterInput';
import type { OfficeSettings } from '../../../functions/src/domain/settings';
import { call } from '../firebase';
import type { StoredCase } from './db';
import { Dialog, ErrorBox, Field, errorMessage, toggled } from './ui';
import { LetterPreview } from './LetterPreview';
import { confirmPassword } from './reauth';
import { dutyConflict } from '../../../functions/src/domain/duties';
import type { Me } from './types';

type Ref = { caseId: string; expectedVersion: number };
const fns = {
  submitCase: call<Ref & { present: DocumentKind[] }, unknown>('submitCase'),
  verifyCase: call<Ref & { checks: { kind: DocumentKind; ok: boolean; note?: string }[] }, unknown>('verifyCase'),
  returnToApplicant: call<Ref & { reason: string; missing: DocumentKind[] }, unknown>('returnToApplicant'),
  completeDocuments: call<Ref & { received: DocumentKind[]; note?: string }, unknown>('completeDocuments'),
  decideCase: call<Ref & Record<string, unknown>, unknown>('decideCase'),
  parafCase: call<Ref, unknown>('parafCase'),
  requestRevision: call<Ref & { note: string }, unknown>('requestRevision'),
  signCase: call<Ref & { confirm: true }, unknown>('signCase'),
  recordHandover: call<Ref & { method: HandoverMethod; receivedBy: string; note?: string }, unknown>('recordHandover'),
};

/** Runs one callable with the case's version; tracks busy/error. */
function useAct(kase: StoredCase) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (name: string, fn: () => Promise<unknown>) => {
    setBusy(name);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  const ref: Ref = { caseId: kase.id, expectedVersion: kase.version };
  return { busy, error, run, ref };
}

interface PanelProps {
  kase: StoredCase;
  actions: ActionName[];
  role: Role;
  settings: OfficeSettings;
  me: Me;
}

export function ActionPanel(props: PanelProps) {
  const { kase, actions, role, me } = props;
  const title = <h2 id="act-title">Tindakan — {STATE_LABELS[kase.state]}</h2>;
  const approval = actions.includes('paraf') ? 'paraf' : actions.includes('sign') ? 'sign' : null;
  const conflict = approval ? dutyConflict(kase, me.uid, approval) : null;
  let body;
  if (conflict) {
    body = <p class="muted" data-testid="duty-conflict">{conflict}</p>;
  } else if (actions.length === 0) {
    body = (
      <p class="muted">
        {kase.state === 'completed' || kase.state === 'closed'
          ? 'Pengaduan ini telah selesai; tidak ada tindakan lagi.'
          : `Tidak ada tindakan untuk ${ROLE_LABELS[role]} pada status ini.`}
      </p>
    );
  } else if (actions.includes('submit')) body = <SubmitPanel {...props} />;
  else if (actions.includes('verify')) body = <VerifyPanel {...props} />;
  else if (actions.includes('documentsCompleted')) body = <CompletePanel {...props} />;
  else if (actions.includes('decideYes')) body = <DecidePanel {...props} />;
  else if (actions.includes('paraf')) body = <ApprovePanel {...props} kind="paraf" />;
  else if (actions.includes('sign')) body = <ApprovePanel {...props} kind="sign" />;
  else if (actions.includes('recordHandover')) body = <HandoverPanel {...props} />;
  return (
    <section class="card action-panel" aria-labelledby="act-title" data-testid="action-panel">
      {title}
      {body}
    </section>
  );
}

function SubmitPanel({ kase, settings }: PanelProps) {
  const { busy, error, run, ref } = useAct(kase);
  const required = requiredDocuments(kase.complaintType, kase.relation, settings);
  const [present, setPresent] = useState(() => new Set(DOCUMENT_KINDS.filter((d) => kase.documents[d]?.present)));
  return (
    <form onSubmit={(e) => { e.preventDefault(); void run('submit', () => fns.submitCase({ ...ref, present: [...present] })); }}>
      <fieldset>
        <legend>Dokumen yang dibawa pemohon</legend>
        <ul class="checklist">
          {required.map((d) => (
            <li key={d}>
              <label class="check">
                <input type="checkbox" checked={present.has(d)} onChange={(e) => setPresent(toggled(present, d, e.currentTarget.checked))} />
                {DOCUMENT_LABELS[d]} — dibawa
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <ErrorBox message={error} />
      <button type="submit" disabled={!!busy}>{busy ? 'Memproses…' : ACTION_LABELS.submit}</button>
    </form>
  );
}

type Verdict = { ok: boolean | null; note: string };

function VerifyPanel({ kase, settings }: PanelProps) {
  const { busy, error, run, ref } = useAct(kase);
  const required = requiredDocuments(kase.complaintType, kase.relation, settings);
  const items = DOCUMENT_KINDS.filter((d) => required.includes(d) || kase.documents[d]?.present);
  const [v, setV] = useState<Record<string, Verdict>>(() => Object.fromEntries(items.map((d) => [d, { ok: null, note: '' }])));
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<Set<DocumentKind>>(new Set());
  const set = (d: DocumentKind, patch: Partial<Verdict>) => {
    setV((x) => ({ ...x, [d]: { ...x[d]!, ...patch } }));
    const ok = patch.ok;
    // Not OK → among the missing; OK → not; unset (null) → left as it is.
    if (typeof ok === 'boolean') setMissing((m) => toggled(m, d, !ok));
  };
  const checks = items
    .filter((d) => v[d]?.ok !== null && v[d]?.ok !== undefined)
    .map((d) => ({ kind: d, ok: v[d]!.ok!, ...(v[d]!.note.trim() ? { note: v[d]!.note.trim() } : {}) }));
  const allOk = items.every((d) => !required.includes(d) || v[d]?.ok === true);
  return (
    <div class="stack">
      <form onSubmit={(e) => { e.preventDefault(); void run('verify', () => fns.verifyCase({ ...ref, checks })); }}>
        <fieldset>
          <legend>Pemeriksaan dokumen satu per satu</legend>
          {items.map((d) => (
            <div class="verify-item" key={d} role="group" aria-labelledby={`v-${d}`}>
              <p id={`v-${d}`} class="verify-name">{DOCUMENT_LABELS[d]}{required.includes(d) ? '' : ' (tidak wajib)'}{kase.documents[d]?.present ? '' : ' — belum dibawa'}</p>
              <div class="radios">
                <label class="check"><input type="radio" name={`v-${d}`} checked={v[d]?.ok === true} onChange={() => set(d, { ok: true })} disabled={!kase.documents[d]?.present} /> Sesuai</label>
                <label class="check"><input type="radio" name={`v-${d}`} checked={v[d]?.ok === false} onChange={() => set(d, { ok: false })} /> Tidak sesuai</label>
              </div>
              <input aria-label={`Catatan ${DOCUMENT_LABELS[d]}`} placeholder="Catatan (tidak wajib)" value={v[d]?.note ?? ''} onInput={(e) => set(d, { note: e.currentTarget.value })} />
            </div>
          ))}
        </fieldset>
        <button type="submit" disabled={!!busy || !allOk || checks.length === 0}>
          {busy === 'verify' ? 'Memproses…' : 'Kelengkapan dokumen diterima'}
        </button>
        {!allOk && <p class="field-hint">Nyatakan setiap dokumen wajib "Sesuai" untuk menerima kelengkapan, atau kembalikan ke pemohon.</p>}
      </form>
      <form class="subpanel" onSubmit={(e) => { e.preventDefault(); void run('return', () => fns.returnToApplicant({ ...ref, reason, missing: [...missing] })); }}>
        <h3>Kembalikan ke pemohon</h3>
        <Field id="r-reason" label="Alasan pengembalian">
          <textarea id="r-reason" rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </Field>
        <fieldset>
          <legend>Dokumen yang harus dilengkapi</legend>
          <ul class="checklist">
            {DOCUMENT_KINDS.filter((d) => required.includes(d) || kase.documents[d]?.present).map((d) => (
              <li key={d}>
                <label class="check">
                  <input type="checkbox" checked={missing.has(d)} onChange={(e) => setMissing(toggled(missing, d, e.currentTarget.checked))} />
                  {DOCUMENT_LABELS[d]}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <button type="submit" class="secondary" disabled={!!busy || !reason.trim() || missing.size === 0}>
          {busy === 'return' ? 'Memproses…' : ACTION_LABELS.returnToApplicant}
        </button>
      </form>
      <ErrorBox message={error} />
    </div>
  );
}

function CompletePanel({ kase, settings }: PanelProps) {
  const { busy, error, run, ref } = useAct(kase);
  const required = requiredDocuments(kase.complaintType, kase.relation, settings);
  const [received, setReceived] = useState<Set<DocumentKind>>(() => new Set(kase.sentBack?.missing ?? required.filter((d) => !kase.documents[d]?.present)));
  const [note, setNote] = useState('');
  return (
    <form onSubmit={(e) => { e.preventDefault(); void run('complete', () => fns.completeDocuments({ ...ref, received: [...received], ...(note.trim() ? { note: note.trim() } : {}) })); }}>
      <p>Pengaduan menunggu pemohon melengkapi dokumen; waktu langkah dihentikan sementara.</p>
      <fieldset>
        <legend>Dokumen yang telah diterima</legend>
        <ul class="checklist">
          {required.map((d) => (
            <li key={d}>
              <label class="check">
                <input type="checkbox" checked={received.has(d) || (kase.documents[d]?.present ?? false)} disabled={kase.documents[d]?.present}
                  onChange={(e) => setReceived(toggled(received, d, e.currentTarget.checked))} />
                {DOCUMENT_LABELS[d]}{kase.documents[d]?.present ? ' (sudah ada)' : ''}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <Field id="c-note" label="Catatan (tidak wajib)">
        <input id="c-note" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </Field>
      <ErrorBox message={error} />
      <button type="submit" disabled={!!busy || received.size === 0}>{busy ? 'Memproses…' : ACTION_LABELS.documentsCompleted}</button>
    </form>
  );
}

function DecidePanel({ kase, settings }: PanelProps) {
  const { busy, error, run, ref } = useAct(kase);
  const prev = kase.analysis;
  const [decision, setDecision] = useState<'ya' | 'tidak'>('ya');
  const [assistanceType, setAssistance] = useState<AssistanceType>(prev?.assistanceType ?? 'sembako');
  const [problem, setProblem] = useState(prev?.problem ?? '');
  const [solution, setSolution] = useState(prev?.solution ?? '');
  const [siksDone, setSiksDone] = useState(prev?.siksNgUpdate.done ?? true);
  const [siksRef, setSiksRef] = useState(prev?.siksNgUpdate.reference ?? '');
  const [siksNote, setSiksNote] = useState(prev?.siksNgUpdate.note ?? '');
  const [educated, setEducated] = useState(false);
  const [summary, setSummary] = useState(prev?.draft.summary ?? '');
  const [outcome, setOutcome] = useState(prev?.draft.outcome ?? '');
  const [reason, setReason] = useState('');
  const [destination, setDestination] = useState<'fo' | 'close'>('fo');
  const preview = useMemo(
    () => draftLetterBody(kase, settings, { assistanceType, problem, solution, siksNgUpdate: { done: siksDone, reference: siksRef } }, new Date()),
    [kase, settings, assistanceType, problem, solution, siksDone, siksRef],
  );

  const yes = (e: Event) => {
    e.preventDefault();
    void run('decide', () =>
      fns.decideCase({
        ...ref,
        decision: 'ya',
        assistanceType,
        problem,
        solution,
        siksNgUpdate: { done: siksDone, reference: siksDone ? siksRef : '', ...(siksNote.trim() ? { note: siksNote } : {}) },
        kpmEducated: educated,
        draft: { summary, outcome },
      }),
    );
  };
  const no = (e: Event) => {
    e.preventDefault();
    void run('decide', () => fns.decideCase({ ...ref, decision: 'tidak', reason, destination }));
  };

  return (
    <div class="stack">
      <fieldset class="radios-row">
        <legend>Keputusan Analis</legend>
        <label class="check"><input type="radio" name="decision" checked={decision === 'ya'} onChange={() => setDecision('ya')} /> Ya — dapat diselesaikan, buat draf surat</label>
        <label class="check"><input type="radio" name="decision" checked={decision === 'tidak'} onChange={() => setDecision('tidak')} /> Tidak</label>
      </fieldset>
      {decision === 'ya' ? (
        <form onSubmit={yes} class="stack">
          <Field id="d-assist" label="Jenis bantuan">
            <select id="d-assist" value={assistanceType} onChange={(e) => setAssistance(e.currentTarget.value as AssistanceType)}>
              {ASSISTANCE_TYPES.map((t) => <option key={t} value={t}>{ASSISTANCE_TYPE_LABELS[t]}</option>)}
            </select>
          </Field>
          <Field id="d-problem" label="Permasalahan">
            <textarea id="d-problem" rows={3} value={problem} onInput={(e) => setProblem(e.currentTarget.value)} />
          </Field>
          <Field id="d-solution" label="Solusi / penyelesaian">
            <textarea id="d-solution" rows={3} value={solution} onInput={(e) => setSolution(e.currentTarget.value)} />
          </Field>
          <label class="check"><input type="checkbox" checked={siksDone} onChange={(e) => setSiksDone(e.currentTarget.checked)} /> Data KPM telah dimutakhirkan di SIKS-NG</label>
          {siksDone ? (
            <Field id="d-siks" label="Referensi pemutakhiran SIKS-NG">
              <input id="d-siks" value={siksRef} onInput={(e) => setSiksRef(e.currentTarget.value)} />
            </Field>
          ) : (
            <Field id="d-siksnote" label="Alasan data SIKS-NG tidak dimutakhirkan">
              <input id="d-siksnote" value={siksNote} onInput={(e) => setSiksNote(e.currentTarget.value)} />
            </Field>
          )}
          <label class="check"><input type="checkbox" checked={educated} onChange={(e) => setEducated(e.currentTarget.checked)} /> KPM telah diberi edukasi</label>
          <Field id="d-summary" label="Draf surat: ringkasan pengaduan">
            <textarea id="d-summary" rows={2} value={summary} onInput={(e) => setSummary(e.currentTarget.value)} />
          </Field>
          <Field id="d-outcome" label="Draf surat: isi keterangan">
            <textarea id="d-outcome" rows={2} value={outcome} onInput={(e) => setOutcome(e.currentTarget.value)} />
          </Field>
          <LetterPreview body={preview.body} error={preview.error} />
          <ErrorBox message={error} />
          <button type="submit" disabled={!!busy || !educated}>{busy ? 'Memproses…' : 'Simpan keputusan Ya dan kirim draf'}</button>
          {!educated && <p class="field-hint">Keputusan "Ya" mensyaratkan KPM telah diberi edukasi.</p>}
        </form>
      ) : (
        <form onSubmit={no} class="stack">
          <Field id="n-reason" label='Alasan keputusan "Tidak"'>
            <textarea id="n-reason" rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </Field>
          <fieldset>
            <legend>Tindak lanjut</legend>
            <label class="check"><input type="radio" name="dest" checked={destination === 'fo'} onChange={() => setDestination('fo')} /> Kembalikan ke Front Office</label>
            <label class="check"><input type="radio" name="dest" checked={destination === 'close'} onChange={() => setDestination('close')} /> Tutup pengaduan (tidak dapat diselesaikan)</label>
          </fieldset>
          <ErrorBox message={error} />
          <button type="submit" disabled={!!busy || !reason.trim()}>{busy ? 'Memproses…' : 'Simpan keputusan Tidak'}</button>
        </form>
      )}
    </div>
  );
}

function ApprovePanel({ kase, settings, kind }: PanelProps & { kind: 'paraf' | 'sign' }) {
  const { busy, error, run, ref } = useAct(kase);
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');
  const a = kase.analysis;
  const preview = useMemo(
    () => (a ? draftLetterBody(kase, settings, a, new Date()) : { body: null, error: 'Draf surat belum ada.' }),
    [kase, settings, a],
  );
  const isSign = kind === 'sign';
  const approve = (e: Event) => {
    e.preventDefault();
    const pw = password;
    setPassword('');
    setConfirming(false);
    void run(kind, async () => {
      await confirmPassword(pw);
      await (isSign ? fns.signCase({ ...ref, confirm: true }) : fns.parafCase(ref));
    });
  };
  return (
    <div class="stack">
      {a && (
        <dl class="kv">
          <dt>Ringkasan</dt><dd>{a.draft.summary}</dd>
          <dt>Isi keterangan</dt><dd>{a.draft.outcome}</dd>
        </dl>
      )}
      <LetterPreview body={preview.body} error={preview.error} />
      <button type="button" disabled={!!busy} onClick={() => setConfirming(true)}>
        {busy === kind ? 'Memproses…' : isSign ? 'Tanda tangani surat' : 'Paraf draf surat'}
      </button>
      <form class="subpanel" onSubmit={(e) => { e.preventDefault(); void run('revision', () => fns.requestRevision({ ...ref, note })); }}>
        <h3>Minta revisi</h3>
        <Field id="rev-note" label="Catatan perbaikan untuk Analis">
          <textarea id="rev-note" rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </Field>
        <button type="submit" class="secondary" disabled={!!busy || !note.trim()}>{busy === 'revision' ? 'Memproses…' : 'Minta revisi'}</button>
      </form>
      <ErrorBox message={error} />
      <Dialog open={confirming} title={isSign ? 'Konfirmasi tanda tangan' : 'Konfirmasi paraf'} onClose={() => { setPassword(''); setConfirming(false); }}>
        <form onSubmit={approve} class="stack">
          {isSign ? (
            <p>Anda akan menandatangani Surat Keterangan untuk pengaduan <strong>{kase.number}</strong> atas nama KPM <strong>{kase.kpm.name}</strong>. Setelah ditandatangani, sistem memberi nomor surat, membuat PDF, dan mengirimkannya kepada pemohon.</p>
          ) : (
            <p>Anda akan memaraf draf Surat Keterangan untuk pengaduan <strong>{kase.number}</strong> atas nama KPM <strong>{kase.kpm.name}</strong>.</p>
          )}
          <Field id="approve-pw" label="Masukkan kata sandi Anda untuk konfirmasi" hint="Konfirmasi ini memastikan bahwa Andalah yang menyetujui.">
            <input id="approve-pw" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
          </Field>
          <div class="actions">
            <button type="submit" disabled={!!busy || !password}>{isSign ? 'Ya, tanda tangani' : 'Ya, paraf'}</button>
            <button type="button" class="secondary" onClick={() => { setPassword(''); setConfirming(false); }}>Batal</button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}

function HandoverPanel({ kase }: PanelProps) {
  const { busy, error, run, ref } = useAct(kase);
  const [method, setMethod] = useState<HandoverMethod>('langsung');
  const [receivedBy, setReceivedBy] = useState(kase.applicant.name);
  const [note, setNote] = useState('');
  const ready = kase.letter?.status === 'rendered';
  return (
    <form onSubmit={(e) => { e.preventDefault(); void run('handover', () => fns.recordHandover({ ...ref, method, receivedBy, ...(note.trim() ? { note: note.trim() } : {}) })); }}>
      {!ready && <p class="note-warn" role="status">Surat Keterangan sedang dibuat oleh sistem. Penyerahan dapat dicatat setelah surat selesai dibuat.</p>}
      <fieldset disabled={!ready}>
        <legend>Penyerahan surat</legend>
        {HANDOVER_METHODS.map((m) => (
          <label class="check" key={m}>
            <input type="radio" name="method" checked={method === m} disabled={m === 'email' && !kase.applicant.email} onChange={() => setMethod(m)} /> {HANDOVER_METHOD_LABELS[m]}
          </label>
        ))}
        <Field id="h-by" label="Diterima oleh">
          <input id="h-by" value={receivedBy} onInput={(e) => setReceivedBy(e.currentTarget.value)} />
        </Field>
        <Field id="h-note" label="Catatan (tidak wajib)">
          <input id="h-note" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </Field>
        <ErrorBox message={error} />
        <button type="submit" disabled={!!busy || !ready || !receivedBy.trim()}>{busy ? 'Memproses…' : ACTION_LABELS.recordHandover}</button>
      </fieldset>
    </form>
  );
}
