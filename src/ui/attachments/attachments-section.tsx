// 附件 on the case screen: choose what the photo is, take it or pick it, see each file's status
// (待上传 / 上传中 / 已上传 / 失败 with 重试), open it large, withdraw a wrong one (with a reason).
// The storage estimate is shown before more photos are taken, with a warning when the phone is
// running out of space.

import { useEffect, useState } from 'preact/hooks';
import type { AttachmentPurpose } from '../../shared/attachments.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import {
  addPhotos, refreshStorage, retryUpload, storageUse, useAttachments, withdrawPhoto, type AttachmentItem,
} from '../../state/attachments.ts';
import { showFlash } from '../../state/flash.ts';
import { AddButtons, PurposeChips, StorageNote, ThumbGrid } from './photo-parts.tsx';
import { PhotoViewer } from './photo-viewer.tsx';
import './attachments.css';

export function AttachmentsSection(p: { caseId: string; canAdd: boolean }) {
  const { items, notUploaded, retryDownload } = useAttachments(p.caseId);
  const [purpose, setPurpose] = useState<AttachmentPurpose>('签字页');
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MessageKey | undefined>(undefined);
  const [openId, setOpenId] = useState<string | undefined>(undefined);
  useEffect(() => void refreshStorage(), []);
  const storage = storageUse.value;
  const open = items.find((i) => i.eventId === openId);

  const onFiles = async (files: File[]) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const failed = await addPhotos(p.caseId, files, purpose);
      if (failed) setProblem(failed);
      else showFlash(t('attach.saved'));
    } finally {
      setBusy(false);
    }
  };
  const onWithdraw = async (item: AttachmentItem, reason: string) => {
    await withdrawPhoto(p.caseId, item.eventId, reason);
    // The photo is gone from the list now; the viewer closes with it.
    setOpenId(undefined);
    showFlash(t('attach.withdraw.done'));
  };
  const onRetry = (item: AttachmentItem) => {
    if (item.status === 'failed') void retryUpload(item.data.sha256);
    else retryDownload(item.data);
  };

  return (
    <section class="attachments" aria-labelledby="attach-h" data-testid="attachments">
      <h2 id="attach-h">
        {t('attach.title')}
        {items.length > 0 && <span class="muted small"> {t('attach.count', { n: items.length })}</span>}
      </h2>
      {storage && p.canAdd && <StorageNote use={storage} />}
      {p.canAdd && (
        <>
          <PurposeChips value={purpose} onChange={setPurpose} />
          <AddButtons isBusy={isBusy} onFiles={(files) => void onFiles(files)} />
        </>
      )}
      {isBusy && <p class="muted small" role="status">{t('attach.compressing')}</p>}
      {problem && <p class="error" role="alert">{t(problem)}</p>}
      {notUploaded > 0 && <p class="muted small" data-testid="attach-not-uploaded">{t('attach.toUpload', { n: notUploaded })}</p>}
      {items.length === 0 ? <p class="muted small">{t('attach.empty')}</p> : <ThumbGrid items={items} onOpen={setOpenId} onRetry={onRetry} />}
      {open && <PhotoViewer item={open} onClose={() => setOpenId(undefined)} onRetry={onRetry} onWithdraw={p.canAdd ? onWithdraw : undefined} />}
    </section>
  );
}
