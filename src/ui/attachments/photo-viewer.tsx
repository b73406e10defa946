// The image viewer: the photo as large as the screen allows, what it is, and its status. A modal
// <dialog>, so Back/Esc closes it and focus stays inside while it is open. 撤回 opens the
// withdraw form under the photo (withdraw-form.tsx).

import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import type { AttachmentItem } from '../../state/attachments.ts';
import { formatInstant } from '../format.ts';
import { StatusChip, formatBytes } from './photo-parts.tsx';
import { WithdrawForm } from './withdraw-form.tsx';

export function PhotoViewer(p: {
  item: AttachmentItem;
  onClose: () => void;
  onRetry: (item: AttachmentItem) => void;
  /** Absent where the case takes no more steps (作废, 归档). */
  onWithdraw?: ((item: AttachmentItem, reason: string) => Promise<void>) | undefined;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [isWithdrawing, setWithdrawing] = useState(false);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  const { item } = p;
  const canRetry = item.status === 'failed' || item.status === 'remote' || item.status === 'missing';
  return (
    <dialog ref={dialog} class="photo-viewer" aria-labelledby="viewer-title" onClose={p.onClose} data-testid="photo-viewer">
      <div class="viewer-bar">
        <div class="viewer-title">
          <strong id="viewer-title">{item.data.purpose}</strong>
          <span class="small">{t('attach.caption', { name: item.data.name, time: formatInstant(item.data.takenAt), size: formatBytes(item.data.size) })}</span>
        </div>
        <button type="button" class="button viewer-close" onClick={() => dialog.current?.close()} data-testid="viewer-close">{t('attach.close')}</button>
      </div>
      <div class="viewer-image">
        {item.url ? <img src={item.url} alt={`${item.data.purpose} ${item.data.name}`} /> : <p>{t(`attach.state.${item.status}`)}</p>}
      </div>
      {isWithdrawing && p.onWithdraw ? (
        <WithdrawForm onWithdraw={(reason) => p.onWithdraw?.(item, reason) ?? Promise.resolve()} onCancel={() => setWithdrawing(false)} />
      ) : (
        <div class="viewer-foot">
          <StatusChip status={item.status} />
          {item.note && <span class="small">{item.note}</span>}
          {canRetry && <button type="button" class="button retry" onClick={() => p.onRetry(item)}>{t('attach.retry')}</button>}
          {p.onWithdraw && (
            <button type="button" class="button viewer-withdraw" onClick={() => setWithdrawing(true)} data-testid="attach-withdraw">
              {t('attach.withdraw')}
            </button>
          )}
        </div>
      )}
    </dialog>
  );
}
