// A deliberately small front-matter reader: `key: value` lines and `- item` lists, nothing else.
// Full YAML would turn `category: 01` into the number 1 and `10.1` into a float; here every value
// stays the exact string the author typed, which is what codes and dates need.

export type FrontMatterValue = string | readonly string[];

export interface FrontMatter {
  readonly data: Readonly<Record<string, FrontMatterValue>>;
  readonly body: string;
}

export class FrontMatterError extends Error {
  override readonly name = 'FrontMatterError';
}

const KEY_LINE = /^([A-Za-z][\w-]*):\s*(.*)$/;
const ITEM_LINE = /^\s+-\s+(.*)$/;

export function parseFrontMatter(raw: string): FrontMatter {
  const lines = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  if (lines[0]?.trim() !== '---') throw new FrontMatterError('文件必须以 --- 开头的前置信息开始');
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) throw new FrontMatterError('前置信息缺少结束的 ---');

  const data: Record<string, FrontMatterValue> = {};
  let listKey: string | undefined;
  for (let i = 1; i < end; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const item = ITEM_LINE.exec(line);
    if (item) {
      const list = listKey === undefined ? undefined : data[listKey];
      if (listKey === undefined || !Array.isArray(list)) throw new FrontMatterError(`第 ${i + 1} 行：列表项前面没有列表的键`);
      (list as string[]).push(unquote(item[1] ?? ''));
      continue;
    }
    const kv = KEY_LINE.exec(line);
    if (!kv) throw new FrontMatterError(`第 ${i + 1} 行看不懂：${line}`);
    const key = kv[1] ?? '';
    if (key in data) throw new FrontMatterError(`第 ${i + 1} 行：键 ${key} 重复`);
    const value = (kv[2] ?? '').trim();
    // An empty value opens a list; the items follow on indented `- ` lines.
    listKey = value === '' ? key : undefined;
    data[key] = value === '' ? [] : unquote(value);
  }
  return { data, body: lines.slice(end + 1).join('\n') };
}

function unquote(value: string): string {
  const v = value.trim();
  const quoted = v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.at(-1) === v[0];
  return quoted ? v.slice(1, -1) : v;
}
