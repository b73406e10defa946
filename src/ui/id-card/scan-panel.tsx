// 扫描身份证 inside a party card: the mediator photographs the card (or picks a photo), the phone
// reads it (./ocr/engine.ts, loaded on first use only), and every proposed field is shown for
// checking — doubtful ones marked — before "核对无误，填入" puts them into the party form, whose
// own save seals them like typed values. The photo lives only in this component's memory.

import { useRef, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { parseIdCardFront, type IdCardFront } from '../../shared/id-card/parse-front.ts';
import { TextField } from '../components/fields.tsx';
import type { OcrProgress } from './ocr/engine.ts';

export interface ScannedParty {
  name: string;
  /** 男 or 女 as read; the mediator may type anything, so the party form checks it again. */
  gender: string;
  ethnicity: string;
  birthDate: string;
  address: string;
  idNumber: string;
}

type Phase =
  | { kind: 'pick' }
  | { kind: 'working'; message: string; percent?: number }
  | { kind: 'review'; values: ScannedParty; doubtful: Set<keyof ScannedParty> }
  | { kind: 'failed'; message: string };

const fieldKeys: readonly (keyof ScannedParty)[] = ['name', 'gender', 'ethnicity', 'birthDate', 'address', 'idNumber'];

const downloadPercent = (p: { loaded: number; total: number }) => Math.min(99, Math.floor((p.loaded / p.total) * 100));

function progressText(p: OcrProgress): string {
  switch (p.phase) {
    case 'download':
      return t('idCard.download', { percent: downloadPercent(p) });
    case 'prepare':
      return t('idCard.prepare');
    case 'detect':
      return t('idCard.detect');
    case 'recognise':
      return t('idCard.recognise', { done: p.done + 1, total: p.total });
  }
}

function failureText(e: unknown): string {
  const name = e instanceof Error ? e.name : '';
  if (name === 'QuotaExceededError') return t('idCard.failed.storage');
  if (e instanceof TypeError || (e instanceof Error && /fetch|network|Failed to load/i.test(e.message))) return t('idCard.failed.network');
  return t('idCard.failed', { reason: e instanceof Error ? e.message : String(e) });
}

function proposal(front: IdCardFront): { values: ScannedParty; doubtful: Set<keyof ScannedParty> } {
  const values = Object.fromEntries(fieldKeys.map((k) => [k, front[k].value])) as unknown as ScannedParty;
  return { values, doubtful: new Set(fieldKeys.filter((k) => front[k].doubtful)) };
}

export function IdCardScanPanel(p: { idPrefix: string; role: string; onApply: (values: ScannedParty) => void; onClose: () => void }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'pick' });
  const input = useRef<HTMLInputElement>(null);
  const id = (s: string) => `${p.idPrefix}-scan-${s}`;

  const read = async (file: File) => {
    setPhase({ kind: 'working', message: t('idCard.prepare') });
    let bitmap: ImageBitmap | undefined;
    try {
      const { checkRoom, readLinesInWorker } = await import('./ocr/client.ts');
      await checkRoom();
      bitmap = await createImageBitmap(file);
      // The bitmap moves to the OCR worker, which reads and closes it; the page stays responsive.
      const lines = await readLinesInWorker(bitmap, (progress) =>
        setPhase({ kind: 'working', message: progressText(progress), percent: progress.phase === 'download' ? downloadPercent(progress) : undefined }));
      const front = parseIdCardFront(lines);
      if (fieldKeys.every((k) => front[k].value === '')) setPhase({ kind: 'failed', message: t('idCard.nothing') });
      else setPhase({ kind: 'review', ...proposal(front) });
    } catch (e) {
      setPhase({ kind: 'failed', message: failureText(e) });
    } finally {
      // The photo is dropped here: nothing of it is kept but the text the mediator confirms.
      bitmap?.close();
    }
  };

  const onFile = (e: Event) => {
    const el = e.currentTarget as HTMLInputElement;
    const file = el.files?.[0];
    el.value = '';
    if (file) void read(file);
  };

  const edit = (key: keyof ScannedParty, value: string) => {
    if (phase.kind !== 'review') return;
    const doubtful = new Set(phase.doubtful);
    doubtful.delete(key);
    setPhase({ ...phase, values: { ...phase.values, [key]: value }, doubtful });
  };

  const labelOf = (key: keyof ScannedParty): string => t(`idCard.field.${key}` as MessageKey);

  return (
    <section class="id-scan" aria-labelledby={id('title')} data-testid="id-scan">
      <h4 id={id('title')}>{t('idCard.title', { role: p.role })}</h4>
      <p class="muted small" data-testid="id-scan-notice">{t('idCard.notice')}</p>
      <input ref={input} type="file" accept="image/*" capture="environment" hidden onChange={onFile} data-testid="id-scan-input" />
      {phase.kind === 'pick' && (
        <>
          <button type="button" class="button primary block" onClick={() => input.current?.click()}>{t('idCard.pick')}</button>
          <p class="hint">{t('idCard.pick.hint')}</p>
        </>
      )}
      {phase.kind === 'working' && (
        <>
          <p class="id-scan-progress" role="status" data-testid="id-scan-progress">{phase.message}</p>
          {phase.percent !== undefined && <progress class="id-scan-bar" max={100} value={phase.percent} aria-label={t('idCard.downloadBar')} data-testid="id-scan-bar" />}
        </>
      )}
      {phase.kind === 'failed' && (
        <>
          <p class="warning" role="alert" data-testid="id-scan-failed">{phase.message}</p>
          <button type="button" class="button block" onClick={() => input.current?.click()}>{t('idCard.again')}</button>
        </>
      )}
      {phase.kind === 'review' && (
        <div data-testid="id-scan-review">
          <p class="notice">{t('idCard.review')}</p>
          {fieldKeys.map((key) => {
            const doubtful = phase.doubtful.has(key);
            return (
              <div key={key} class={doubtful ? 'id-scan-field doubtful' : 'id-scan-field'} data-field={key} data-doubtful={doubtful ? 'true' : 'false'}>
                <TextField
                  id={id(key)}
                  label={labelOf(key)}
                  hint={doubtful ? t('idCard.doubtful') : undefined}
                  type={key === 'birthDate' ? 'date' : 'text'}
                  rows={key === 'address' ? 2 : undefined}
                  value={phase.values[key]}
                  onInput={(value) => edit(key, value)}
                />
              </div>
            );
          })}
          <button type="button" class="button primary block" data-testid="id-scan-apply" onClick={() => p.onApply(phase.values)}>{t('idCard.apply')}</button>
          <button type="button" class="button block id-scan-again" onClick={() => input.current?.click()}>{t('idCard.again')}</button>
        </div>
      )}
      <button type="button" class="button link" onClick={p.onClose}>{t('idCard.cancel')}</button>
    </section>
  );
}
