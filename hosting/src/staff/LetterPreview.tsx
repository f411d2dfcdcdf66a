/**
 * The draft letter as the staff page shows it before signing. Its content comes from the same
 * domain builder as the signed PDF (`draftLetterBody` / `letterContentOf` in
 * functions/src/domain/letterInput.ts); this component only lays it out.
 */
import type { LetterBody } from '../../../functions/src/domain/letterContent.js';

/** The draft letter body as the renderer will lay it out (number and date filled in at signing). */
export function LetterPreview({ body, error }: { body: LetterBody | null; error: string | null }) {
  return (
    <section class="letter-preview" aria-labelledby="lp-title" data-testid="letter-preview">
      <h3 id="lp-title">Pratinjau isi surat</h3>
      {!body ? (
        <p class="muted">{error ?? 'Lengkapi analisis untuk melihat pratinjau.'}</p>
      ) : (
        <div class="paper">
          <p class="paper-title">{body.title}</p>
          <p class="paper-center">{body.numberLine}</p>
          {body.blocks.map((b, i) =>
            b.kind === 'paragraph' ? (
              <p key={i}>{b.text}</p>
            ) : (
              <table key={i} class="paper-id"><tbody>
                {b.rows.map((r) => <tr key={r.label}><td>{r.label}</td><td>:</td><td class={r.strong ? 'strong' : ''}>{r.value}</td></tr>)}
              </tbody></table>
            ),
          )}
          <p>{body.closing}</p>
          <p class="paper-sign">
            {body.placeAndDate}<br />
            {body.signatureBlock.onBehalfOf && <>{body.signatureBlock.onBehalfOf}<br /></>}
            {body.signatureBlock.title}<br /><br />
            <strong>{body.signatureBlock.name}</strong><br />{body.signatureBlock.nipLine}
          </p>
          {body.warnings.length > 0 && (
            <div class="paper-warn"><strong>{body.warningsHeading}</strong><ol>{body.warnings.map((w) => <li key={w}>{w}</li>)}</ol></div>
          )}
        </div>
      )}
    </section>
  );
}
