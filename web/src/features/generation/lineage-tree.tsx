import { Link } from 'react-router';
import type { GenerationStatus, LineageAncestor, LineageDescendant } from '../../api/contracts.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { useLineage } from './use-lineage.js';

const headingClass = 'text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400';

/** One generation in the tree: its thumbnail (or a blank while it has none it may show) and its tool, linking to its page. */
function NodeLink({ node, className }: { node: LineageAncestor | LineageDescendant; className?: string }) {
  const { t } = useTranslation();
  const tool = t(`lineage.tool.${node.tool}`);
  return (
    <Link
      to={`/g/${node.generationId}`}
      data-testid="lineage-node"
      data-id={node.generationId}
      aria-label={t('lineage.open', { tool, status: t(`status.${node.status as GenerationStatus}`) })}
      className={cn(
        'inline-flex items-center gap-2 rounded-xl p-1 pr-2.5 text-xs font-medium ring-1 ring-zinc-900/10 transition hover:bg-zinc-50 dark:ring-white/10 dark:hover:bg-white/5',
        className,
      )}
    >
      {node.thumbnailUrl ? (
        <img src={node.thumbnailUrl} alt="" loading="lazy" decoding="async" className="size-10 rounded-lg object-cover" />
      ) : (
        <span className="size-10 rounded-lg bg-zinc-100 dark:bg-white/5" title={t('lineage.pending')} />
      )}
      <span>{tool}</span>
    </Link>
  );
}

function Branch({ nodes }: { nodes: LineageDescendant[] }) {
  return (
    <ul className="space-y-2">
      {nodes.map((n) => (
        <li key={n.generationId}>
          <NodeLink node={n} />
          {n.children.length > 0 && (
            <div className="mt-2 ml-5 border-l border-zinc-900/10 pl-3 dark:border-white/10">
              <Branch nodes={n.children} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * Where this generation came from (its chain of source images, root first)
 * and what was made from it, nested. Nothing at all when it has neither.
 */
export function LineageTree({ generationId }: { generationId: string }) {
  const { t } = useTranslation();
  const { data } = useLineage(generationId);
  if (!data || (data.ancestors.length === 0 && data.descendants.length === 0)) return null;
  return (
    <section className="space-y-4" data-testid="lineage" aria-label={t('lineage.title')}>
      {data.ancestors.length > 0 && (
        <div>
          <h2 className={headingClass}>{t('lineage.madeFrom')}</h2>
          <ol className="mt-2 flex flex-wrap items-center gap-2" data-testid="lineage-ancestors">
            {data.ancestors.map((a) => (
              <li key={a.generationId} className="flex items-center gap-2 after:text-zinc-400 after:content-['→'] last:after:content-none">
                <NodeLink node={a} />
              </li>
            ))}
          </ol>
        </div>
      )}
      {data.descendants.length > 0 && (
        <div data-testid="lineage-descendants">
          <h2 className={headingClass}>{t('lineage.versions')}</h2>
          <div className="mt-2">
            <Branch nodes={data.descendants} />
          </div>
        </div>
      )}
    </section>
  );
}
