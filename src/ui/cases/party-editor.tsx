// One party card of 受理登记: 自然人 or 单位 and the name always, the rest behind "更多信息". A
// valid 身份证号 fills birth date, age and gender; a complete but wrong 身份证号 or 统一社会信用代码
// is flagged at once, before saving.

import { partyKinds, type Gender, type PartyKind } from '../../shared/case.ts';
import { isValidCreditCode, normalizeCreditCode } from '../../shared/credit-code.ts';
import { ETHNICITIES, OTHER_ETHNICITY, isListedEthnicity, listedEthnicity } from '../../shared/ethnicities.ts';
import { isValidIdNumber } from '../../shared/id-number.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import type { FieldErrors } from '../../shared/validation.ts';
import { ChoiceGroup, SelectField, TextField } from '../components/fields.tsx';
import { formatDate } from '../format.ts';
import { ageOn, withIdNumber, type PartyDraft } from '../../shared/fields/party-form.ts';
import { useEffect, useState } from 'preact/hooks';
import { IdCardScanPanel, type ScannedParty } from '../id-card/scan-panel.tsx';
import { dropIdCardPhotos, idCardPhotosWritten, keepIdCardPhotos, keptIdCardPhotoCount, restoreIdCardPhotos } from '../../state/id-card-photos.ts';

const genders: { value: Gender; label: string }[] = [
  { value: '男', label: t('partyForm.male') },
  { value: '女', label: t('partyForm.female') },
];

/** The locally detectable 身份证号 error, shown while typing. */
export function idNumberError(idNumber: string): MessageKey | undefined {
  const id = idNumber.trim();
  return id.length >= 18 && !isValidIdNumber(id) ? 'party.idNumber.invalid' : undefined;
}

/** The locally detectable 统一社会信用代码 error, shown once 18 characters are in. */
export function creditCodeError(code: string): MessageKey | undefined {
  const c = normalizeCreditCode(code);
  return c.length >= 18 && !isValidCreditCode(c) ? 'party.creditCode.invalid' : undefined;
}

/** idNumberError / creditCodeError of every party, keyed as the form's errors are ("parties.0.idNumber"). */
export function idNumberErrors(parties: readonly PartyDraft[]): FieldErrors {
  return Object.fromEntries(
    parties.flatMap((x, i) => {
      const key = x.kind === '单位' ? creditCodeError(x.creditCode) : idNumberError(x.idNumber);
      return key ? [[`parties.${i}.${x.kind === '单位' ? 'creditCode' : 'idNumber'}`, key]] : [];
    }),
  );
}

const kindChoices = partyKinds.map((k) => ({ value: k, label: t(`partyForm.kind.${k}`) }));
const ethnicityOptions = [
  { value: '', label: t('partyForm.ethnicity.pick') },
  ...ETHNICITIES.map((x) => ({ value: x, label: x })),
  { value: OTHER_ETHNICITY, label: OTHER_ETHNICITY },
];

/**
 * 民族 from the list; 其他 opens a line to write the group out. The draft holds the value itself:
 * a listed name, '其他', or what was written (which the list shows as 其他).
 */
function EthnicityField(p: { id: (f: string) => string; value: string; error: MessageKey | undefined; onChange: (x: string) => void }) {
  const picked = p.value === '' || isListedEthnicity(p.value) ? p.value : OTHER_ETHNICITY;
  return (
    <>
      <SelectField id={p.id('ethnicity')} label={t('partyForm.ethnicity')} value={picked} options={ethnicityOptions} error={p.error} onChange={p.onChange} />
      {picked === OTHER_ETHNICITY && (
        <TextField
          id={p.id('ethnicityOther')} label={t('partyForm.ethnicity.other')} hint={t('partyForm.ethnicity.otherHint')} maxLength={20}
          value={p.value === OTHER_ETHNICITY ? '' : p.value} onInput={(x) => p.onChange(x.trim() === '' ? OTHER_ETHNICITY : x)}
        />
      )}
    </>
  );
}

