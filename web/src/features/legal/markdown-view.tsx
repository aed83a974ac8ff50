import { Fragment, type ReactNode, useMemo } from 'react';
import { Link } from 'react-router';
import { type Block, type Inline, parseMarkdown, plainText } from './markdown.js';

/** Renders parsed Markdown as React elements (text is always escaped by React; never raw HTML). */

const linkClass =
  'font-medium text-violet-700 underline decoration-violet-300 underline-offset-2 hover:decoration-violet-500 dark:text-violet-300 dark:decoration-violet-400/40';

function renderInline(nodes: Inline[]): ReactNode {
  return nodes.map((n, i) => {
    // Inline runs have no identity; their order in a static document is fixed.
    const key = i;
    switch (n.type) {
      case 'text':
        return <Fragment key={key}>{n.text}</Fragment>;
      case 'code':
        return (
          <code key={key} className="rounded-md bg-zinc-900/[0.06] px-1.5 py-0.5 font-mono text-[0.85em] dark:bg-white/10">
            {n.text}
          </code>
        );
      case 'strong':
        return (
          <strong key={key} className="font-semibold text-zinc-900 dark:text-white">
            {renderInline(n.children)}
          </strong>
        );
      case 'em':
        return <em key={key}>{renderInline(n.children)}</em>;
      case 'link':
        return n.href.startsWith('/') ? (
          <Link key={key} to={n.href} className={linkClass}>
            {renderInline(n.children)}
          </Link>
        ) : (
          <a
            key={key}
            href={n.href}
            className={linkClass}
            rel="noopener noreferrer"
            target={n.href.startsWith('http') ? '_blank' : undefined}
          >
            {renderInline(n.children)}
          </a>
        );
      default: {
        const never: never = n;
        return never;
      }
    }
  });
}

const headingClass = {
  1: 'text-3xl font-bold tracking-tight',
  2: 'mt-10 text-xl font-semibold tracking-tight text-zinc-900 dark:text-white',
  3: 'mt-8 text-lg font-semibold',
  4: 'mt-6 font-semibold',
} as const;

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.type) {
    case 'heading': {
      const Tag = `h${block.level}` as const;
      return (
        <Tag key={key} className={headingClass[block.level]}>
          {renderInline(block.children)}
        </Tag>
      );
    }
    case 'paragraph':
      return (
        <p key={key} className="mt-4 leading-7">
          {renderInline(block.children)}
        </p>
      );
    case 'list': {
      const Tag = block.ordered ? 'ol' : 'ul';
      return (
        <Tag key={key} className={`mt-4 space-y-2.5 pl-5 leading-7 marker:text-sakura-400 ${block.ordered ? 'list-decimal' : 'list-disc'}`}>
          {block.items.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: list items of a static document
            <li key={i} className="pl-1">
              {renderInline(item)}
            </li>
          ))}
        </Tag>
      );
    }
    case 'table':
      return <MarkdownTable key={key} head={block.head} rows={block.rows} />;
    case 'rule':
      return <hr key={key} className="my-8 border-zinc-900/10 dark:border-white/10" />;
    default: {
      const never: never = block;
      return never;
    }
  }
}

/** A table on wider screens; on phones each row becomes a small card of "column: value" pairs. */
function MarkdownTable({ head, rows }: { head: Inline[][]; rows: Inline[][][] }) {
  return (
    <>
      <ul className="mt-5 space-y-3 sm:hidden">
        {rows.map((row, r) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows of a static table
          <li key={r} className="rounded-xl p-4 ring-1 ring-zinc-900/10 dark:ring-white/10">
            <dl className="space-y-2 text-sm">
              {row.map((cell, c) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells of a static table
                <div key={c}>
                  <dt className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
                    {renderInline(head[c] ?? [])}
                  </dt>
                  <dd className="mt-0.5 leading-6">{renderInline(cell)}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
      <WideTable head={head} rows={rows} />
    </>
  );
}

function WideTable({ head, rows }: { head: Inline[][]; rows: Inline[][][] }) {
  return (
    <div className="mt-5 hidden overflow-x-auto rounded-xl ring-1 ring-zinc-900/10 sm:block dark:ring-white/10">
      <table className="w-full text-left text-sm">
        <thead className="bg-zinc-50 text-xs tracking-wide text-zinc-500 uppercase dark:bg-white/[0.03] dark:text-zinc-400">
          <tr>
            {head.map((cell, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns of a static table
              <th key={i} scope="col" className="px-4 py-2.5 font-semibold">
                {renderInline(cell)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-900/5 dark:divide-white/5">
          {rows.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows of a static table
            <tr key={r} className="align-top">
              {row.map((cell, c) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells of a static table
                <td key={c} className="px-4 py-3 leading-6">
                  {renderInline(cell)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Markdown source → blocks → elements. `skipTitle` leaves out the first H1 when the page shows it itself. */
export function MarkdownView({ source, skipTitle }: { source: string; skipTitle?: boolean }) {
  const blocks = useMemo(() => {
    const all = parseMarkdown(source);
    return skipTitle && all[0]?.type === 'heading' && all[0].level === 1 ? all.slice(1) : all;
  }, [source, skipTitle]);
  return <div className="text-[15px] text-zinc-700 dark:text-zinc-300">{blocks.map(renderBlock)}</div>;
}

/** The first H1's text, used as the page title. */
export function markdownTitle(source: string): string | undefined {
  const first = parseMarkdown(source).find((b) => b.type === 'heading' && b.level === 1);
  return first?.type === 'heading' ? plainText(first.children) : undefined;
}
