import type { SupportStatus } from '../../api/contracts.js';
import { Badge, type BadgeTone } from '../../components/ui/badge.js';
import { useTranslation } from '../../i18n/react.js';

const tones: Record<SupportStatus, BadgeTone> = { open: 'info', answered: 'success', closed: 'neutral' };

/** waiting for us · answered · closed */
export function SupportStatusBadge({ status }: { status: SupportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge tone={tones[status]} dot data-testid="support-status" data-status={status}>
      {t(`support.status.${status}`)}
    </Badge>
  );
}
