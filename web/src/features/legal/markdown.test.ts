import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, plainText, safeHref } from './markdown.js';

describe('the legal pages Markdown reader', () => {
  it('reads headings, paragraphs joined across lines, and rules', () => {
    const blocks = parseMarkdown('---\nversion: 1.0.0\n---\n# Title\n\nOne line\nand the next.\n\n---\n\n## Part two\n');
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'rule', 'heading']);
    expect(blocks[0]).toMatchObject({ level: 1 });
    expect(blocks[1]?.type === 'paragraph' && plainText(blocks[1].children)).toBe('One line and the next.');
  });

  it('reads lists with continuation lines', () => {
    const [list] = parseMarkdown('- **Credits:** each one\n  costs what it says.\n- Second\n');
    expect(list?.type).toBe('list');
    if (list?.type !== 'list') return;
    expect(list.items.map(plainText)).toEqual(['Credits: each one costs what it says.', 'Second']);
    expect(list.items[0]?.[0]).toMatchObject({ type: 'strong' });
    expect(parseMarkdown('1. a\n2. b')[0]).toMatchObject({ type: 'list', ordered: true });
  });

  it('reads tables with inline code in cells', () => {
    const [table] = parseMarkdown('| name | why |\n|---|---|\n| `animegen.theme` | your theme |\n| a \\| b | c |');
    expect(table?.type).toBe('table');
    if (table?.type !== 'table') return;
    expect(table.head.map(plainText)).toEqual(['name', 'why']);
    expect(table.rows[0]?.[0]).toEqual([{ type: 'code', text: 'animegen.theme' }]);
    expect(table.rows[1]?.map(plainText)).toEqual(['a | b', 'c']);
  });

  it('reads emphasis, code and links, but not snake_case', () => {
    expect(parseInline('*a* and _b_ and `c_d` and child_account_kind')).toEqual([
      { type: 'em', children: [{ type: 'text', text: 'a' }] },
      { type: 'text', text: ' and ' },
      { type: 'em', children: [{ type: 'text', text: 'b' }] },
      { type: 'text', text: ' and ' },
      { type: 'code', text: 'c_d' },
      { type: 'text', text: ' and child_account_kind' },
    ]);
    expect(parseInline('[the form](/privacy-request)')).toEqual([
      { type: 'link', href: '/privacy-request', children: [{ type: 'text', text: 'the form' }] },
    ]);
  });

  it('keeps HTML as text and drops unsafe link targets', () => {
    expect(parseInline('<script>alert(1)</script>')).toEqual([{ type: 'text', text: '<script>alert(1)</script>' }]);
    expect(parseInline('[click](javascript:alert(1))')).toEqual([
      { type: 'text', text: 'click' },
      { type: 'text', text: ')' },
    ]);
    expect(safeHref('//evil.example')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(safeHref('mailto:privacy@example.test')).toBe('mailto:privacy@example.test');
  });
});
