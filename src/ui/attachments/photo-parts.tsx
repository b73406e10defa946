// Presentational pieces of the 附件 section: purpose chips, the add buttons (camera / file), the
// storage note, the thumbnail grid with status chips. They take values and callbacks only.

import { useRef } from 'preact/hooks';
import { attachmentPurposes, freeBytes, isStorageLow, type AttachmentPurpose, type StorageUse } from '../../shared/attachments.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import type { AttachmentItem, AttachmentStatus } from '../../state/attachments.ts';

export const statusLabel: Record<AttachmentStatus, MessageKey> = {
  pending: 'attach.state.pending',
  uploading: 'attach.state.uploading',
  uploaded: 'attach.state.uploaded',
  failed: 'attach.state.failed',
  remote: 'attach.state.remote',
  downloading: 'attach.state.downloading',
  missing: 'attach.state.missing',
};

const bytesFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${bytesFormat.format(n / 1024 ** 3)} GB`;
  if (n >= 1024 ** 2) return `${bytesFormat.format(n / 1024 ** 2)} MB`;
  return `${bytesFormat.format(Math.max(1, Math.round(n / 1024)))} KB`;
}

export function StatusChip(p: { status: AttachmentStatus }) {
  return <span class={`chip attach-${p.status}`} data-testid="attach-status">{t(statusLabel[p.status])}</span>;
}

export function StorageNote(p: { use: StorageUse }) {
  const free = formatBytes(freeBytes(p.use));
  if (isStorageLow(p.use)) return <p class="warning" role="alert" data-testid="storage-low">{t('attach.storage.low', { free })}</p>;
  return <p class="muted small" data-testid="storage">{t('attach.storage', { used: formatBytes(p.use.usage), free })}</p>;
}

export function PurposeChips(p: { value: AttachmentPurpose; onChange: (purpose: AttachmentPurpose) => void }) {
  return (
    <div class="purpose-chips" role="group" aria-label={t('attach.purpose.label')}>
      <span class="purpose-label" aria-hidden="true">{t('attach.purpose.label')}</span>
      {attachmentPurposes.map((purpose) => (
        <button key={purpose} type="button" class="chip-button" aria-pressed={purpose === p.value} onClick={() => p.onChange(purpose)}>
          {purpose}
        </button>
      ))}
    </div>
  );
}

function CameraIcon() {
  return (
    <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
      <path d="M4 8h3l2-3h6l2 3h3v11H4zM12 17a4 4 0 1 0 0-8 4 4 0 0 0 0 8z" />
    </svg>
  );
}

function FileIcon() {
  return (
    <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
      <path d="M4 5h16v14H4zM4 15l5-5 4 4 3-3 4 4M15.5 9.5h.01" />
    </svg>
  );
}

/** 拍照 opens the rear camera on a phone; 选择文件 the gallery or files (several at once). */
export function AddButtons(p: { isBusy: boolean; onFiles: (files: File[]) => void }) {
  const camera = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const take = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const files = Array.from(input.files ?? []);
    // Cleared so choosing the same file again still fires `change`.
    input.value = '';
    if (files.length > 0) p.onFiles(files);
  };
  return (
    <div class="attach-buttons">
      <button type="button" class="button primary" disabled={p.isBusy} onClick={() => camera.current?.click()} data-testid="attach-camera">
        <CameraIcon />
        {t('attach.takePhoto')}
      </button>
      <button type="button" class="button" disabled={p.isBusy} onClick={() => picker.current?.click()} data-testid="attach-file">
        <FileIcon />
        {t('attach.chooseFile')}
      </button>
      <input ref={camera} type="file" accept="image/*" capture="environment" hidden onChange={take} data-testid="attach-camera-input" />
      <input ref={picker} type="file" accept="image/*" multiple hidden onChange={take} data-testid="attach-file-input" />
    </div>
  );
}

export function ThumbGrid(p: { items: AttachmentItem[]; onOpen: (eventId: string) => void; onRetry: (item: AttachmentItem) => void }) {
  return (
    <ul class="thumbs" data-testid="attach-list">
      {p.items.map((item) => (
        <li key={item.eventId} class="thumb-item" data-sha={item.data.sha256}>
          <button type="button" class="thumb" onClick={() => p.onOpen(item.eventId)}
            aria-label={t('attach.open', { purpose: item.data.purpose, name: item.data.name })}>
            {item.url ? <img src={item.url} alt="" /> : <span class="thumb-empty"><FileIcon /></span>}
            <span class="thumb-purpose">{item.data.purpose}</span>
            {item.status === 'uploading' && <span class="thumb-progress" style={{ width: `${Math.round(item.progress * 100)}%` }} />}
          </button>
          <div class="thumb-status">
            <StatusChip status={item.status} />
          </div>
          {item.status === 'failed' && (
            <button type="button" class="button retry" onClick={() => p.onRetry(item)} data-testid="attach-retry">{t('attach.retry')}</button>
          )}
        </li>
      ))}
    </ul>
  );
}
