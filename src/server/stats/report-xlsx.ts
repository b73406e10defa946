// The official report as an Excel workbook, printable as the form is: one worksheet per sheet of
// shared/report.ts (调解案件, 组织队伍, 分乡镇), each landscape on A4, fitted to the page width,
// the main table's header repeated on every printed page, headers and 合计 rows bold. The cells are
// those of reportSheets, so the XLSX, the CSV twins and the dashboard cannot disagree.
import ExcelJS from 'exceljs';
import { t } from '../../shared/i18n/index.ts';
import { reportSheets, type ReportSheet, type SheetBlock } from '../../shared/report.ts';
import type { ReportData } from './report-data.ts';

const thin: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

/** Adds a block; returns the sheet row number of its first row. */
function addBlock(sheet: ExcelJS.Worksheet, block: SheetBlock): number {
  const first = sheet.rowCount + 1;
  block.rows.forEach((cells, i) => {
    const row = sheet.addRow(cells);
    if (!block.table) return;
    if (i === 0) {
      row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      // Excel does not grow a wrapped row by itself in a generated file: room for four lines.
      if (cells.some((c) => typeof c === 'string' && c.length > 6)) row.height = 64;
    }
    if (i === 0 || cells[0] === t('report.total')) row.font = { bold: true };
    row.eachCell((cell, column) => {
      cell.border = thin;
      const decimals = block.decimals?.[column - 1];
      if (i > 0 && decimals !== undefined && typeof cell.value === 'number') cell.numFmt = decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
    });
  });
  return first;
}

function addSheet(book: ExcelJS.Workbook, spec: ReportSheet): void {
  const widest = Math.max(...spec.blocks.filter((b) => b.table).flatMap((b) => b.rows.map((r) => r.length)));
  const sheet = book.addWorksheet(spec.name, {
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
  });
  spec.blocks.forEach((block, i) => {
    if (i > 0) sheet.addRow([]);
    const first = addBlock(sheet, block);
    if (i === 0) sheet.getRow(first).font = { bold: true, size: 14 };
    if (block.printTitle) {
      sheet.pageSetup.printTitlesRow = `${first}:${first}`;
      sheet.views = [{ state: 'frozen', ySplit: first, xSplit: 1 }];
    }
  });
  sheet.getColumn(1).width = spec.key === 'org' ? 34 : 24;
  for (let c = 2; c <= widest; c++) sheet.getColumn(c).width = spec.key === 'areas' && c === 2 ? 13 : 11;
}

export async function reportXlsx(data: ReportData): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = t('app.name');
  book.created = new Date(data.meta.generatedAt);
  for (const sheet of reportSheets(data.meta, data.rollup, data.org, data.children)) addSheet(book, sheet);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
