// RFC 4180 CSV, both ways: quoted fields with commas, quotes and line breaks; CRLF or LF. Files
// from Excel in China are UTF-8 with a BOM (or have one added by us so Excel shows 中文).

export const BOM = '\uFEFF';

/** Parses CSV text into rows of fields; a leading BOM and blank trailing lines are dropped. */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (ch === '\r' && input[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  while (rows.length > 0 && (rows[rows.length - 1] as string[]).every((f) => f.trim() === '')) rows.pop();
  return rows;
}

const needsQuotes = /[",\r\n]/;

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows to CSV with CRLF line ends; `bom` for files a person opens in Excel. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[], bom = true): string {
  return (bom ? BOM : '') + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
