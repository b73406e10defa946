// The official report as an Excel workbook: sheet 1 the case table (categories × measures) with
// the prevention and source blocks, sheet 2 the organisation and staffing table. The cells are
// those of shared/report.ts, so the XLSX, the CSV and the dashboard cannot disagree.
import ExcelJS from 'exceljs';
import { t } from '../../shared/i18n/index.ts';
import type { OrgTable } from '../../shared/network.ts';
import { caseTable, orgTableCells, reportColumns, preventionTable, reportNotes, reportTitle, sourceTable, type Cell, type ReportMeta } from '../../shared/report.ts';
import type { Rollup } from '../../shared/stats.ts';

function addBlock(sheet: ExcelJS.Worksheet, rows: Cell[][], options: { header?: boolean } = {}): void {
  rows.forEach((cells, i) => {
    const row = sheet.addRow(cells);
    if (options.header && i === 0) {
      row.font = { bold: true };
      row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    }
    row.eachCell((cell) => {
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    });
  });
  sheet.addRow([]);
}

export async function reportXlsx(meta: ReportMeta, r: Rollup, org: OrgTable): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = t('app.name');
  book.created = new Date(meta.generatedAt);

  const cases = book.addWorksheet(t('report.sheet.cases'), { views: [{ state: 'frozen', ySplit: 4 }] });
  for (const [i, line] of reportTitle(meta).entries()) {
    const row = cases.addRow(line);
    if (i === 0) row.font = { bold: true, size: 14 };
  }
  cases.addRow([]);
  addBlock(cases, caseTable(r), { header: true });
  cases.getColumn(1).width = 22;
  // Column 1 is the category; each measure follows in reportColumns' order. 调解成功率 and 金额
  // (万元) always show their decimals.
  reportColumns.forEach((c, i) => {
    const column = cases.getColumn(i + 2);
    column.width = 11;
    if (c.decimals !== undefined) column.numFmt = `0.${'0'.repeat(c.decimals)}`;
  });
  addBlock(cases, preventionTable(r), { header: true });
  addBlock(cases, sourceTable(r), { header: true });
  for (const line of reportNotes()) cases.addRow(line);
  cases.addRow([t('report.generatedAt', { at: meta.generatedAt })]);

  const orgSheet = book.addWorksheet(t('report.sheet.org'));
  for (const line of reportTitle(meta)) orgSheet.addRow(line);
  orgSheet.addRow([]);
  addBlock(orgSheet, orgTableCells(org), { header: true });
  orgSheet.getColumn(1).width = 30;
  orgSheet.getColumn(2).width = 12;

  return new Uint8Array(await book.xlsx.writeBuffer());
}
