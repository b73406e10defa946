// 新申请: requests residents sent from the public form, for the signed-in committee or office. An
// online screen. Both parties' names are masked alike until tapped (the list may be read over a
// shoulder); the phone number is the main action, a full-width call button; 受理 marks
// the request accepted on the server and opens the 受理 form prefilled from it; 不受理 needs a reason.

import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { isOnline, profile } from '../../state/app-state.ts';
import { session } from '../../state/session.ts';
import { acceptRequest, fetchNewRequests, newRequestCount, refuseRequest } from '../../state/requests.ts';
import type { ReceivedRequest } from '../../shared/requests-api.ts';
import { t } from '../../shared/i18n/index.ts';
import { formatInstant } from '../format.ts';
import { categoryName } from '../case-text.ts';
import { showFlash } from '../../state/flash.ts';
import { saveRequestDraft } from './request-draft.ts';
import './requests.css';

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'done'; requests: ReceivedRequest[] };

export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

export function RequestsScreen() {
  const { route } = useLocation();
  const online = isOnline.value;
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [tries, setTries] = useState(0);

  useEffect(() => {
    if (!session.value) route('/login', true);
  }, [session.value]);

  useEffect(() => {
    if (!online || !session.value) return;
    let live = true;
    setLoad({ state: 'loading' });
    fetchNewRequests().then(
      (requests) => live && setLoad({ state: 'done', requests }),
      (error: unknown) => live && setLoad({ state: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [online, tries]);

  const drop = (id: string) =>
    setLoad((prev) => {
      if (prev.state !== 'done') return prev;
      const requests = prev.requests.filter((r) => r.id !== id);
      newRequestCount.value = requests.length;
      return { state: 'done', requests };
    });

  return (
    <section class="screen requests-screen" aria-labelledby="requests-title">
      <h1 id="requests-title">{t('requests.title')}</h1>
      {!online ? (
        <p class="muted">{t('requests.offline')}</p>
      ) : load.state === 'loading' ? (
        <p class="muted">{t('requests.loading')}</p>
      ) : load.state === 'failed' ? (
        <div class="empty">
          <p role="alert">{t('requests.loadFailed', { message: load.message })}</p>
          <button type="button" class="button" onClick={() => setTries((n) => n + 1)}>{t('requests.retry')}</button>
        </div>
      ) : load.requests.length === 0 ? (
        <p class="empty">{t('requests.empty')}</p>
      ) : (
        <ul class="request-list" data-testid="request-list">
          {load.requests.map((r) => (
            <li key={r.id}>
              <RequestItem
                request={r}
                onAccepted={async (accepted) => {
                  await saveRequestDraft(accepted, profile.value?.name ?? session.value?.me.user.displayName ?? '');
                  drop(r.id);
                  route('/new');
                }}
                onRefused={() => {
                  drop(r.id);
                  showFlash(t('requests.refused'));
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RequestItem(p: { request: ReceivedRequest; onAccepted: (r: ReceivedRequest) => Promise<void>; onRefused: () => void }) {
  const r = p.request;
  const [shown, setShown] = useState(false);
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await work();
    } catch (error) {
      setFailure(t('requests.actionFailed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article class="card request" data-testid="request" aria-label={categoryName(r.categoryCode)}>
      <div class="request-head">
        <h2>
          {shown ? (
            <span data-testid="request-name">{r.applicantName}</span>
          ) : (
            <button type="button" class="button link" data-testid="request-name-toggle" aria-label={t('requests.name.show', { name: maskName(r.applicantName) })} onClick={() => setShown(true)}>
              {maskName(r.applicantName)}
            </button>
          )}
        </h2>
        <span class="request-number" data-testid="request-number">{t('mine.number', { number: r.number })}</span>
      </div>
      <a class="button block call" href={`tel:${r.phone}`} data-testid="request-call">{t('requests.call', { phone: r.phone })}</a>
      <dl class="kv">
        <dt>{t('requests.village')}</dt>
        <dd>{r.villageName}</dd>
        <dt>{t('requests.category')}</dt>
        <dd>{categoryName(r.categoryCode)}</dd>
        {r.otherParty !== '' && (
          <>
            <dt>{t('requests.otherParty')}</dt>
            <dd data-testid="request-other">{shown ? r.otherParty : maskName(r.otherParty)}</dd>
          </>
        )}
        <dt>{t('requests.facts')}</dt>
        <dd class="request-facts">{r.facts}</dd>
        <dt>{t('requests.time')}</dt>
        <dd><time dateTime={r.createdAt}>{formatInstant(r.createdAt)}</time></dd>
      </dl>
      {refusing ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim() === '') return setFailure(t('requests.refuse.reasonRequired'));
            void act(async () => {
              await refuseRequest(r.id, reason.trim());
              p.onRefused();
            });
          }}
        >
          <label for={`reason-${r.id}`}>{t('requests.refuse.reason')}</label>
          <textarea id={`reason-${r.id}`} autoComplete="off" rows={2} maxLength={200} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          <div class="row-2">
            <button type="submit" class="button" disabled={busy}>{t('requests.refuse.confirm')}</button>
            <button type="button" class="button" disabled={busy} onClick={() => setRefusing(false)}>{t('requests.cancel')}</button>
          </div>
        </form>
      ) : session.value?.me.role === 'county' ? (
        // The county records no cases (no 受理 anywhere for it): it sees the requests, the village
        // or the town takes them up.
        <p class="muted" data-testid="request-county">{t('requests.countyOnly')}</p>
      ) : (
        <div class="row-2">
          <button
            type="button"
            class="button primary"
            disabled={busy}
            data-testid="request-accept"
            onClick={() => void act(async () => p.onAccepted(await acceptRequest(r.id)))}
          >
            {t('requests.accept')}
          </button>
          <button type="button" class="button" disabled={busy} data-testid="request-refuse" onClick={() => setRefusing(true)}>{t('requests.refuse')}</button>
        </div>
      )}
      {failure && <p class="error" role="alert">{failure}</p>}
    </article>
  );
}
