/**
 * A deliberately small Markdown reader for our legal pages: headings,
 * paragraphs, lists, tables, rules, and inline bold, italic, code and links.
 * It builds a tree of plain data that markdown-view.tsx renders as React
 * elements, so nothing is ever injected as HTML: a `<script>` in the text is
 * shown as text. Links are kept only for http(s), mailto and same-site paths.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'table'; head: Inline[][]; rows: Inline[][][] }
  | { type: 'rule' };

const HEADING = /^(#{1,4})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const ORDERED = /^\s*\d+[.)]\s+(.*)$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** Drops a leading `---` front-matter block, if the text still has one. */
function stripFrontMatter(text: string): string {
  const m = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
  return m ? text.slice(m[0].length) : text;
}

/** Splits a table row on unescaped pipes, ignoring the outer ones. */
function cells(line: string): string[] {
  const trimmed = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** Whether a URL may become a link: web, mail, or a path on this site. */
export function safeHref(href: string): string | null {
  const h = href.trim();
  if (/^(https?:|mailto:)/i.test(h)) return h;
  if (h.startsWith('/') && !h.startsWith('//')) return h;
  if (h.startsWith('#')) return h;
  return null;
}

/** Inline rules, tried in order where their first character appears. */
const inlineRules: { first: string; re: RegExp; make: (m: RegExpExecArray) => Inline[] }[] = [
  { first: '`', re: /^`([^`]+)`/, make: (m) => [{ type: 'code', text: m[1] as string }] },
  { first: '*_', re: /^(\*\*|__)(?=\S)([\s\S]+?)(?<=\S)\1/, make: (m) => [{ type: 'strong', children: parseInline(m[2] as string) }] },
  { first: '*_', re: /^([*_])(?=\S)([\s\S]+?)(?<=\S)\1(?![*_\w])/, make: (m) => [{ type: 'em', children: parseInline(m[2] as string) }] },
  {
    first: '[',
    re: /^\[([^\]]+)\]\(([^)\s]+)\)/,
    make: (m) => {
      const href = safeHref(m[2] as string);
      const children = parseInline(m[1] as string);
      return href ? [{ type: 'link', href, children }] : children;
    },
  },
];

/** Reads inline markup: `code`, **strong**, *em* / _em_, [text](href); a backslash escapes. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let buffer = '';
  let i = 0;
  outer: while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\\' && /[\\`*_[\]()|#-]/.test(text[i + 1] ?? '')) {
      buffer += text[i + 1];
      i += 2;
      continue;
    }
    // snake_case_words are not emphasis.
    const intraword = ch === '_' && /\w/.test(text[i - 1] ?? '');
    for (const rule of intraword ? [] : inlineRules) {
      if (!rule.first.includes(ch)) continue;
      const m = rule.re.exec(text.slice(i));
      if (!m) continue;
      if (buffer) out.push({ type: 'text', text: buffer });
      buffer = '';
      out.push(...rule.make(m));
      i += m[0].length;
      continue outer;
    }
    buffer += ch;
    i += 1;
  }
  if (buffer) out.push({ type: 'text', text: buffer });
  return out;
}

/** Reads a whole document into blocks. */
export function parseMarkdown(source: string): Block[] {
  const lines = stripFrontMatter(source.replace(/\r\n?/g, '\n')).split('\n');
  const blocks: Block[] = [];
  let i = 0;
  const blank = (l: string | undefined) => l === undefined || l.trim() === '';
  const startsBlock = (l: string, next: string | undefined) =>
    HEADING.test(l) ||
    BULLET.test(l) ||
    ORDERED.test(l) ||
    RULE.test(l) ||
    (l.includes('|') && next !== undefined && TABLE_SEPARATOR.test(next));

  while (i < lines.length) {
    const line = lines[i] as string;
    const next = lines[i + 1];
    if (blank(line)) {
      i += 1;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', level: (heading[1] as string).length as 1 | 2 | 3 | 4, children: parseInline(heading[2] as string) });
      i += 1;
    } else if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      i += 1;
    } else if (line.includes('|') && next !== undefined && TABLE_SEPARATOR.test(next)) {
      const head = cells(line).map(parseInline);
      const rows: Inline[][][] = [];
      i += 2;
      while (i < lines.length && !blank(lines[i]) && (lines[i] as string).includes('|')) {
        rows.push(cells(lines[i] as string).map(parseInline));
        i += 1;
      }
      blocks.push({ type: 'table', head, rows });
    } else if (BULLET.test(line) || ORDERED.test(line)) {
      const ordered = !BULLET.test(line);
      const marker = ordered ? ORDERED : BULLET;
      const items: string[] = [];
      while (i < lines.length && !blank(lines[i])) {
        const l = lines[i] as string;
        const item = marker.exec(l);
        if (item) items.push(item[1] as string);
        else if (/^\s+\S/.test(l) && items.length > 0) items[items.length - 1] += ` ${l.trim()}`;
        else break;
        i += 1;
      }
      blocks.push({ type: 'list', ordered, items: items.map(parseInline) });
    } else {
      const text: string[] = [line.trim()];
      i += 1;
      while (i < lines.length && !blank(lines[i]) && !startsBlock(lines[i] as string, lines[i + 1])) {
        text.push((lines[i] as string).trim());
        i += 1;
      }
      blocks.push({ type: 'paragraph', children: parseInline(text.join(' ')) });
    }
  }
  return blocks;
}

/** The plain text of some inline content (for titles and tests). */
export function plainText(inline: Inline[]): string {
  return inline.map((n) => (n.type === 'text' || n.type === 'code' ? n.text : plainText(n.children))).join('');
}
