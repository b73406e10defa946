// Editing one committee on /network: its name and type, and its members (人民调解法 Art 8–9:
// name, office, gender, ethnicity, term). Saved in one request that the server writes in one
// transaction — the committee and every member row, new, changed or left (a removed member is
// recorded as having left today; nothing is deleted) — so a save is whole or not at all. Rows
// are checked here first with the API's own schemas; what the server still refuses is shown in
// Chinese and nothing was written.

import { useState } from 'preact/hooks';
import * as v from 'valibot';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { localDate } from '../../shared/dates.ts';
import {
  CommitteeInputSchema, CommitteeMemberInputSchema, committeeTypes, memberRoles,
  type CommitteeInput, type CommitteeMemberInput, type CommitteeType, type Mediator, type MemberRole,
} from '../../shared/network.ts';
import { addCommittee, saveCommittee, type RegistryCommittee, type RemoteError } from '../../state/dashboard.ts';
import { ChoiceGroup, TextField } from '../components/fields.tsx';
import { PlaceSelects } from '../components/place-selects.tsx';
import { FundingForm } from './funding-form.tsx';

const firstIssue = (issues: readonly { message: string }[]): MessageKey => issues[0]?.message as MessageKey;

interface MemberDraft {
  key: string;
  /** Set once the member exists on the server. */
  id: string | undefined;
  original: Mediator | undefined;
  name: string;
  memberRole: MemberRole;
  gender: '男' | '女' | '';
  ethnicity: string;
  termStart: string;
  termEnd: string;
  removed: boolean;
}

let keys = 0;
const draftOf = (m: Mediator): MemberDraft => ({
  key: m.id, id: m.id, original: m, name: m.name, memberRole: m.memberRole ?? '委员', gender: m.gender, ethnicity: m.ethnicity,
  termStart: m.termStart ?? '', termEnd: m.termEnd ?? '', removed: false,
});
const emptyDraft = (): MemberDraft => ({
  key: `new-${++keys}`, id: undefined, original: undefined, name: '', memberRole: '委员', gender: '', ethnicity: '汉族', termStart: '', termEnd: '', removed: false,
});

/** A member row of the save; fields this form does not show come from the stored record. */
function memberInput(d: MemberDraft, today: string): CommitteeMemberInput {
  const o = d.original;
  return {
    id: d.id ?? null, name: d.name.trim(), gender: d.gender as '男' | '女', ethnicity: d.ethnicity.trim(), phone: o?.phone ?? null,
    isPhonePublic: o?.isPhonePublic ?? false, memberRole: d.memberRole, isFullTime: o?.isFullTime ?? false,
    termStart: d.termStart === '' ? null : d.termStart, termEnd: d.termEnd === '' ? null : d.termEnd,
    leftOn: d.removed ? today : (o?.leftOn ?? null),
  };
}

const committeeInput = (c: RegistryCommittee, name: string, type: CommitteeType, shortName: string): CommitteeInput => ({
  location: c.location, type, name: name.trim(), phone: c.phone, address: c.address, foundedOn: c.foundedOn, dissolvedOn: c.dissolvedOn,
  shortName: shortName.trim() === '' ? null : shortName.trim(),
});

