// The desk's case list as an XLSX: the columns of the screen, in the order and filter chosen
// there. Party names are masked as on screen (a list is not a case file).
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { caseLabel, maskName, type CaseRecord } from '../../shared/case.ts';
import { categoryByCode } from '../../shared/categories.ts';
import { t } from '../../shared/i18n/index.ts';
import type { DB } from '../store/schema.ts';
import { villageWithTown } from '../../shared/case-list-api.ts';

/** Names of the villages and towns the cases sit in, by code. */
export async function areaNamesOf(db: Kysely<DB>, cases: readonly CaseRecord[]): Promise<Record<string, string>> {
  const codes = [...new Set(cases.flatMap((c) => [c.villageCode, c.townCode]))];
  if (codes.length === 0) return {};
  const rows = await db.selectFrom('areas').select(['code', 'name']).where('code', 'in', codes).execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}

export async function caseListXlsx(cases: readonly CaseRecord[], names: Record<string, string>): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = t('app.name');
  const sheet = book.addWorksheet(t('desk.cases.title'), {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  sheet.columns = [
    { header: t('desk.col.no'), width: 30 },
    { header: t('desk.col.party'), width: 18 },
    { header: t('desk.col.village'), width: 28 },
    { header: t('desk.col.category'), width: 16 },
    { header: t('desk.col.source'), width: 10 },
    { header: t('desk.col.accepted'), width: 12 },
    { header: t('desk.col.status'), width: 10 },
    { header: t('desk.col.mediator'), width: 14 },
    { header: t('desk.col.review'), width: 8 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.pageSetup.printTitlesRow = '1:1';
  for (const c of cases) {
    sheet.addRow([
      caseLabel(c),
      c.private.parties.map((x) => maskName(x.name)).join('、'),
      villageWithTown(c, names),
      categoryByCode(c.categoryCode)?.name ?? c.categoryCode,
      c.source,
      c.acceptedOn,
      t(`case.status.${c.status}`),
      c.mediators.join('、'),
      c.needsReview ? t('desk.review.yes') : '',
    ]);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}
