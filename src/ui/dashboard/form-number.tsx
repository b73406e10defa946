// 表号 on the desk (server/stats/form-number.ts): the county's 司法局 (or a province server's
// administrator) records the number its province gives the statistics form; the report's footer
// prints it.
import { t } from '../../shared/i18n/index.ts';
import { loadFormNumber, saveFormNumber } from '../../state/dashboard.ts';
import { SettingCard } from './setting-card.tsx';

export function FormNumberSetting(p: { area: string }) {
  return (
    <SettingCard
      id="form-number" label={t('report.formNo.label')} hint={t('report.formNo.hint')} input={{ maxLength: 40 }}
      load={() => loadFormNumber(p.area).then((r) => r.formNo)} loadKey={`form-no|${p.area}`}
      save={(value) => saveFormNumber(p.area, value)}
    />
  );
}