export function CommitteeEditor(p: { committee: RegistryCommittee; onSaved: () => void; onClose: () => void }) {
  const c = p.committee;
  const [name, setName] = useState(c.name);
  const [type, setType] = useState<CommitteeType>(c.type);
  const [shortName, setShortName] = useState(c.shortName ?? '');
  const [drafts, setDrafts] = useState<MemberDraft[]>(() => c.mediators.filter((m) => m.memberRole !== null && m.leftOn === null).map(draftOf));
  const [errors, setErrors] = useState<Record<string, MessageKey>>({});
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const [busy, setBusy] = useState(false);

  const update = (key: string, patch: Partial<MemberDraft>) => {
    setDrafts((list) => list.map((d) => (d.key === key ? { ...d, ...patch } : d)));
    // A row's errors go once the row is touched again; the next save checks it afresh.
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(`${key}-`))));
  };

  const save = async (ev: Event) => {
    ev.preventDefault();
    const today = localDate(new Date());
    // A row added and removed again before saving was never anything: drop it, so the rows sent
    // are numbered as on the screen and the server's "第 n 名委员" points at the right one.
    const list = drafts.filter((d) => !(d.removed && d.id === undefined));
    setDrafts(list);
    // Check everything first, with the same schemas the server uses.
    const found: Record<string, MessageKey> = {};
    const committee = v.safeParse(CommitteeInputSchema, committeeInput(c, name, type, shortName));
    if (!committee.success) found['committee-name'] = firstIssue(committee.issues);
    for (const d of list) {
      if (d.removed) continue;
      if (d.gender === '') found[`${d.key}-gender`] = 'party.gender.invalid';
      const r = v.safeParse(CommitteeMemberInputSchema, memberInput(d, today));
      if (!r.success) {
        const issue = r.issues[0];
        const field = issue?.path?.[0]?.key;
        const where = field === 'ethnicity' ? 'ethnicity' : field === 'termStart' ? 'start' : field === 'termEnd' ? 'end' : field === 'gender' ? 'gender' : 'name';
        found[`${d.key}-${where}`] = firstIssue(r.issues);
      }
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || !committee.success) {
      setMessage(undefined);
      return;
    }
    setBusy(true);
    setMessage({ text: t('net.saving'), error: false });
    const members = list.map((d) => memberInput(d, today));
    try {
      const { memberIds } = await saveCommittee(c.id, { committee: committee.output, members });
      // Saved whole: every row now exists with what was sent.
      setDrafts(list.map((d, i) => {
        const id = memberIds[i] as string;
        const { id: _sent, ...fields } = members[i] as CommitteeMemberInput;
        return { ...d, id, original: { ...(d.original ?? { trainings: [] }), ...fields, education: fields.education ?? d.original?.education ?? null, id, committeeId: c.id } };
      }));
      setMessage({ text: t('net.savedWarnings'), error: false });
      p.onSaved();
    } catch (e) {
      setMessage({ text: t('net.saveRefused', { message: (e as RemoteError).message }), error: true });
    } finally {
      setBusy(false);
    }
  };

  const live = drafts.filter((d) => !d.removed);
  return (
    <>
    <form class="card committee-editor" onSubmit={save} noValidate data-testid="committee-editor">
      <h2>{t('net.editCommittee')}</h2>
      <TextField id={`${c.id}-name`} label={t('net.committeeName')} value={name} onInput={setName} error={errors['committee-name']} required />
      <TextField id={`${c.id}-short`} label={t('network.shortName')} hint={t('network.shortName.hint')} value={shortName} onInput={setShortName} />
      <ChoiceGroup id={`${c.id}-type`} label={t('net.committeeType')} value={type} choices={committeeTypes.map((x) => ({ value: x, label: x }))} onChange={setType} layout="grid" />
      <h3>{t('net.membersTitle', { n: live.length })}</h3>
      <ol class="member-drafts">
        {drafts.map((d, i) => d.removed ? (
          <li key={d.key} class="member-draft removed" data-testid="member-draft">
            <p class="muted">{t('net.removed', { name: d.name })}</p>
            <button type="button" class="button link" onClick={() => update(d.key, { removed: false })}>{t('net.undoRemove')}</button>
          </li>
        ) : (
          <li key={d.key} class="member-draft" data-testid="member-draft">
            <fieldset class="field-group">
              <legend>{t('net.member', { n: i + 1 })}</legend>
              <TextField id={`${d.key}-name`} label={t('net.name')} value={d.name} onInput={(x) => update(d.key, { name: x })} error={errors[`${d.key}-name`]} required />
              <ChoiceGroup id={`${d.key}-role`} label={t('net.role')} value={d.memberRole} choices={memberRoles.map((x) => ({ value: x, label: x }))} onChange={(x) => update(d.key, { memberRole: x })} />
              <ChoiceGroup id={`${d.key}-gender`} label={t('net.gender')} value={d.gender} choices={[{ value: '男', label: '男' }, { value: '女', label: '女' }]}
                onChange={(x) => update(d.key, { gender: x })} error={errors[`${d.key}-gender`]} required />
              <TextField id={`${d.key}-ethnicity`} label={t('net.ethnicity')} value={d.ethnicity} onInput={(x) => update(d.key, { ethnicity: x })} error={errors[`${d.key}-ethnicity`]} required />
              <div class="term-dates">
                <TextField id={`${d.key}-start`} type="date" label={t('net.termStart')} value={d.termStart} onInput={(x) => update(d.key, { termStart: x })} error={errors[`${d.key}-start`]} />
                <TextField id={`${d.key}-end`} type="date" label={t('net.termEnd')} value={d.termEnd} onInput={(x) => update(d.key, { termEnd: x })} error={errors[`${d.key}-end`]} />
              </div>
              <button type="button" class="button danger block" onClick={() => update(d.key, { removed: true })}>{t('net.removeMember')}</button>
            </fieldset>
          </li>
        ))}
      </ol>
      <button type="button" class="button block" onClick={() => setDrafts((list) => [...list, emptyDraft()])} data-testid="add-member">{t('net.addMember')}</button>
      <div class="row-2 editor-actions">
        <button type="button" class="button" onClick={p.onClose}>{t('net.close')}</button>
        <button type="submit" class="button primary" disabled={busy} data-testid="save-committee">{t('net.saveCommittee')}</button>
      </div>
      {message && <p class={message.error ? 'error' : 'notice'} role={message.error ? 'alert' : 'status'} data-testid="committee-message">{message.text}</p>}
    </form>
    <FundingForm committee={c} onSaved={p.onSaved} />
    </>
  );
}

