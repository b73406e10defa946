// /network: the registry of an area — committees with their members and the statutory warnings
// (人民调解法 Art 8–9), 法律明白人 against the target of three per village, and adding one.

import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../../shared/i18n/index.ts';
import { LEGAL_PERSONS_TARGET, committeeTypes, type CommitteeWarning } from '../../shared/network.ts';
import { addLegalPerson, loadRegistry, useRemote, type RegistryCommittee, type RemoteError } from '../../state/dashboard.ts';
import { session } from '../../state/session.ts';
import { areaName, childrenOf } from '../../state/areas.ts';
import { OrgPanel } from '../dashboard/figures.tsx';
import '../dashboard/dashboard.css';
import './network.css';
import { CommitteeEditor, NewCommittee } from './committee-editor.tsx';
import { MediatorEditor } from './mediator-editor.tsx';
import { PlaceSelects } from '../components/place-selects.tsx';
import { IntakePoints } from './intake-points.tsx';

function warningText(w: CommitteeWarning): string {
  switch (w.code) {
    case 'network.warn.tooFew':
    case 'network.warn.tooMany':
      return t(w.code, { count: w.count });
    case 'network.warn.termExpired':
      return t(w.code, { names: w.names.join('、') });
    default:
      return t(w.code);
  }
}

export function NetworkScreen() {
  const { query } = useLocation();
  const s = session.value;
  if (!s) return <p class="screen">{t('dash.needLogin')}</p>;
  return <Network area={query.area ?? s.me.scope} canEdit={s.me.role !== 'mediator'} canImportAreas={s.me.role === 'county' || s.me.role === 'admin'} />;
}

function Network(p: { area: string; canEdit: boolean; canImportAreas: boolean }) {
  const remote = useRemote(() => loadRegistry(p.area), p.area);
  const reg = remote.value;
  const warned = reg?.committees.filter((c) => c.warnings.length > 0) ?? [];
  return (
    <section class="screen dashboard network" aria-labelledby="net-title">
      <h1 id="net-title">{t('net.title', { area: areaName(p.area) || p.area })}</h1>
      {p.canEdit && <p><a class="button" href="/network/areas" data-testid="areas-link">{p.canImportAreas ? t('net.importAreas') : t('areas.history')}</a></p>}
      {remote.error && <p class="error" role="alert">{remote.error.message}</p>}
      {reg && (
        <>
          <OrgPanel org={reg.org} coverage={reg.coverage} />
          <h2>{t('net.warnings', { n: warned.length })}</h2>
          <ul class="warn-list" data-testid="warn-list">
            {warned.map((c) => (
              <li key={c.id}><strong>{c.name}</strong>{c.warnings.map((w) => <span key={w.code} class="warning">{warningText(w)}</span>)}</li>
            ))}
          </ul>
          {p.area.length === 6 ? <ByTown area={p.area} reg={reg} canEdit={p.canEdit} onSaved={remote.reload} /> : committeeTypes.map((type) => {
            const list = reg.committees.filter((c) => c.type === type && !c.dissolvedOn);
            return list.length === 0 ? null : (
              <details key={type} class="committee-group" open={p.area.length === 12 || list.length === 1}>
                <summary>{t('net.group', { type, n: list.length })}</summary>
                <ul>{list.map((c) => <CommitteeItem key={c.id} c={c} canEdit={p.canEdit} committees={reg.committees} onSaved={remote.reload} />)}</ul>
              </details>
            );
          })}
          <h2>{t('net.legal', { target: LEGAL_PERSONS_TARGET })}</h2>
          <p>{t('net.short', { n: reg.coverage.shortVillages.length })}</p>
          <ul class="short-list">
            {reg.coverage.shortVillages.map((v) => <li key={v.villageCode}>{areaName(v.villageCode)}：{t('common.persons', { n: v.count })}</li>)}
          </ul>
          <IntakePoints area={p.area} canEdit={p.canEdit} />
          {p.canEdit && <NewCommittee area={p.area} onAdded={remote.reload} />}
          {p.canEdit && <AddLegalPerson area={p.area} onAdded={remote.reload} />}
        </>
      )}
    </section>
  );
}

/**
 * A county's committees by town (a county has hundreds): one group per 乡镇 in code order, the
 * county's own committees first, each group's committees by type. Several farms have a
 * "一分场生活区": under its town it cannot be taken for another.
 */
