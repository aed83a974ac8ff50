import { Link } from 'react-router';
import { MailIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { useMeta } from '../session/use-session.js';

/** In development, a shortcut to the dev mailbox where e-mails land. */
export function DevMailLink() {
  const { t } = useTranslation();
  const { data: meta } = useMeta();
  if (!meta?.devMail) return null;
  return (
    <Link
      to="/dev/mail"
      data-testid="dev-mail-link"
      className="inline-flex items-center gap-1.5 text-sm font-semibold text-violet-600 hover:underline dark:text-violet-400"
    >
      <MailIcon size={16} />
      {t('devMail.open')}
    </Link>
  );
}
