import { describe, expect, it } from 'vitest';
import { renderLegalMarkdown, safeHref } from './legal-markdown.js';

const all = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]);

const sample = `# Privacy *policy*

One line
and the next, with **bold**, *italic*, _also italic_, \`code\` and child_account_kind.

## What we keep

- **Credits:** each one
  costs what it says.
- Second

1. first
2. second

### Cookies

| name | why |
|---|---|
| \`animegen.theme\` | your theme |
| a \\| b | [the form](/privacy-request) |

---

Write to [us](mailto:privacy@example.test), see [the source](https://example.test/src) or [the top](#top).
`;

describe('the legal pages Markdown', () => {
  const { title, html } = renderLegalMarkdown(sample);

  it('takes the first H1 out as a plain-text title, leaving h2 and h3 in place', () => {
    expect(title).toBe('Privacy policy');
    expect(html).not.toContain('<h1');
    expect(all(html, /<h([1-6])>/g)).toEqual(['2', '3']);
    expect(html).toContain('<h2>What we keep</h2>');
    expect(renderLegalMarkdown('No heading here.')).toEqual({ html: '<p>No heading here.</p>\n' });
  });

  it('renders paragraphs, emphasis, code, lists and rules', () => {
    expect(html).toContain(
      '<p>One line\nand the next, with <strong>bold</strong>, <em>italic</em>, <em>also italic</em>, <code>code</code> and child_account_kind.</p>',
    );
    expect(all(html, /<li>([\s\S]*?)<\/li>/g)).toEqual([
      '<strong>Credits:</strong> each one\ncosts what it says.',
      'Second',
      'first',
      'second',
    ]);
    expect(html).toMatch(/<ul>[\s\S]*<\/ul>[\s\S]*<ol>[\s\S]*<\/ol>/);
    expect(html).toContain('<hr>');
  });

  it('renders GFM tables, labelling each cell with its column for phones', () => {
    expect(all(html, /<th scope="col">(.*?)<\/th>/g)).toEqual(['name', 'why']);
    expect(all(html, /<td data-label="[^"]*">(.*?)<\/td>/g)).toEqual([
      '<code>animegen.theme</code>',
      'your theme',
      'a | b',
      '<a href="/privacy-request">the form</a>',
    ]);
    expect(all(html, /data-label="([^"]*)"/g)).toEqual(['name', 'why', 'name', 'why']);
  });

  it('keeps web, mail and same-site links, opening other sites in a new tab', () => {
    expect(all(html, /href="([^"]*)"/g)).toEqual(['/privacy-request', 'mailto:privacy@example.test', 'https://example.test/src', '#top']);
    expect(html).toContain('<a href="https://example.test/src" target="_blank" rel="noopener noreferrer">the source</a>');
  });

  it('never turns raw HTML, images or unsafe link targets into markup', () => {
    const hostile = renderLegalMarkdown(
      '<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> [click](javascript:alert(1)) [x](JavaScript:alert(1)) ' +
        '[y](//evil.example) [z](data:text/html,x) ![pic](https://tracker.example/p.png)',
    ).html;
    expect(hostile).not.toMatch(/<(script|img|a)\b/);
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile).toContain('Hi &lt;img src=x onerror=alert(1)&gt; click x y z pic');
    expect(safeHref('//evil.example')).toBeNull();
    expect(safeHref(' javascript:alert(1)')).toBeNull();
    expect(safeHref('mailto:privacy@example.test')).toBe('mailto:privacy@example.test');
  });
});
