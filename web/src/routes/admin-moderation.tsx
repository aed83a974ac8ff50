import { useState } from 'react';
import type { ModerationStatus } from '../api/admin.js';
import type { ModerationCase } from '../api/contracts.js';
import { EmptyState } from '../components/ui/empty-state.js';
import { CheckIcon, ShieldIcon } from '../components/ui/icons.js';
import { PageHeader } from '../components/ui/page-header.js';
import { Section } from '../components/ui/section.js';
import { Segmented } from '../components/ui/segmented.js';
import { Skeleton } from '../components/ui/skeleton.js';
import { Denylist } from '../features/admin/denylist.js';
import { ModerationCaseItem } from '../features/admin/moderation-case.js';
import { PromptTester } from '../features/admin/prompt-tester.js';
import { ReasonDialog } from '../features/admin/reason-dialog.js';
import { ConsoleLoadError } from '../features/admin/two-factor-required.js';
import { useDecideCase, useModerationCases } from '../features/admin/use-console.js';
import { useOperator } from '../features/admin/use-operator.js';
import { useTranslation } from '../i18n/react.js';
import { toast } from '../lib/toast.js';
import { useDocumentTitle } from '../lib/use-document-title.js';
import NotFoundRoute from './not-found.js';

const statuses: (ModerationStatus | null)[] = ['open', 'upheld', 'dismissed', null];

/** /admin/moderation – the queue (release or remove, with a reason), the denylist and the prompt tester. */
export default function AdminModerationRoute() {
  const { t } = useTranslation();
  const { allowed } = useOperator('moderation');
  const [status, setStatus] = useState<ModerationStatus | null>('open');
  const [deciding, setDeciding] = useState<{ item: ModerationCase; decision: 'release' | 'remove' } | null>(null);
  const { data, isPending, error, refetch } = useModerationCases(status);
  const decide = useDecideCase();
  useDocumentTitle(t('console.moderation.title'));
  if (!allowed) return <NotFoundRoute />;

  return (
    <div className="space-y-8">
      <div>
        <PageHeader title={t('console.moderation.title')} description={t('console.moderation.subtitle')} />
        <Segmented
          legend={t('console.moderation.filter')}
          value={status}
          onChange={setStatus}
          options={statuses.map((s) => ({ value: s, label: s ? t(`console.moderation.status.${s}`) : t('admin.all') }))}
        />
        {/* As tall as the empty queue, so the denylist below does not move when the queue arrives. */}
        <div className="min-h-72">
          {isPending ? (
            <Skeleton className="h-72" />
          ) : error ? (
            <ConsoleLoadError error={error} onRetry={refetch} />
          ) : data.cases.length === 0 ? (
            <EmptyState
              icon={<CheckIcon size={26} />}
              title={t('console.moderation.emptyTitle')}
              description={t('console.moderation.emptyBody')}
            />
          ) : (
            <ul className="space-y-3" data-testid="moderation-cases">
              {data.cases.map((c) => (
                <li key={c.id}>
                  <ModerationCaseItem item={c} onDecide={(decision) => setDeciding({ item: c, decision })} />
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>

      <Section icon={<ShieldIcon size={18} />} title={t('console.denylist.title')} description={t('console.denylist.subtitle')}>
        <Denylist />
      </Section>

      <Section title={t('console.tester.title')} description={t('console.tester.subtitle')}>
        <PromptTester />
      </Section>

      {deciding && (
        <ReasonDialog
          title={t(`console.moderation.${deciding.decision}Title`)}
          description={t(`console.moderation.${deciding.decision}Body`)}
          confirmLabel={t(`console.moderation.${deciding.decision}`)}
          tone={deciding.decision === 'remove' ? 'danger' : 'primary'}
          busy={decide.isPending}
          error={decide.error}
          testId={`dialog-${deciding.decision}`}
          onClose={() => {
            setDeciding(null);
            decide.reset();
          }}
          onConfirm={(reason) =>
            decide.mutate(
              { id: deciding.item.id, decision: deciding.decision, reason },
              {
                onSuccess: () => {
                  toast.success(t(`console.moderation.${deciding.decision}Done`));
                  setDeciding(null);
                },
              },
            )
          }
        />
      )}
    </div>
  );
}
