// 扫描身份证 inside a party card: the mediator photographs the card's 人像面 (or picks a photo),
// and optionally its 国徽面; the phone reads each in the OCR worker (./ocr/, loaded on first use
// only), and every proposed field is shown for checking — doubtful ones marked — before
// "核对无误，填入" puts them into the party form, whose own save seals them like typed values. The
// photos live only in this component's memory — unless the mediator ticks 保留身份证照片作为证据
// (off by default): then 填入 hands them on, and the form's save makes them attachments of the case.

import { useRef, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { parseIdCardFront } from '../../shared/id-card/parse-front.ts';
import { parseIdCardBack } from '../../shared/id-card/parse-back.ts';
import type { ScannedField } from '../../shared/id-card/parse-front.ts';
import { CheckField, TextField } from '../components/fields.tsx';
import type { OcrProgress } from './ocr/engine.ts';

export interface ScannedParty {
  name: string;
  /** 男 or 女 as read; the mediator may type anything, so the party form checks it again. */
  gender: string;
  ethnicity: string;
  birthDate: string;
  address: string;
  idNumber: string;
  /** From the 国徽面, when it was scanned too. */
  idIssuer: string;
  idValidity: string;
}

type Side = 'front' | 'back';
type Key = keyof ScannedParty;

const sideKeys: Record<Side, readonly Key[]> = {
  front: ['name', 'gender', 'ethnicity', 'birthDate', 'address', 'idNumber'],
  back: ['idIssuer', 'idValidity'],
};

interface Proposal {
  values: ScannedParty;
  doubtful: Set<Key>;
  read: Set<Side>;
}

type Phase =
  | { kind: 'pick' }
  | { kind: 'working'; message: string; percent?: number }
  | { kind: 'review' }
  | { kind: 'failed'; message: string };

const emptyValues = (): ScannedParty => ({ name: '', gender: '', ethnicity: '', birthDate: '', address: '', idNumber: '', idIssuer: '', idValidity: '' });

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

/** The fields one side gave, by key. */
function fieldsOf(side: Side, lines: string[]): Partial<Record<Key, ScannedField>> {
  if (side === 'front') return parseIdCardFront(lines);
  const back = parseIdCardBack(lines);
  return { idIssuer: back.issuer, idValidity: back.validity };
}

export function IdCardScanPanel(p: {
  idPrefix: string;
  role: string;
  /** `photos`: the card's photos (front first) when the mediator chose to keep them, else none. */
  onApply: (values: ScannedParty, photos: File[]) => void;
  onClose: () => void;
}) {
  const [phase, setPhase] = useState<Phase>({ kind: 'pick' });
  const [proposal, setProposal] = useState<Proposal>({ values: emptyValues(), doubtful: new Set(), read: new Set() });
  const input = useRef<HTMLInputElement>(null);
  const side = useRef<Side>('front');
  // The last photo read of each side, in memory only, for 保留 — dropped with the panel otherwise.
  const photos = useRef<Partial<Record<Side, File>>>({});
  const [keep, setKeep] = useState(false);
  // How many reads have finished, for whoever waits on the panel (tests, the bench).
  const [reads, setReads] = useState(0);
  const id = (s: string) => `${p.idPrefix}-scan-${s}`;

  const pick = (s: Side) => {
    side.current = s;
    input.current?.click();
  };

  const read = async (file: File, s: Side) => {
    setPhase({ kind: 'working', message: t('idCard.prepare') });
    let bitmap: ImageBitmap | undefined;
    try {
      const { checkRoom, readLinesInWorker } = await import('./ocr/client.ts');
      await checkRoom();
      bitmap = await createImageBitmap(file);
      // The bitmap moves to the OCR worker, which reads and closes it; the page stays responsive.
      const lines = await readLinesInWorker(bitmap, s, (progress) =>
        setPhase({ kind: 'working', message: progressText(progress), percent: progress.phase === 'download' ? downloadPercent(progress) : undefined }));
      const found = fieldsOf(s, lines);
      const keys = sideKeys[s];
      if (keys.every((k) => (found[k]?.value ?? '') === '')) {
        setPhase({ kind: 'failed', message: t(s === 'front' ? 'idCard.nothing' : 'idCard.nothing.back') });
        return;
      }
      setProposal((before) => {
        const values = { ...before.values };
        const doubtful = new Set(before.doubtful);
        for (const k of keys) {
          values[k] = found[k]?.value ?? '';
          if (found[k]?.doubtful ?? true) doubtful.add(k);
          else doubtful.delete(k);
        }
        return { values, doubtful, read: new Set([...before.read, s]) };
      });
      photos.current[s] = file;
      setPhase({ kind: 'review' });
    } catch (e) {
      setPhase({ kind: 'failed', message: failureText(e) });
    } finally {
      // The photo is dropped here: nothing of it is kept but the text the mediator confirms.
      bitmap?.close();
      setReads((n) => n + 1);
    }
  };

  const onFile = (e: Event) => {
    const el = e.currentTarget as HTMLInputElement;
    const file = el.files?.[0];
    el.value = '';
    if (file) void read(file, side.current);
  };

  const edit = (key: Key, value: string) => {
    setProposal((before) => {
      const doubtful = new Set(before.doubtful);
      doubtful.delete(key);
      return { ...before, values: { ...before.values, [key]: value }, doubtful };
    });
  };

  const labelOf = (key: Key): string => t(`idCard.field.${key}` as MessageKey);
  const shown = (['front', 'back'] as const).filter((s) => proposal.read.has(s)).flatMap((s) => sideKeys[s]);

  return (
    <section class="id-scan" aria-labelledby={id('title')} data-testid="id-scan" data-reads={reads}>
      <h4 id={id('title')}>{t('idCard.title', { role: p.role })}</h4>
      <p class="muted small" data-testid="id-scan-notice">{t('idCard.notice')}</p>
      <input ref={input} type="file" accept="image/*" capture="environment" hidden onChange={onFile} data-testid="id-scan-input" />
      {phase.kind === 'pick' && (
        <>
          <button type="button" class="button primary block" onClick={() => pick('front')}>{t('idCard.pick')}</button>
          <p class="hint">{t('idCard.pick.hint')}</p>
          <button type="button" class="button block id-scan-again" data-testid="id-scan-back" onClick={() => pick('back')}>{t('idCard.pick.back')}</button>
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
          <button type="button" class="button block" onClick={() => pick(side.current)}>{t('idCard.again')}</button>
        </>
      )}
      {phase.kind === 'review' && (
        <div data-testid="id-scan-review">
          <p class="notice">{t('idCard.review')}</p>
          {shown.map((key) => {
            const doubtful = proposal.doubtful.has(key);
            return (
              <div key={key} class={doubtful ? 'id-scan-field doubtful' : 'id-scan-field'} data-field={key} data-doubtful={doubtful ? 'true' : 'false'}>
                <TextField
                  id={id(key)}
                  label={labelOf(key)}
                  hint={doubtful ? t('idCard.doubtful') : key === 'idValidity' ? t('idCard.validity.hint') : undefined}
                  type={key === 'birthDate' ? 'date' : 'text'}
                  rows={key === 'address' ? 2 : undefined}
                  value={proposal.values[key]}
                  onInput={(value) => edit(key, value)}
                />
              </div>
            );
          })}
          <CheckField id={id('keep')} label={t('idCard.keep')} checked={keep} onChange={setKeep} />
          <button type="button" class="button primary block" data-testid="id-scan-apply" onClick={() => {
            const kept = keep ? (['front', 'back'] as const).flatMap((s) => photos.current[s] ?? []) : [];
            photos.current = {};
            p.onApply(proposal.values, kept);
          }}>{t('idCard.apply')}</button>
          {!proposal.read.has('back') && (
            <button type="button" class="button block id-scan-again" data-testid="id-scan-back" onClick={() => pick('back')}>{t('idCard.pick.back')}</button>
          )}
          {!proposal.read.has('front') && (
            <button type="button" class="button block id-scan-again" onClick={() => pick('front')}>{t('idCard.pick.front')}</button>
          )}
          <button type="button" class="button block id-scan-again" onClick={() => pick(side.current)}>{t('idCard.again')}</button>
        </div>
      )}
      <button type="button" class="button link" onClick={p.onClose}>{t('idCard.cancel')}</button>
    </section>
  );
}
