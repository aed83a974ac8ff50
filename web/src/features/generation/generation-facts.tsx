import type { ReactNode } from 'react';
import type { Generation } from '../../api/contracts.js';
import { useTranslation } from '../../i18n/react.js';
import { formatDateTime } from '../../lib/format.js';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="flex justify-between gap-4 py-2.5 text-sm">
      <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="text-right font-medium tabular-nums" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** The receipt: model, shape, size, what it cost, any refund, and when. */
export function GenerationFacts({ generation: g, selected }: { generation: Generation; selected: number }) {
  const { t, i18n } = useTranslation();
  const image = g.images[selected] ?? g.images[0];
  return (
    <dl className="divide-y divide-zinc-900/5 dark:divide-white/5">
      <Fact label={t('generation.model')} testId="detail-model">
        {g.modelName}
      </Fact>
      {g.tool !== 'text' && (
        <Fact label={t('tools.facts.tool')} testId="detail-tool">
          {t(`tools.names.${g.tool}`)}
          {g.factor !== null && ` ×${g.factor}`}
        </Fact>
      )}
      {g.parentImageId && (
        <Fact label={t('tools.facts.source')}>
          {/* The parent generation's id is not in the API, so this opens the source image itself. */}
          <a href={`/api/files/images/${g.parentImageId}/original`} target="_blank" rel="noreferrer" className="inline-block">
            <img
              src={`/api/files/images/${g.parentImageId}/thumbnail`}
              alt={t('tools.facts.sourceAlt')}
              className="ml-auto size-12 rounded-md object-cover ring-1 ring-zinc-900/10 dark:ring-white/10"
              loading="lazy"
              data-testid="detail-source"
            />
          </a>
        </Fact>
      )}
      <Fact label={t('generation.aspectRatio')}>{g.aspectRatio}</Fact>
      {image && (
        <Fact label={t('generation.size')} testId="detail-size">
          {image.width} × {image.height}
        </Fact>
      )}
      <Fact label={t('generation.images')}>{g.count}</Fact>
      <Fact label={t('generation.cost')} testId="detail-cost">
        {t('common.credits', { count: g.cost, formatted: String(g.cost) })}
      </Fact>
      {g.refunded > 0 && (
        <Fact label={t('generation.refundedLabel')}>
          <span className="text-emerald-600 dark:text-emerald-400">
            +{t('common.credits', { count: g.refunded, formatted: String(g.refunded) })}
          </span>
        </Fact>
      )}
      <Fact label={t('generation.seed')} testId="detail-seed">
        {g.seed ?? <span className="font-normal text-zinc-500 dark:text-zinc-400">{t('generation.noSeed')}</span>}
      </Fact>
      {g.steps !== null && <Fact label={t('generation.steps')}>{g.steps}</Fact>}
      {g.guidance !== null && <Fact label={t('generation.guidance')}>{g.guidance}</Fact>}
      {g.strength !== null && <Fact label={t('generation.strength')}>{g.strength}</Fact>}
      {g.sampler !== null && <Fact label={t('generation.sampler')}>{g.sampler}</Fact>}
      <Fact label={t('generation.created')}>
        <time dateTime={g.createdAt}>{formatDateTime(g.createdAt, i18n.language)}</time>
      </Fact>
      <Fact label={t('generation.completed')}>
        {g.completedAt ? <time dateTime={g.completedAt}>{formatDateTime(g.completedAt, i18n.language)}</time> : '—'}
      </Fact>
    </dl>
  );
}
