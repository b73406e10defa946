// What an area import changes (the dry-run preview and the result), and the history of area
// changes, as lists a county clerk can check against the 统计局 notice: re-coded villages with
// old → new code first, since those move committees, 法律明白人 and mediator accounts.

import { t } from '../../shared/i18n/index.ts';
import type { AreaChangeItem, AreaChangeKind, AreaChangeRecord, AreaImportResult } from '../../shared/divisions.ts';
import { formatDate } from '../format.ts';

const order: AreaChangeKind[] = ['recoded', 'renamed', 'added', 'retired'];

function itemText(c: AreaChangeItem): string {
  switch (c.kind) {
    case 'recoded':
      return t('areas.item.recoded', { name: c.name, oldCode: c.oldCode ?? '', code: c.code });
    case 'renamed':
      return t('areas.item.renamed', { code: c.code, oldName: c.oldName ?? '', name: c.name });
    default:
      return t('areas.item.plain', { code: c.code, name: c.name });
  }
}

export function ImportPreview(p: { result: AreaImportResult; validFrom: string }) {
  const r = p.result;
  const count = (kind: AreaChangeKind) => r.changes.filter((c) => c.kind === kind).length;
  return (
    <div class="area-preview">
      <p data-testid="areas-summary">{t(r.dryRun ? 'areas.summary.preview' : 'areas.summary.done', {
        date: formatDate(p.validFrom), added: count('added'), renamed: count('renamed'), recoded: count('recoded'), retired: count('retired'), unchanged: r.unchanged,
      })}</p>
      {order.map((kind) => {
        const list = r.changes.filter((c) => c.kind === kind);
        return list.length === 0 ? null : (
          // Short lists open; a first import of a whole county (hundreds added) stays folded.
          <details key={kind} class="change-group" open={list.length <= 20} data-testid={`areas-${kind}`}>
            <summary>{t(`areas.kind.${kind}`)}（{list.length}）</summary>
            <ul>{list.map((c) => <li key={`${c.kind}-${c.code}`}>{itemText(c)}</li>)}</ul>
          </details>
        );
      })}
      {r.movedAccounts.length > 0 && (
        <div class="moved" data-testid="areas-accounts">
          <h3>{t('areas.accounts', { n: r.movedAccounts.length })}</h3>
          <ul>{r.movedAccounts.map((a) => <li key={a.username}>{t('areas.account', { name: a.displayName, username: a.username, oldCode: a.oldCode, newCode: a.newCode })}</li>)}</ul>
          <p class="muted small">{t('areas.accountsNote')}</p>
        </div>
      )}
      {r.movedRequests > 0 && <p>{t('areas.requests', { n: r.movedRequests })}</p>}
      {r.changes.some((c) => c.kind === 'recoded') && <p class="muted small">{t('areas.casesNote')}</p>}
    </div>
  );
}

const SHOWN = 50;

export function AreaHistory(p: { changes: readonly AreaChangeRecord[] }) {
  if (p.changes.length === 0) return <p class="muted">{t('areas.history.none')}</p>;
  return (
    <>
      <ul class="area-history" data-testid="areas-history">
        {p.changes.slice(0, SHOWN).map((c, i) => (
          <li key={i}>
            <span class="when">{formatDate(c.changedOn)}</span>
            <span class="kind">{t(`areas.kind.${c.kind}`)}</span>
            <span>{c.kind === 'recoded' ? `${c.note ?? ''} ${c.oldCode} → ${c.newCode ?? ''}` : `${c.oldCode} ${c.note ?? ''}`}</span>
          </li>
        ))}
      </ul>
      {p.changes.length > SHOWN && <p class="muted small">{t('areas.history.more', { n: SHOWN, of: p.changes.length })}</p>}
    </>
  );
}
