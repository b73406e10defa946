// The Markdown subset the guides use, rendered by hand so the app ships no Markdown library:
// headings, paragraphs, numbered and bulleted lists, blockquotes, **bold** and [links](/x).
// What must stay true: every character of guide text is HTML-escaped before any markup is
// added, and a link is emitted only for site-relative, http(s), or tel: targets.

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'quote'; lines: string[] }
  | { kind: 'list'; ordered: boolean; items: string[][] };

const HEADING = /^(#{1,6})\s+(.*)$/;
const ORDERED = /^\d+[.、]\s+(.*)$/;
const BULLET = /^[-*]\s+(.*)$/;
const QUOTE = /^>\s?(.*)$/;
const LINK = /\[([^\]\n]+)\]\(([^)\s]+)\)/g;

export function renderMarkdown(markdown: string): string {
  return parseBlocks(markdown).map(renderBlock).join('\n');
}

/** Text without markup, for the search index and for previews. */
export function plainText(markdown: string): string {
  return parseBlocks(markdown)
    .map((b) => {
      if (b.kind === 'heading') return stripInline(b.text);
      if (b.kind === 'list') return b.items.map((item) => stripInline(joinLines(item))).join('\n');
      return stripInline(joinLines(b.lines));
    })
    .join('\n');
}

export interface MarkdownLink {
  readonly text: string;
  readonly href: string;
}

export function extractLinks(markdown: string): MarkdownLink[] {
  return [...markdown.matchAll(LINK)].map((m) => ({ text: m[1] ?? '', href: m[2] ?? '' }));
}

/** Each blockquote's lines without the `> ` markers, joined by newlines. */
export function extractBlockquotes(markdown: string): string[] {
  return parseBlocks(markdown)
    .filter((b) => b.kind === 'quote')
    .map((b) => b.lines.join('\n'));
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function parseBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  const close = () => {
    if (current) blocks.push(current);
    current = undefined;
  };
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      // A blank line ends paragraphs and quotes; lists survive it so loose lists stay one list.
      if (current?.kind !== 'list') close();
      continue;
    }
    const heading = HEADING.exec(line);
    const quote = QUOTE.exec(line);
    const ordered = ORDERED.exec(line);
    const bullet = BULLET.exec(line);
    if (heading) {
      close();
      blocks.push({ kind: 'heading', level: heading[1]?.length ?? 3, text: heading[2] ?? '' });
    } else if (quote) {
      if (current?.kind !== 'quote') close();
      current ??= { kind: 'quote', lines: [] };
      if (current.kind === 'quote') current.lines.push(quote[1] ?? '');
    } else if (ordered || bullet) {
      const isOrdered = ordered !== null;
      if (current?.kind !== 'list' || current.ordered !== isOrdered) close();
      current ??= { kind: 'list', ordered: isOrdered, items: [] };
      if (current.kind === 'list') current.items.push([(ordered ?? bullet)?.[1] ?? '']);
    } else if (current?.kind === 'list' && /^\s+/.test(raw)) {
      current.items.at(-1)?.push(line.trim()); // continuation of the last list item
    } else {
      if (current?.kind !== 'paragraph') close();
      current ??= { kind: 'paragraph', lines: [] };
      if (current.kind === 'paragraph') current.lines.push(line.trim());
    }
  }
  close();
  return blocks;
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}>${renderInline(block.text)}</h${block.level}>`;
    case 'paragraph':
      return `<p>${renderInline(joinLines(block.lines))}</p>`;
    case 'quote':
      return `<blockquote>${splitParagraphs(block.lines)
        .map((p) => `<p>${renderInline(joinLines(p))}</p>`)
        .join('')}</blockquote>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${renderInline(joinLines(item))}</li>`).join('')}</${tag}>`;
    }
  }
}

function renderInline(text: string): string {
  return escapeHtml(text)
    .replace(LINK, (_m, label: string, href: string) => (isSafeHref(href) ? `<a href="${href}">${label}</a>` : label))
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
}

function stripInline(text: string): string {
  return text.replace(LINK, '$1').replace(/\*\*(.+?)\*\*/g, '$1');
}

// `href` arrives already HTML-escaped, so quotes cannot break out of the attribute.
function isSafeHref(href: string): boolean {
  return /^(\/(?!\/)|#|https?:\/\/|tel:)/i.test(href);
}

function splitParagraphs(lines: readonly string[]): string[][] {
  const out: string[][] = [[]];
  for (const line of lines) {
    if (line.trim() === '') out.push([]);
    else out.at(-1)?.push(line);
  }
  return out.filter((p) => p.length > 0);
}

// Chinese lines join without a space; Latin words keep one between them.
function joinLines(lines: readonly string[]): string {
  return lines.reduce((acc, line) => {
    if (acc === '') return line;
    const latinBoth = /[\x21-\x7e]$/.test(acc) && /^[\x21-\x7e]/.test(line);
    return acc + (latinBoth ? ' ' : '') + line;
  }, '');
}