/** A new committee for an area in the user's scope (the server checks the scope and the level). */
export function NewCommittee(p: { area: string; onAdded: () => void }) {
  const [location, setLocation] = useState(p.area);
  const [type, setType] = useState<CommitteeType | ''>('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, MessageKey>>({});
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = (ev: Event) => {
    ev.preventDefault();
    const r = v.safeParse(CommitteeInputSchema, { location, type, name, phone: null, address: null, foundedOn: null, dissolvedOn: null });
    if (!r.success) {
      const field = r.issues[0]?.path?.[0]?.key;
      setErrors({ [field === 'location' ? 'location' : field === 'type' ? 'type' : 'name']: firstIssue(r.issues) });
      setMessage(undefined);
      return;
    }
    setErrors({});
    setBusy(true);
    addCommittee(r.output).then(
      () => {
        setName('');
        setMessage({ text: t('common.saved'), error: false });
        p.onAdded();
      },
      (e: RemoteError) => setMessage({ text: e.message, error: true }),
    ).finally(() => setBusy(false));
  };
  return (
    <form class="card new-committee" onSubmit={submit} noValidate data-testid="new-committee">
      <h2>{t('net.newCommittee')}</h2>
      <PlaceSelects id="nc-location" legend={t('net.location')} scope={p.area} value={location} level="any" onChange={setLocation} error={errors.location} />
      <ChoiceGroup id="nc-type" label={t('net.committeeType')} value={type} choices={committeeTypes.map((x) => ({ value: x, label: x }))} onChange={setType} error={errors.type} layout="grid" required />
      <TextField id="nc-name" label={t('net.committeeName')} value={name} onInput={setName} error={errors.name} required />
      <button type="submit" class="button primary block" disabled={busy} data-testid="add-committee">{t('common.add')}</button>
      {message && <p class={message.error ? 'error' : 'notice'} role={message.error ? 'alert' : 'status'} data-testid="new-committee-message">{message.text}</p>}
    </form>
  );
}
