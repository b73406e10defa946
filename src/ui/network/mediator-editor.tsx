// Adding or editing one 人民调解员 on /network: 专职/兼职, the committee, office (or 聘任), gender,
// ethnicity, phone and whether residents may see it — and, once the mediator exists, a training
// record (Art 14: 司法行政部门 organise their training). Checked with the API's schemas first;
// the server's refusals are shown in Chinese under the form.

import { useState } from 'preact/hooks';
import * as v from 'valibot';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { isIsoDate, localDate } from '../../shared/dates.ts';
import { MediatorInputSchema, TrainingInputSchema, educationLevels, memberRoles, type EducationLevel, type Mediator, type MediatorInput, type MemberRole } from '../../shared/network.ts';
import { addMediator, addTraining, saveMediator, type RegistryCommittee, type RemoteError } from '../../state/dashboard.ts';
import { CheckField, ChoiceGroup, SelectField, TextField } from '../components/fields.tsx';

type Status = { text: string; error: boolean } | undefined;

const keyOf = (issues: readonly { message: string; path?: readonly { key: unknown }[] | undefined }[]) => ({
  field: String(issues[0]?.path?.[0]?.key ?? 'name'),
  message: issues[0]?.message as MessageKey,
});

function StatusLine(p: { status: Status; testId: string }) {
  if (!p.status) return null;
  return <p class={p.status.error ? 'error' : 'notice'} role={p.status.error ? 'alert' : 'status'} data-testid={p.testId}>{p.status.text}</p>;
}