export function PartyEditor(p: {
  party: PartyDraft;
  /** Position among parties of the same role, from 1. */
  n: number;
  index: number;
  errors: FieldErrors;
  today: string;
  canRemove: boolean;
  onChange: (next: PartyDraft) => void;
  onRemove: () => void;
}) {
  const { party } = p;
  const base = `parties.${p.index}`;
  const id = (field: string) => `party-${p.index}-${field}`;
  const err = (field: string) => p.errors[`${base}.${field}`];
  const heading = t('partyForm.heading', { role: party.role, n: p.n });
  const set = (patch: Partial<PartyDraft>) => p.onChange({ ...party, ...patch });
  const hasMoreErrors = ['gender', 'age', 'phone', 'idNumber', 'birthDate', 'ethnicity', 'occupation', 'address', 'employer', 'idIssuer', 'idValidity', 'legalRep', 'creditCode']
    .some((f) => err(f));
  const isOrg = party.kind === '单位';
  const showMore = party.showMore || hasMoreErrors;
  const idFilled = party.birthDate !== '' && isValidIdNumber(party.idNumber.trim());
  const [scanning, setScanning] = useState(false);
  // A form restored from its draft gets back the card photos kept for this party before the reload.
  useEffect(() => { void restoreIdCardPhotos([party.id]); }, [party.id]);
  // What the mediator confirmed from the card wins over what the number implies (she may have
  // corrected either); the number still fills whatever she left blank.
  // Photos kept as evidence wait for the form's save (state/id-card-photos.ts); a new scan's choice replaces them.
  const applyScan = (s: ScannedParty, photos: File[]) => {
    keepIdCardPhotos(party.id, photos);
    const fromNumber = withIdNumber(party, s.idNumber.trim(), p.today);
    const birthDate = s.birthDate || fromNumber.birthDate;
    p.onChange({
      ...fromNumber,
      name: s.name.trim() || party.name,
      gender: s.gender.trim() === '男' || s.gender.trim() === '女' ? (s.gender.trim() as Gender) : fromNumber.gender,
      ethnicity: listedEthnicity(s.ethnicity) || party.ethnicity,
      address: s.address.trim() || party.address,
      idIssuer: s.idIssuer.trim() || party.idIssuer,
      idValidity: s.idValidity.trim() || party.idValidity,
      birthDate,
      age: birthDate ? String(ageOn(birthDate, p.today)) : fromNumber.age,
      showMore: true,
    });
    setScanning(false);
  };

  return (
    <div class="party-card" data-testid={`party-${p.index}`} role="group" aria-labelledby={id('heading')}>
      <div class="party-head">
        <h3 id={id('heading')}>{heading}</h3>
        {p.canRemove && (
          <button type="button" class="button link danger" onClick={() => { dropIdCardPhotos(party.id); p.onRemove(); }} aria-label={t('partyForm.remove', { role: party.role, n: p.n })}>
            {t('common.remove')}
          </button>
        )}
      </div>
      <ChoiceGroup id={id('kind')} label={t('partyForm.kind')} value={party.kind} choices={kindChoices} error={err('kind')} onChange={(kind: PartyKind) => set({ kind })} />
      <TextField
        id={id('name')} label={t(isOrg ? 'partyForm.orgName' : 'partyForm.name')} required value={party.name} error={err('name')} autoComplete="off"
        maxLength={100} onInput={(name) => set({ name })}
      />
      {/* An identity card belongs to a person; a 单位 has none to scan. */}
      {!isOrg && (scanning ? (
        <IdCardScanPanel idPrefix={id('card')} role={heading} onApply={applyScan} onClose={() => setScanning(false)} />
      ) : (
        <button type="button" class="button block id-scan-open" data-testid={`party-${p.index}-scan`} onClick={() => setScanning(true)}>{t('idCard.scan')}</button>
      ))}
      {!isOrg && keptIdCardPhotoCount(party.id) > 0 && (
        <p class="muted small" data-testid={`party-${p.index}-kept`} data-written={idCardPhotosWritten(party.id)}>
          {t(idCardPhotosWritten(party.id) ? 'idCard.kept.written' : 'idCard.kept', { n: keptIdCardPhotoCount(party.id) })}
        </p>
      )}
      <button type="button" class="button link disclosure" aria-expanded={showMore} aria-controls={id('more')} onClick={() => set({ showMore: !showMore })}>
        <span class="disclosure-title">{t('partyForm.more')}</span>
        <span class="muted small">{t(isOrg ? 'partyForm.moreHintOrg' : 'partyForm.moreHint')}</span>
      </button>
      {showMore && isOrg && (
        <div id={id('more')} class="party-more">
          <TextField id={id('legalRep')} label={t('partyForm.legalRep')} maxLength={50} value={party.legalRep} error={err('legalRep')} onInput={(legalRep) => set({ legalRep })} />
          <TextField
            id={id('creditCode')} label={t('partyForm.creditCode')} hint={t('partyForm.creditCode.hint')} maxLength={20} value={party.creditCode}
            error={err('creditCode') ?? creditCodeError(party.creditCode)} onInput={(creditCode) => set({ creditCode })}
          />
          <TextField id={id('phone')} label={t('partyForm.phone')} type="tel" inputMode="tel" value={party.phone} error={err('phone')} onInput={(phone) => set({ phone })} />
          <TextField id={id('address')} label={t('partyForm.orgAddress')} maxLength={200} value={party.address} error={err('address')} onInput={(address) => set({ address })} />
        </div>
      )}
      {showMore && !isOrg && (
        <div id={id('more')} class="party-more">
          <TextField
            id={id('idNumber')}
            label={t('partyForm.idNumber')}
            value={party.idNumber}
            maxLength={18}
            inputMode="text"
            error={err('idNumber') ?? idNumberError(party.idNumber)}
            hint={idFilled ? t('partyForm.idFilled', { date: formatDate(party.birthDate), age: party.age, gender: party.gender }) : undefined}
            onInput={(value) => p.onChange(withIdNumber(party, value, p.today))}
          />
          <TextField id={id('idIssuer')} label={t('partyForm.idIssuer')} maxLength={50} value={party.idIssuer} error={err('idIssuer')} onInput={(idIssuer) => set({ idIssuer })} />
          <TextField
            id={id('idValidity')} label={t('partyForm.idValidity')} hint={t('partyForm.idValidity.hint')} maxLength={30} value={party.idValidity}
            error={err('idValidity')} onInput={(idValidity) => set({ idValidity })}
          />
          <ChoiceGroup id={id('gender')} label={t('partyForm.gender')} value={party.gender} choices={genders} error={err('gender')} onChange={(gender) => set({ gender })} onClear={() => set({ gender: '' })} />
          <div class="row-2">
            <TextField id={id('age')} label={t('partyForm.age')} value={party.age} inputMode="numeric" maxLength={3} error={err('age')} onInput={(age) => set({ age })} />
            <TextField id={id('phone')} label={t('partyForm.phone')} type="tel" inputMode="tel" value={party.phone} error={err('phone')} onInput={(phone) => set({ phone })} />
          </div>
          <EthnicityField id={id} value={party.ethnicity} error={err('ethnicity')} onChange={(ethnicity) => set({ ethnicity })} />
          <TextField id={id('occupation')} label={t('partyForm.occupation')} maxLength={50} value={party.occupation} error={err('occupation')} onInput={(occupation) => set({ occupation })} />
          <TextField id={id('address')} label={t('partyForm.address')} maxLength={200} value={party.address} error={err('address')} onInput={(address) => set({ address })} />
          <TextField id={id('employer')} label={t('partyForm.employer')} maxLength={100} value={party.employer} error={err('employer')} onInput={(employer) => set({ employer })} />
        </div>
      )}
    </div>
  );
}
