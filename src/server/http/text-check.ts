// Text the server refuses anywhere it is given text: NUL (PostgreSQL cannot store it in `text` and
// answered 500), other C0/C1 control characters except tab, line feed and carriage return (no
// person types them; they hide text in printed documents and exports), and lone UTF-16 surrogates
// (not Unicode at all: PostgreSQL refuses them too, and SQLite would keep bytes no reader can
// decode). Both databases answer the same 400, before any database work starts.

const REFUSED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when `text` holds nothing the server refuses. */
export function isCleanText(text: string): boolean {
  return !REFUSED.test(text);
}

/**
 * The path (`a.b.0`) of the first string — value or key — in a parsed JSON value that is not
 * clean, or undefined. Walked without recursion, so a deep body cannot overflow the stack.
 */
export function firstDirtyText(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [item, path] = stack.pop() as [unknown, string];
    if (typeof item === 'string') {
      if (!isCleanText(item)) return path || '(root)';
    } else if (Array.isArray(item)) {
      item.forEach((x, i) => stack.push([x, path ? `${path}.${i}` : String(i)]));
    } else if (typeof item === 'object' && item !== null) {
      for (const [key, x] of Object.entries(item)) {
        const at = path ? `${path}.${key}` : key;
        if (!isCleanText(key)) return at;
        stack.push([x, at]);
      }
    }
  }
  return undefined;
}

/** A CSV or ledger read as rows of cells: the first dirty cell as `row:column` (1-based), or undefined. */
export function firstDirtyCell(rows: readonly (readonly string[])[]): string | undefined {
  for (const [r, row] of rows.entries()) {
    for (const [c, cell] of row.entries()) if (!isCleanText(cell)) return `${r + 1}:${c + 1}`;
  }
  return undefined;
}

/** Query values and the decoded path, refused like JSON text (a `%00` in `?area=` reached SQL). */
export function dirtyUrlPart(url: string): string | undefined {
  const parsed = new URL(url);
  for (const [key, value] of parsed.searchParams) if (!isCleanText(key) || !isCleanText(value)) return `query.${key}`;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return 'path';
  }
  return isCleanText(path) ? undefined : 'path';
}
