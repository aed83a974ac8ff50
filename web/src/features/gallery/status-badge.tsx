import type { GenerationStatus } from '../../api/contracts.js';
import { Badge, type BadgeTone } from '../../components/ui/badge.js';
import { useTranslation } from '../../i18n/react.js';

const tone: Record<GenerationStatus, BadgeTone> = {
  queued: 'info',
  running: 'progress',
  succeeded: 'success',
  failed: 'danger',
  canceled: 'neutral',
};

/** queued · running · done · failed · canceled, with a pulsing dot while in progress. */
export function StatusBadge({ status, className, solid }: { status: GenerationStatus; className?: string; solid?: boolean }) {
  const { t } = useTranslation();
  const active = status === 'queued' || status === 'running';
  return (
    <Badge tone={tone[status]} dot pulse={active} solid={solid} className={className} data-testid="status-badge" data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}