function ByTown(p: { area: string; reg: { committees: RegistryCommittee[] }; canEdit: boolean; onSaved: () => void }) {
  const live = p.reg.committees.filter((c) => !c.dissolvedOn);
  const typeOrder = (c: RegistryCommittee) => committeeTypes.indexOf(c.type);
  const groups = [
    { code: p.area, name: t('place.countyItself'), list: live.filter((c) => c.location.length < 9) },
    ...childrenOf(p.area).map((town) => ({ code: town.code, name: town.name, list: live.filter((c) => c.location.startsWith(town.code)) })),
  ];
  const placed = new Set(groups.flatMap((g) => g.list.map((c) => c.id)));
  // A committee of a town the device has no name for (an area not yet loaded): never dropped.
  const rest = live.filter((c) => !placed.has(c.id));
  if (rest.length > 0) groups.push({ code: 'other', name: t('net.otherPlaces'), list: rest });
  return (
    <div data-testid="committees-by-town">
      <h2>{t('net.byTown', { n: live.length })}</h2>
      {groups.filter((g) => g.list.length > 0).map((g) => (
        <details key={g.code} class="committee-group town-group" data-testid="town-group" data-town={g.code}>
          <summary>{t('net.townGroup', { town: g.name, n: g.list.length })}</summary>
          <ul>{[...g.list].sort((a, b) => typeOrder(a) - typeOrder(b)).map((c) => <CommitteeItem key={c.id} c={c} canEdit={p.canEdit} committees={p.reg.committees} onSaved={p.onSaved} />)}</ul>
        </details>
      ))}
    </div>
  );
}

type Mode = { kind: 'view' } | { kind: 'committee' } | { kind: 'mediator'; id: string | undefined };

function CommitteeItem(p: { c: RegistryCommittee; canEdit: boolean; committees: readonly RegistryCommittee[]; onSaved: () => void }) {
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const members = p.c.mediators.filter((m) => !m.leftOn);
  const close = () => setMode({ kind: 'view' });
  const editing = mode.kind === 'mediator' && mode.id !== undefined
    ? p.committees.flatMap((c) => c.mediators).find((m) => m.id === mode.id) : undefined;
  return (
    <li class="committee" data-testid="committee">
      <strong>{p.c.name}</strong>
      <span class="muted small"> {t('net.members', { n: members.length })}</span>
      {p.c.warnings.length > 0 && (
        <div class="committee-warnings" data-testid="committee-warnings">
          {p.c.warnings.map((w) => <p key={w.code} class="warning">{warningText(w)}</p>)}
        </div>
      )}
      <ul class="members">
        {members.map((m) => (
          <li key={m.id}>
            <span>{m.name}（{m.memberRole ?? t('net.appointed')}{m.isFullTime ? `，${t('net.fullTime')}` : ''}，{m.gender}，{m.ethnicity}）</span>
            {p.canEdit && mode.kind === 'view' && (
              <button type="button" class="button link" aria-label={`${t('common.edit')} ${m.name}`} onClick={() => setMode({ kind: 'mediator', id: m.id })}>{t('common.edit')}</button>
            )}
          </li>
        ))}
      </ul>
      {p.canEdit && mode.kind === 'view' && (
        <div class="row-2 committee-actions">
          <button type="button" class="button" onClick={() => setMode({ kind: 'committee' })} data-testid="edit-committee">{t('net.editCommittee')}</button>
          <button type="button" class="button" onClick={() => setMode({ kind: 'mediator', id: undefined })} data-testid="add-mediator">{t('net.addMediator')}</button>
        </div>
      )}
      {mode.kind === 'committee' && <CommitteeEditor committee={p.c} onSaved={p.onSaved} onClose={close} />}
      {mode.kind === 'mediator' && mode.id !== undefined && !editing && <p role="status">{t('net.loadingMediator')}</p>}
      {mode.kind === 'mediator' && (mode.id === undefined || editing) && (
        <MediatorEditor key={mode.id ?? 'new'} mediator={editing} committeeId={p.c.id} committees={p.committees} onClose={close}
          onSaved={(id) => {
            setMode({ kind: 'mediator', id });
            p.onSaved();
          }} />
      )}
    </li>
  );
}

function AddLegalPerson(p: { area: string; onAdded: () => void }) {
  const [villageCode, setVillageCode] = useState(p.area.length === 12 ? p.area : '');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [isPublic, setIsPublic] = useState(false);
  const [message, setMessage] = useState('');
  const submit = (ev: Event) => {
    ev.preventDefault();
    addLegalPerson({ kind: '法律明白人', villageCode, name, phone: phone === '' ? null : phone, isPhonePublic: isPublic, certifiedOn: null, leftOn: null }).then(
      () => {
        setName('');
        setPhone('');
        setMessage(t('common.saved'));
        p.onAdded();
      },
      (e: RemoteError) => setMessage(e.message),
    );
  };
  return (
    <form class="card add-legal" onSubmit={submit} noValidate>
      <h2>{t('net.add')}</h2>
      <PlaceSelects id="lp-village" legend={t('net.villageCode')} scope={p.area} value={villageCode} level="village" onChange={setVillageCode} />
      <label class="field">{t('net.name')}<input value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
      <label class="field">{t('net.phone')}<input value={phone} type="tel" onInput={(e) => setPhone(e.currentTarget.value.trim())} /></label>
      <label class="check"><input type="checkbox" checked={isPublic} onChange={(e) => setIsPublic(e.currentTarget.checked)} />{t('net.phonePublic')}</label>
      <button type="submit" class="button primary">{t('common.add')}</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
