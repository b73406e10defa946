// One same-field conflict: both versions side by side (先到的 = kept on the record, 后到的 = stored
// for review), who made each and when, and the three decisions. Prose can be merged by hand in a
// textarea; structured values (parties, agreement, flags…) only offer picking one. The decision is
// handed to `onResolve`; once it is queued the card shows 已处理（待同步） and the chosen value.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { PatchableField } from '../../shared/case.ts';
import { t } from '../../shared/i18n/index.ts';
import type { ReviewEntry } from '../../state/review.ts';
import { isMergeable } from '../../state/review.ts';
import { TextField } from '../components/fields.tsx';
import { describeFailure, type FormFailure } from '../components/errors.ts';
import { formatInstant } from '../format.ts';
import { FieldValue, fieldLabel, mergeDraft, mergedValue } from './field-values.tsx';

export interface Viewer {
  id: string;
  name: string;
}

/** "手机 A3F2": the last four hex digits of a device's clientId, enough to tell one's two phones apart. */
export function deviceName(clientId: string | undefined): string | undefined {
  const hex = clientId?.replace(/-/g, '') ?? '';
  return hex.length >= 4 ? t('review.device', { code: hex.slice(-4).toUpperCase() }) : undefined;
}

/** "王建国（我）· 手机 A3F2" when the device is known. */
export function authorLine(name: string, clientId: string | undefined): string {
  const device = deviceName(clientId);
  return device ? `${name} · ${device}` : name;
}

/** "王建国（我）", the account's name, or a neutral word for an item without names. */
export function personName(userId: string, name: string | undefined, viewer: Viewer | undefined): string {
  if (viewer && userId === viewer.id) return t('review.me', { name: viewer.name });
  return name && name !== '' ? name : t('review.someone');
}

function Version(p: {
  side: 'kept' | 'other';
  field: PatchableField;
  value: unknown;
  who: string;
  at: string | undefined;
  revealed: boolean;
  action: string;
  busy: boolean;
  onPick: () => void;
}) {
  const heading = p.side === 'kept' ? t('review.kept') : t('review.other');
  return (
    <section class={`version ${p.side}`} aria-label={heading} data-testid={`version-${p.side}`}>
      <h4>{heading}</h4>
      <p class="version-note">{p.side === 'kept' ? t('review.kept.note') : t('review.other.note')}</p>
      <div class="version-value" data-testid={`value-${p.side}`}>
        <FieldValue field={p.field} value={p.value} revealed={p.revealed} />
      </div>
      <p class="version-meta">
        <span>{t('review.by', { name: p.who })}</span>
        {p.at && <span>{t('review.at', { time: formatInstant(p.at) })}</span>}
      </p>
      <button type="button" class="button" disabled={p.busy} onClick={p.onPick} data-testid={p.side === 'kept' ? 'keep' : 'use-other'}>
        {p.action}
      </button>
    </section>
  );
}

export function ConflictCard(p: { entry: ReviewEntry; viewer: Viewer | undefined; onResolve: (value: unknown) => Promise<void> }) {
  const { item, isHandled } = p.entry;
  const conflict = item.conflict;
  const [merging, setMerging] = useState(false);
  const [merged, setMerged] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [revealed, setRevealed] = useState(false);
  // After 保留这个 / 用这个 the buttons go: the keyboard lands on the line saying it is decided
  // (drawn once the decision is read back from the device's store).
  const [decided, setDecided] = useState(false);
  const handledRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (decided && isHandled) handledRef.current?.focus();
  }, [decided, isHandled]);
  if (!conflict) return null;
  const { field } = conflict;
  const label = fieldLabel(field);
  const canMerge = isMergeable(field);
  const open = !isHandled;

  const decide = async (value: unknown) => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await p.onResolve(value);
      setMerging(false);
      setDecided(true);
    } catch (error) {
      setFailure(describeFailure(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article class={isHandled ? 'review-item conflict handled' : 'review-item conflict'} data-testid="conflict" data-field={field} aria-labelledby={`conflict-${item.id}`}>
      <h3 id={`conflict-${item.id}`}>{t('review.conflict.heading', { field: label })}</h3>
      {isHandled && (
        <>
          <p class="handled-note" data-testid="conflict-handled" ref={handledRef} tabIndex={-1}>
            <strong>{t('review.handled')}</strong> <span class="muted small">{t('review.handled.hint')}</span>
          </p>
          <section class="version decided" aria-label={t('review.decided')} data-testid="decided">
            <h4>{t('review.decided')}</h4>
            <div class="version-value"><FieldValue field={field} value={p.entry.decision} revealed={revealed} /></div>
          </section>
        </>
      )}
      {open && (
        <div class="versions">
          <Version
            side="kept" field={field} value={conflict.kept} who={authorLine(personName(conflict.keptBy, conflict.keptByName, p.viewer), conflict.keptClientId)} at={conflict.keptDeviceTime}
            revealed={revealed} action={t('review.keep')} busy={busy} onPick={() => void decide(conflict.kept)}
          />
          <Version
            side="other" field={field} value={conflict.other} who={authorLine(personName(conflict.otherBy, conflict.otherByName, p.viewer), conflict.otherClientId)}
            at={conflict.otherDeviceTime} revealed={revealed} action={t('review.useOther')} busy={busy} onPick={() => void decide(conflict.other)}
          />
        </div>
      )}
      {field === 'private.parties' && (
        <button type="button" class="button link" aria-pressed={revealed} onClick={() => setRevealed(!revealed)}>
          {revealed ? t('review.value.hide') : t('review.value.reveal')}
        </button>
      )}
      {open && canMerge && !merging && (
        <button
          type="button" class="button" data-testid="merge"
          onClick={() => {
            setMerged(mergeDraft(field, conflict.kept, conflict.other));
            setMerging(true);
          }}
        >
          {t('review.merge')}
        </button>
      )}
      {open && !canMerge && <p class="muted small">{t('review.pickOnly')}</p>}
      {open && merging && (
        <form
          class="merge-form" noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void decide(mergedValue(field, merged));
          }}
        >
          <TextField
            id={`merge-${item.id}`} label={t('review.merge.label', { field: label })} hint={t('review.merge.hint')} rows={field === 'private.facts' ? 8 : 4}
            value={merged} error={failure?.fields.merged} onInput={setMerged}
          />
          <div class="row-2">
            <button type="submit" class="button primary" disabled={busy} data-testid="merge-save">{t('review.merge.save')}</button>
            <button type="button" class="button" onClick={() => setMerging(false)}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
      <div role="alert" class="form-error">{failure && <p>{failure.message}</p>}</div>
      <p class="muted small">{t('review.found', { time: formatInstant(item.createdAt) })}</p>
    </article>
  );
}
