import { Marked, type Tokens } from 'marked';

/**
 * Our legal pages' Markdown as HTML, which the web app inserts as is. The text
 * is our own, but marked has no sanitizer, so the renderer still keeps a slip
 * in a page from becoming markup: raw HTML is shown as text, images as their
 * alt text (no third-party loads), and links only point where safeHref allows.
 */

export interface RenderedLegalPage {
  /** The first `# ` heading as plain text: the page header shows it, so it is not in html too. */
  title?: string;
  html: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Where a link may point: the web, mail, or this site; `javascript:`, `data:` or `//host` stay plain text. */
export function safeHref(href: string): string | null {
  const h = href.trim();
  if (/^(https?:|mailto:)/i.test(h)) return h;
  if ((h.startsWith('/') && !h.startsWith('//')) || h.startsWith('#')) return h;
  return null;
}

const marked = new Marked({
  gfm: true,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    image: ({ text }) => escapeHtml(text),
    link({ href, tokens }) {
      const inner = this.parser.parseInline(tokens);
      const safe = safeHref(href);
      if (!safe) return inner;
      const external = /^https?:/i.test(safe) ? ' target="_blank" rel="noopener noreferrer"' : '';
      return `<a href="${escapeHtml(safe)}"${external}>${inner}</a>`;
    },
    // Each cell carries its column's name, which phones show above the value when rows become cards.
    table({ header, rows }) {
      const inline = (cell: Tokens.TableCell) => this.parser.parseInline(cell.tokens);
      const labels = header.map((cell) => escapeHtml(this.parser.parseInline(cell.tokens, this.parser.textRenderer)));
      const head = header.map((cell) => `<th scope="col">${inline(cell)}</th>`).join('');
      const body = rows.map(
        (row) => `<tr>${row.map((cell, i) => `<td data-label="${labels[i] ?? ''}">${inline(cell)}</td>`).join('')}</tr>`,
      );
      // The div lets a wide table scroll on its own rather than widen the page.
      return `<div><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table></div>\n`;
    },
  },
});

export function renderLegalMarkdown(markdown: string): RenderedLegalPage {
  const tokens = marked.lexer(markdown);
  const at = tokens.findIndex((t) => t.type === 'heading' && t.depth === 1);
  const heading = tokens[at] as Tokens.Heading | undefined;
  if (!heading) return { html: marked.parser(tokens) };
  const parser = new marked.Parser(marked.defaults);
  const title = parser.parseInline(heading.tokens, parser.textRenderer).trim();
  tokens.splice(at, 1);
  return { title, html: marked.parser(tokens) };
}
