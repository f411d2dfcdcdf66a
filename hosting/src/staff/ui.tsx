/** Small shared pieces of the staff app: errors, fields, clock badge, dialog, navigation. */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import {
  elapsedOfficeMinutes,
  isStepState,
  stepStatus,
  type StepStatus,
} from '../../../functions/src/domain/officeClock';
import type { OfficeSettings } from '../../../functions/src/domain/settings';
import type { CaseSnapshot } from '../../../functions/src/domain/workflow';

/** In-app navigation (history API; Hosting rewrites every path to index.html). */
/** A copy of `set` with `item` in it (`on`) or not: for checkbox lists held in state. */
export function toggled<T>(set: ReadonlySet<T>, item: T, on: boolean): Set<T> {
  const next = new Set(set);
  if (on) next.add(item);
  else next.delete(item);
  return next;
}

export function navigate(path: string): void {
  if (location.pathname + location.search === path) return;
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

export function Link({ href, children, class: cls, ...rest }: { href: string; children: ComponentChildren; class?: string; 'aria-current'?: 'page' | undefined }) {
  return (
    <a
      href={href}
      class={cls}
      {...rest}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}

/**
 * The message to show for a failed callable: the server's Indonesian message (HttpsError), or a
 * plain explanation for transport failures.
 */
export function errorMessage(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const code = (e.code ?? '').replace(/^functions\//, '');
  if (code === 'unavailable' || code === 'deadline-exceeded') return 'Server tidak dapat dihubungi. Periksa koneksi lalu coba lagi.';
  const reason = (e as { details?: { reason?: unknown } }).details?.reason;
  if (code === 'unauthenticated' && reason !== 'recent-sign-in-required') return 'Sesi Anda telah berakhir. Silakan masuk kembali.';
  if (code === 'internal' || !e.message || /^internal$/i.test(e.message)) return 'Terjadi kesalahan pada server. Coba lagi beberapa saat lagi.';
  return e.message;
}

/** Whether a callable failed because it does not exist (yet) on the server. */
export const isMissingFunction = (err: unknown): boolean => {
  const e = err as { code?: string; message?: string };
  return /not-found|unimplemented/.test(e.code ?? '') && !/kasus|ditemukan/i.test(e.message ?? '');
};

/** A re-render every `ms` (live step clocks). */
export function useNow(ms = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

export interface ClockView {
  elapsed: number;
  standard: number;
  status: StepStatus;
  paused: boolean;
  /** elapsed / standard: the urgency used to sort inboxes. */
  ratio: number;
}

/** The step clock of a case against the time standard in settings; null in a final state. */
export function clockOf(kase: Pick<CaseSnapshot, 'clock' | 'state'>, settings: OfficeSettings, now: Date): ClockView | null {
  const step = kase.clock?.step;
  if (!step || !isStepState(step) || kase.state === 'completed' || kase.state === 'closed') return null;
  const elapsed = elapsedOfficeMinutes(kase.clock, now, settings.calendar);
  const standard = settings.timeStandards[step];
  return {
    elapsed,
    standard,
    status: stepStatus(elapsed, standard),
    paused: kase.clock.paused,
    ratio: standard > 0 ? elapsed / standard : elapsed > 0 ? Infinity : 0,
  };
}

const STATUS_TEXT: Record<StepStatus, string> = {
  green: 'Dalam standar',
  amber: 'Mendekati batas',
  red: 'Melewati standar',
};

export const fmtMinutes = (m: number): string =>
  m < 60 ? `${Math.floor(m)} mnt` : `${Math.floor(m / 60)} j ${Math.floor(m % 60)} mnt`;

/** The clock badge: colour AND words (never colour alone). */
export function ClockBadge({ clock }: { clock: ClockView | null }) {
  if (!clock) return <span class="badge badge-none">Tidak berjalan</span>;
  const text = clock.paused ? 'Dijeda, menunggu pemohon' : STATUS_TEXT[clock.status];
  return (
    <span class={`badge badge-${clock.paused ? 'paused' : clock.status}`} title={`Standar waktu langkah ini ${clock.standard} menit`}>
      <span class="badge-dot" aria-hidden="true" />
      {fmtMinutes(clock.elapsed)} / {clock.standard} mnt · {text}
    </span>
  );
}

/** A labelled field; `hint`/`error` are announced with the control. */
export function Field(props: {
  id: string;
  label: string;
  hint?: string | null;
  error?: string | null;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <div class={`field ${props.class ?? ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.error ? (
        <p id={`${props.id}-msg`} class="field-error">{props.error}</p>
      ) : props.hint ? (
        <p id={`${props.id}-msg`} class="field-hint">{props.hint}</p>
      ) : null}
    </div>
  );
}

export function ErrorBox({ message }: { message: string | null }) {
  return message ? <p role="alert" class="error-box">{message}</p> : null;
}

/** A modal dialog (native <dialog>: focus trap and Escape for free). */
export function Dialog(props: { open: boolean; title: string; onClose: () => void; children: ComponentChildren; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog ref={ref} class={props.wide ? 'dialog wide' : 'dialog'} aria-labelledby={titleId} onClose={props.onClose}>
      <div class="dialog-head">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" class="ghost" onClick={props.onClose}>Tutup</button>
      </div>
      {props.open && props.children}
    </dialog>
  );
}

/** Loads a lazily imported component module (keeps the inbox bundle small). */
export function Lazy<P extends object>(props: { load: () => Promise<(p: P) => preact.JSX.Element | null>; props: P }) {
  const [Comp, setComp] = useState<((p: P) => preact.JSX.Element | null) | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    props.load().then((c) => setComp(() => c), () => setFailed(true));
  }, [props.load]);
  if (failed) return <p role="alert" class="error-box">Halaman tidak dapat dimuat. Muat ulang halaman.</p>;
  if (!Comp) return <p class="loading">Memuat…</p>;
  return <Comp {...props.props} />;
}
