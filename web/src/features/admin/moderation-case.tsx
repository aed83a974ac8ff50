import { Link } from 'react-router';
import type { ModerationCase } from '../../api/contracts.js';
import { Badge, type BadgeTone } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { useTranslation } from '../../i18n/react.js';
import { formatDateTime } from '../../lib/format.js';

const statusTones: Record<ModerationCase['status'], BadgeTone> = { open: 'progress', dismissed: 'neutral', upheld: 'danger' };

/**
 * One case in the moderation queue: what was held or refused, its context, and
 * (while open) release or remove. Each kind of case draws its own evidence.
 */
export function ModerationCaseItem({ item, onDecide }: { item: ModerationCase; onDecide: (decision: 'release' | 'remove') => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Card className="p-4 sm:p-5" data-testid="moderation-case" data-id={item.id} data-status={item.status}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="danger">{t(`console.moderation.category.${item.category}`)}</Badge>
        <Badge tone={statusTones[item.status]}>{t(`console.moderation.status.${item.status}`)}</Badge>
        <span className="text-xs text-zinc-500 dark:text-zinc-400">
          {t(`console.moderation.kind.${item.kind}`)} · {formatDateTime(item.createdAt, i18n.language)}
        </span>
        <Link
          to={`/admin/users/${encodeURIComponent(item.userId)}`}
          className="ml-auto text-sm font-medium text-violet-700 hover:underline dark:text-violet-300"
        >
          {t('console.moderation.openAccount')}
        </Link>
      </div>
      <div className="mt-3">
        <CaseEvidence item={item} />
      </div>
      {item.status === 'open' && (
        <div className="mt-4 flex flex-wrap gap-2">
          <Button size="sm" variant="secondary" onClick={() => onDecide('release')} data-testid="case-release">
            {t('console.moderation.release')}
          </Button>
          <Button size="sm" variant="danger" onClick={() => onDecide('remove')} data-testid="case-remove">
            {t('console.moderation.remove')}
          </Button>
        </div>
      )}
    </Card>
  );
}

/** The evidence per kind of case; a new kind (held images) adds its case here. */
function CaseEvidence({ item }: { item: ModerationCase }) {
  switch (item.kind) {
    case 'prompt':
      return <PromptEvidence item={item} />;
    case 'image':
    case 'report':
      return <ImageEvidence item={item} />;
    default: {
      const unknown: never = item.kind;
      return <p className="text-sm">{String(unknown)}</p>;
    }
  }
}

/**
 * A held or reported image: what it was made from, the check's scores, the
 * owner's note and the ids to find it by. The image itself is shown once the
 * server offers operators an audited view of it.
 */
function ImageEvidence({ item }: { item: ModerationCase }) {
  const { t } = useTranslation();
  const scores = Object.entries(item.scores ?? {}).sort(([, a], [, b]) => b - a);
  return (
    <div className="space-y-2 text-sm">
      {item.note && (
        <p className="rounded-lg bg-amber-50 p-2.5 break-words whitespace-pre-wrap text-amber-900 dark:bg-amber-400/10 dark:text-amber-100">
          <span className="font-semibold">{t('console.moderation.note')}</span> {item.note}
        </p>
      )}
      <PromptEvidence item={item} />
      {scores.length > 0 && (
        <div className="text-xs">
          <p className="font-semibold text-zinc-500 dark:text-zinc-400">{t('console.moderation.scores')}</p>
          <ul className="mt-1 flex flex-wrap gap-1.5">
            {scores.map(([label, score]) => (
              <li key={label} className="rounded-full bg-zinc-900/[0.05] px-2 py-0.5 font-mono dark:bg-white/10">
                {label} {score.toFixed(2)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <dl className="grid gap-x-3 gap-y-0.5 text-xs sm:grid-cols-[auto_minmax(0,1fr)]">
        {(
          [
            ['console.moderation.imageId', item.imageId],
            ['console.moderation.generationId', item.generationId],
            ['console.moderation.evidence', item.evidenceSha256],
          ] as const
        ).map(([key, value]) =>
          value ? (
            <div key={key} className="contents">
              <dt className="font-semibold text-zinc-500 dark:text-zinc-400">{t(key)}</dt>
              <dd className="font-mono break-all">{value}</dd>
            </div>
          ) : null,
        )}
      </dl>
    </div>
  );
}

function PromptEvidence({ item }: { item: ModerationCase }) {
  const { t } = useTranslation();
  return (
    <dl className="space-y-2 text-sm">
      <div>
        <dt className="text-xs font-semibold text-zinc-500 dark:text-zinc-400">{t('console.moderation.prompt')}</dt>
        <dd className="mt-0.5 max-h-40 overflow-y-auto rounded-lg bg-zinc-900/[0.04] p-2.5 break-words whitespace-pre-wrap dark:bg-white/5">
          {item.prompt}
        </dd>
      </div>
      {item.negativePrompt && (
        <div>
          <dt className="text-xs font-semibold text-zinc-500 dark:text-zinc-400">{t('console.moderation.negativePrompt')}</dt>
          <dd className="mt-0.5 max-h-24 overflow-y-auto rounded-lg bg-zinc-900/[0.04] p-2.5 break-words whitespace-pre-wrap dark:bg-white/5">
            {item.negativePrompt}
          </dd>
        </div>
      )}
      <div className="flex gap-2 text-xs">
        <dt className="font-semibold text-zinc-500 dark:text-zinc-400">{t('console.moderation.model')}</dt>
        <dd className="font-mono">{item.model}</dd>
      </div>
    </dl>
  );
}
