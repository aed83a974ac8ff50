import { PageHeader } from '../components/ui/page-header.js';
import { Skeleton } from '../components/ui/skeleton.js';
import { may } from '../features/admin/permissions.js';
import { StatCard } from '../features/admin/stat-card.js';
import { ConsoleLoadError } from '../features/admin/two-factor-required.js';
import { useAdminStats } from '../features/admin/use-console.js';
import { useOperator } from '../features/admin/use-operator.js';
import { useTranslation } from '../i18n/react.js';
import { formatNumber } from '../lib/format.js';
import { useDocumentTitle } from '../lib/use-document-title.js';
import NotFoundRoute from './not-found.js';

/** Disputes above this share of paid purchases put the payment account at risk (card networks' threshold). */
const DISPUTE_ALERT = 0.005;

/** /admin – the dashboard: the last 24 hours and 30 days at a glance, and what waits for an operator. */
export default function AdminDashboardRoute() {
  const { t, i18n } = useTranslation();
  const { me, allowed } = useOperator('stats');
  const { data: s, isPending, error, refetch } = useAdminStats();
  useDocumentTitle(t('console.dashboard.title'));
  if (!allowed || !me) return <NotFoundRoute />;
  const n = (v: number) => formatNumber(v, i18n.language);
  const month = (v: number) => t('console.dashboard.month', { count: v, value: n(v) });
  const percent = (v: number) => new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 2 }).format(v);

  return (
    <div>
      <PageHeader title={t('console.dashboard.title')} description={t('console.dashboard.subtitle')} />
      {isPending ? (
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-4">
          {['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((k) => (
            <Skeleton key={k} className="h-28" />
          ))}
        </div>
      ) : error ? (
        <ConsoleLoadError error={error} onRetry={refetch} />
      ) : (
        <div className="space-y-8">
          <section aria-labelledby="dashboard-activity">
            <h2 id="dashboard-activity" className="mb-3 text-sm font-semibold text-zinc-600 dark:text-zinc-300">
              {t('console.dashboard.activity')}
            </h2>
            <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-4">
              <StatCard
                testId="stat-sign-ups"
                label={t('console.dashboard.signUps')}
                value={n(s.signUps.day)}
                detail={month(s.signUps.month)}
              />
              <StatCard
                testId="stat-generations"
                label={t('console.dashboard.generations')}
                value={n(s.generations.day)}
                detail={month(s.generations.month)}
              />
              <StatCard
                testId="stat-failures"
                label={t('console.dashboard.failures')}
                value={n(s.generations.failedDay)}
                detail={month(s.generations.failedMonth)}
              />
              <StatCard
                testId="stat-refunds"
                label={t('console.dashboard.refunds')}
                value={n(s.refunds.day)}
                detail={t('console.dashboard.refundsMonth', {
                  count: s.refunds.month,
                  value: n(s.refunds.month),
                  credits: n(s.refunds.creditsMonth),
                })}
              />
              <StatCard
                testId="stat-purchases"
                label={t('console.dashboard.purchases')}
                value={n(s.purchases.day)}
                detail={month(s.purchases.month)}
              />
              <StatCard
                testId="stat-queue"
                label={t('console.dashboard.queueDepth')}
                value={n(s.queueDepth)}
                detail={t('console.dashboard.queueDepthHint')}
              />
              <StatCard
                testId="stat-disputes"
                label={t('console.dashboard.disputeRate')}
                value={percent(s.disputeRate30d)}
                warn={s.disputeRate30d >= DISPUTE_ALERT}
                detail={t('console.dashboard.disputeRateHint', { limit: percent(DISPUTE_ALERT) })}
              />
            </div>
          </section>
          <section aria-labelledby="dashboard-waiting">
            <h2 id="dashboard-waiting" className="mb-3 text-sm font-semibold text-zinc-600 dark:text-zinc-300">
              {t('console.dashboard.waiting')}
            </h2>
            <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-4">
              <StatCard
                testId="stat-alerts"
                label={t('console.dashboard.openAlerts')}
                value={n(s.openAlerts)}
                warn={s.openAlerts > 0}
                detail={t(may(me.role, 'alerts') ? 'console.dashboard.openAlertsHint' : 'console.dashboard.openAlertsAdmins')}
              />
              <StatCard
                testId="stat-moderation"
                label={t('console.dashboard.openModeration')}
                value={n(s.openModerationCases)}
                to={may(me.role, 'moderation') ? '/admin/moderation' : undefined}
              />
              <StatCard
                testId="stat-privacy"
                label={t('console.dashboard.openPrivacy')}
                value={n(s.openPrivacyRequests)}
                to={may(me.role, 'privacy') ? '/admin/privacy-requests' : undefined}
              />
            </div>
          </section>
        </div>
      )}
    </div>
  );
}
