// The subsidy sheet as an Excel workbook (ExcelJS, as report.xlsx): one worksheet per table of
// shared/subsidy-cells.ts, A4 landscape fitted to the width, header bold and repeated on each
// printed page, amounts as numbers formatted with two decimals.
import ExcelJS from 'exceljs';
import { t } from '../../shared/i18n/index.ts';
import type { StoredRules, SubsidySheet } from '../../shared/subsidy.ts';
import { subsidyHeading, subsidyTables } from '../../shared/subsidy-cells.ts';
import type { Cell } from '../../shared/report.ts';

const thin: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

/** A workbook of bordered tables under a heading (also used by 调解员考核). */
export async function tablesXlsx(heading: Cell[][], tables: { name: string; rows: Cell[][]; money: number[]; decimals?: Record<number, number> }[], created: string): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = t('app.name');
  book.created = new Date(created);
  for (const table of tables) {
    const sheet = book.addWorksheet(table.name, {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true },
    });
    heading.forEach((cells, i) => {
      const row = sheet.addRow(cells);
      if (i === 0) row.font = { bold: true, size: 14 };
    });
    sheet.addRow([]);
    const first = sheet.rowCount + 1;
    table.rows.forEach((cells, i) => {
      const row = sheet.addRow(cells);
      if (i === 0 || i === table.rows.length - 1 && cells[0] === t('subsidy.total')) row.font = { bold: true };
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cell.border = thin;
        if (i === 0 || typeof cell.value !== 'number') return;
        const decimals = table.money.includes(column - 1) ? 2 : table.decimals?.[column - 1];
        if (decimals !== undefined) cell.numFmt = decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
      });
    });
    sheet.pageSetup.printTitlesRow = `${first}:${first}`;
    const widest = Math.max(...table.rows.map((r) => r.length));
    for (let c = 1; c <= widest; c++) sheet.getColumn(c).width = c === 1 ? 30 : 14;
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

export function subsidyXlsx(sheet: SubsidySheet, rules: StoredRules, generatedAt: string): Promise<Uint8Array> {
  return tablesXlsx(subsidyHeading(sheet, rules, generatedAt), subsidyTables(sheet), generatedAt);
}
