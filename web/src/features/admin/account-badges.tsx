import type { AdminUserRow } from '../../api/contracts.js';
import { Badge } from '../../components/ui/badge.js';
import { useTranslation } from '../../i18n/react.js';

/** An account's state at a glance: operator role, suspended, e-mail not verified. */
export function AccountBadges({ user }: { user: AdminUserRow }) {
  const { t } = useTranslation();
  return (
    <span className="inline-flex flex-wrap gap-1.5">
      {user.role !== 'user' && <Badge tone="progress">{t(`console.roles.${user.role}`)}</Badge>}
      {user.suspendedAt && (
        <Badge tone="danger" dot data-testid="badge-suspended">
          {t('console.user.suspended')}
        </Badge>
      )}
      {!user.emailVerified && <Badge tone="neutral">{t('console.user.unverified')}</Badge>}
    </span>
  );
}