export function MediatorEditor(p: {
  mediator: Mediator | undefined;
  committeeId: string;
  committees: readonly RegistryCommittee[];
  onSaved: (id: string) => void;
  onClose: () => void;
}) {
  const m = p.mediator;
  const [name, setName] = useState(m?.name ?? '');
  const [committeeId, setCommitteeId] = useState(m?.committeeId ?? p.committeeId);
  const [fullTime, setFullTime] = useState<'full' | 'part'>(m?.isFullTime ? 'full' : 'part');
  const [role, setRole] = useState<MemberRole | 'none'>(m ? (m.memberRole ?? 'none') : 'none');
  const [gender, setGender] = useState<'男' | '女' | ''>(m?.gender ?? '');
  const [ethnicity, setEthnicity] = useState(m?.ethnicity ?? '汉族');
  const [education, setEducation] = useState<string>(m?.education ?? '');
  const [phone, setPhone] = useState(m?.phone ?? '');
  const [isPublic, setIsPublic] = useState(m?.isPhonePublic ?? false);
  const [errors, setErrors] = useState<Record<string, MessageKey>>({});
  const [status, setStatus] = useState<Status>();
  const [busy, setBusy] = useState(false);
  const idBase = m ? `med-${m.id}` : `med-new-${p.committeeId}`;
  /** A field's error goes once the field is edited again. */
  const edit = <T,>(field: string, set: (x: T) => void) => (x: T) => {
    set(x);
    setErrors((e) => { const { [field]: _gone, ...rest } = e; return rest; });
  };

  const submit = (ev: Event) => {
    ev.preventDefault();
    const input: MediatorInput = {
      committeeId, name, gender: gender as '男' | '女', ethnicity, phone: phone.trim() === '' ? null : phone.trim(), isPhonePublic: isPublic,
      memberRole: role === 'none' ? null : role, isFullTime: fullTime === 'full',
      termStart: m?.termStart ?? null, termEnd: m?.termEnd ?? null, leftOn: m?.leftOn ?? null,
      education: education === '' ? null : (education as EducationLevel),
    };
    const found: Record<string, MessageKey> = {};
    if (gender === '') found.gender = 'party.gender.invalid';
    const r = v.safeParse(MediatorInputSchema, input);
    if (!r.success) {
      const { field, message } = keyOf(r.issues);
      found[field] ??= message;
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || !r.success) {
      setStatus(undefined);
      return;
    }
    setBusy(true);
    const call = m ? saveMediator(m.id, r.output).then(() => m.id) : addMediator(r.output).then((x) => x.id);
    call.then(
      (id) => {
        setStatus({ text: t('common.saved'), error: false });
        p.onSaved(id);
      },
      (e: RemoteError) => setStatus({ text: e.message, error: true }),
    ).finally(() => setBusy(false));
  };

  const options = p.committees.filter((c) => !c.dissolvedOn || c.id === committeeId);
  return (
    <div class="card mediator-editor" data-testid="mediator-editor">
      <form onSubmit={submit} noValidate>
        <h2>{m ? t('net.mediatorTitle', { name: m.name }) : t('net.newMediator')}</h2>
        <TextField id={`${idBase}-name`} label={t('net.name')} value={name} onInput={edit('name', setName)} error={errors.name} required />
        <ChoiceGroup id={`${idBase}-work`} label={t('net.work')} value={fullTime}
          choices={[{ value: 'full', label: t('net.fullTime') }, { value: 'part', label: t('net.partTime') }]} onChange={setFullTime} />
        <div class={errors.committeeId ? 'field has-error' : 'field'}>
          <div class="label-row"><label for={`${idBase}-committee`}>{t('net.committee')}</label></div>
          <select id={`${idBase}-committee`} value={committeeId} onChange={(e) => setCommitteeId(e.currentTarget.value)}>
            {options.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </div>
        <ChoiceGroup id={`${idBase}-role`} label={t('net.role')} value={role} layout="grid"
          choices={[...memberRoles.map((x) => ({ value: x as MemberRole | 'none', label: x })), { value: 'none', label: t('net.noRole') }]} onChange={setRole} />
        <ChoiceGroup id={`${idBase}-gender`} label={t('net.gender')} value={gender} choices={[{ value: '男', label: '男' }, { value: '女', label: '女' }]}
          onChange={edit('gender', setGender)} error={errors.gender} required />
        <TextField id={`${idBase}-ethnicity`} label={t('net.ethnicity')} value={ethnicity} onInput={edit('ethnicity', setEthnicity)} error={errors.ethnicity} required />
        <SelectField id={`${idBase}-education`} label={t('net.education')} value={education} onChange={setEducation}
          options={[{ value: '', label: t('net.education.none') }, ...educationLevels.map((x) => ({ value: x, label: x }))]} />
        <TextField id={`${idBase}-phone`} type="tel" inputMode="tel" label={t('net.phone')} value={phone} onInput={edit('phone', setPhone)} error={errors.phone} />
        <CheckField id={`${idBase}-public`} label={t('net.phonePublicMediator')} checked={isPublic} onChange={setIsPublic} />
        <div class="row-2 editor-actions">
          <button type="button" class="button" onClick={p.onClose}>{t('net.close')}</button>
          <button type="submit" class="button primary" disabled={busy} data-testid="save-mediator">{t('net.saveMediator')}</button>
        </div>
        <StatusLine status={status} testId="mediator-message" />
      </form>
      {m && <Trainings mediator={m} onAdded={() => p.onSaved(m.id)} />}
    </div>
  );
}

function Trainings(p: { mediator: Mediator; onAdded: () => void }) {
  const list = p.mediator.trainings;
  const [on, setOn] = useState(localDate(new Date()));
  const [title, setTitle] = useState('');
  const [hours, setHours] = useState('');
  const [errors, setErrors] = useState<Record<string, MessageKey>>({});
  const [status, setStatus] = useState<Status>();
  const [busy, setBusy] = useState(false);
  const idBase = `tr-${p.mediator.id}`;
  const submit = (ev: Event) => {
    ev.preventDefault();
    const n = Number(hours);
    const found: Record<string, MessageKey> = {};
    if (hours.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1000) found.hours = 'net.hours.invalid';
    if (!isIsoDate(on)) found.on = 'network.date.invalid';
    const r = v.safeParse(TrainingInputSchema, { on, title, hours: n });
    if (!r.success) {
      const { field, message } = keyOf(r.issues);
      if (field !== 'hours') found[field] ??= message;
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || !r.success) {
      setStatus(undefined);
      return;
    }
    setBusy(true);
    addTraining(p.mediator.id, r.output).then(
      () => {
        setTitle('');
        setHours('');
        setStatus({ text: t('common.saved'), error: false });
        p.onAdded();
      },
      (e: RemoteError) => setStatus({ text: e.message, error: true }),
    ).finally(() => setBusy(false));
  };
  return (
    <form class="trainings" onSubmit={submit} noValidate data-testid="trainings">
      <h3>{t('net.trainings', { n: list.length })}</h3>
      {list.length === 0 ? <p class="muted">{t('net.noTrainings')}</p> : (
        <ul class="training-list" data-testid="training-list">
          {list.map((x) => <li key={x.id}>{t('net.training', { on: x.on, title: x.title, hours: x.hours })}</li>)}
        </ul>
      )}
      <h4>{t('net.addTraining')}</h4>
      <TextField id={`${idBase}-on`} type="date" label={t('net.trainingOn')} value={on} onInput={setOn} error={errors.on} required />
      <TextField id={`${idBase}-title`} label={t('net.trainingTitle')} value={title} onInput={setTitle} error={errors.title} required />
      <TextField id={`${idBase}-hours`} inputMode="decimal" label={t('net.trainingHours')} value={hours} onInput={setHours} error={errors.hours} required />
      <button type="submit" class="button primary block" disabled={busy} data-testid="add-training">{t('net.addTraining')}</button>
      <StatusLine status={status} testId="training-message" />
    </form>
  );
}
