// /audit (审计日志): who viewed, printed or exported which personal data, when and from where — for
// the county office (its county) and the administrator. Filters by dates, account and action;
// fifty a page, newest first. One column on a phone, a wider table-like list on a laptop.
import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { auditActions, type AuditAction, type AuditPage, type AuditQuery } from '../../shared/audit-api.ts';
import type { AccountRole } from '../../shared/accounts-api.ts';
import { session } from '../../state/session.ts';
import { isOnline } from '../../state/app-state.ts';
import { fetchAudit } from '../../state/audit.ts';
import { formatInstant } from '../format.ts';
import { roleLabel } from '../account/labels.ts';
import { auditRoute } from './route.ts';
import './audit.css';

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'done'; page: AuditPage };

const actionLabel = (action: AuditAction) => t(`audit.action.${action}` as MessageKey);

export function AuditScreen() {
  const me = session.value?.me;
  if (!me || !auditRoute.roles.includes(me.role as AccountRole)) {
    return (
      <section class="screen audit" aria-labelledby="audit-title">
        <h1 id="audit-title">{t('audit.title')}</h1>
        <p class="muted">{me ? t('audit.forbiddenRole') : t('audit.signedOut')}</p>
        {!me && <a class="button primary block" href="/login?next=/audit">{t('login.submit')}</a>}
      </section>
    );
  }
  return <AuditLog />;
}

function AuditLog() {
  const online = isOnline.value;
  const [form, setForm] = useState<AuditQuery>({});
  const [query, setQuery] = useState<AuditQuery>({ page: 1 });
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [tries, setTries] = useState(0);

  useEffect(() => {
    if (!online) return;
    let live = true;
    setLoad({ state: 'loading' });
    fetchAudit(query).then(
      (page) => live && setLoad({ state: 'done', page }),
      (e: unknown) => live && setLoad({ state: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [online, query, tries]);

  const set = (key: keyof AuditQuery) => (e: Event) => setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value || undefined });
  const submit = (e: Event) => {
    e.preventDefault();
    setQuery({ ...form, page: 1 });
  };
  const pages = load.state === 'done' ? Math.max(1, Math.ceil(load.page.total / load.page.pageSize)) : 1;
  const page = query.page ?? 1;

  return (
    <section class="screen audit" aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <p class="muted small">{t('audit.intro')}</p>
      <form class="audit-filters" onSubmit={submit} data-testid="audit-filters">
        <label>{t('audit.filter.from')}<input type="date" value={form.from ?? ''} onChange={set('from')} /></label>
        <label>{t('audit.filter.to')}<input type="date" value={form.to ?? ''} onChange={set('to')} /></label>
        <label>{t('audit.filter.username')}<input type="text" autocomplete="off" value={form.username ?? ''} onInput={set('username')} /></label>
        <label>{t('audit.filter.action')}
          <select value={form.action ?? ''} onChange={set('action')}>
            <option value="">{t('audit.filter.anyAction')}</option>
            {auditActions.map((a) => <option key={a} value={a}>{actionLabel(a)}</option>)}
          </select>
        </label>
        <button type="submit" class="button primary">{t('audit.filter.submit')}</button>
      </form>
      {!online ? (
        <p class="muted" role="status">{t('audit.offline')}</p>
      ) : load.state === 'loading' ? (
        <p class="muted" role="status">{t('common.loading')}</p>
      ) : load.state === 'failed' ? (
        <p role="alert">{t('audit.failed', { message: load.message })} <button type="button" class="button" onClick={() => setTries(tries + 1)}>{t('audit.retry')}</button></p>
      ) : load.page.items.length === 0 ? (
        <p class="muted" data-testid="audit-empty">{t('audit.empty')}</p>
      ) : (
        <>
          <p class="muted small" data-testid="audit-total">{t('audit.total', { n: load.page.total })}</p>
          <ol class="audit-list" data-testid="audit-list">
            {load.page.items.map((e) => (
              <li key={e.id} class="audit-row" data-testid="audit-row" data-action={e.action}>
                <span class="audit-when">{formatInstant(e.at)}</span>
                <span class="audit-what"><strong>{actionLabel(e.action)}</strong> · {e.username}（{t(roleLabel[e.role as AccountRole] ?? 'login.role.admin')}）</span>
                <span class="audit-target">{t('audit.row.target')}：<code>{e.target}</code>{e.detail ? ` · ${e.detail}` : ''}</span>
                <span class="audit-where muted small">{t('audit.row.area')} {e.areaCode || '—'} · {t('audit.row.ip')} {e.ip}</span>
              </li>
            ))}
          </ol>
          <nav class="audit-pages" aria-label={t('audit.page', { page, pages })}>
            <button type="button" class="button" disabled={page <= 1} onClick={() => setQuery({ ...query, page: page - 1 })}>{t('audit.prev')}</button>
            <span class="muted small">{t('audit.page', { page, pages })}</span>
            <button type="button" class="button" disabled={page >= pages} onClick={() => setQuery({ ...query, page: page + 1 })} data-testid="audit-next">{t('audit.next')}</button>
          </nav>
        </>
      )}
    </section>
  );
}
