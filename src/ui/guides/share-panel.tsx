// 分享: the phone's own share sheet (Web Share API) where there is one — on a villager's phone
// that is where WeChat lives. Elsewhere the button opens the link to copy and a QR code to scan
// from another phone; neither needs a network.

import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import { QrCode } from './qr-code.tsx';

type Copy = 'idle' | 'copied' | 'failed';

export function SharePanel(p: { title: string; text: string; path: string }) {
  const [isOpen, setOpen] = useState(false);
  const [copy, setCopy] = useState<Copy>('idle');
  const url = new URL(p.path, location.origin).href;

  async function share() {
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title: p.title, text: p.text, url });
        return;
      } catch (e) {
        // The user closing the sheet is not a failure; anything else falls back to the panel.
        if (e instanceof DOMException && e.name === 'AbortError') return;
      }
    }
    setOpen((open) => !open);
    setCopy('idle');
  }

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(url);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  return (
    <>
      <button type="button" class="button share-button" aria-expanded={isOpen} aria-controls="share-panel" onClick={() => void share()} data-testid="share">
        {t('guide.share')}
      </button>
      {isOpen && (
        <div id="share-panel" class="share-panel" role="region" aria-label={t('guide.share.title')} data-testid="share-panel">
          <label for="share-url">{t('guide.share.link')}</label>
          <input id="share-url" type="url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" class="button" onClick={() => void copyLink()}>{t('guide.share.copy')}</button>
          <p class="share-copy" role="status">{copy === 'copied' ? t('guide.share.copied') : copy === 'failed' ? t('guide.share.copyFailed') : ''}</p>
          <QrCode text={url} label={t('guide.share.qr')} />
          <button type="button" class="button link" onClick={() => setOpen(false)}>{t('guide.share.close')}</button>
        </div>
      )}
    </>
  );
}
