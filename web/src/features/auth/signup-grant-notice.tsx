import type { Me } from '../../api/contracts.js';
import { Notice } from '../../components/ui/notice.js';
import { useTranslation } from '../../i18n/react.js';

type Withheld = Exclude<NonNullable<Me['signupGrant']>, 'granted' | 'pending'>;

const reasonKeys = {
  disposable_address: 'signupGrant.disposableAddress',
  address_already_granted: 'signupGrant.addressAlreadyGranted',
  network_limit: 'signupGrant.networkLimit',
} as const satisfies Record<Withheld, string>;

/** Says plainly that no free credits were added, and why; nothing when they were (or are still to come). */
export function SignupGrantNotice({ outcome, className }: { outcome: Me['signupGrant'] | undefined; className?: string }) {
  const { t } = useTranslation();
  if (!outcome || outcome === 'granted' || outcome === 'pending') return null;
  return (
    <Notice tone="info" title={t('signupGrant.withheldTitle')} className={className} data-testid="signup-grant-withheld">
      {t(reasonKeys[outcome])} {t('signupGrant.buyInstead')}
    </Notice>
  );
}
