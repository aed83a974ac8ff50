import type { DevMail } from '../../api/contracts.js';
import { Card } from '../../components/ui/card.js';
import { useTranslation } from '../../i18n/react.js';
import { formatRelative } from '../../lib/format.js';

/** One message in the dev mailbox, with its links as buttons. */
export function MailCard({ mail }: { mail: DevMail }) {
  const { t, i18n } = useTranslation();
  return (
    <Card className="p-5" data-testid="dev-mail-message">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="font-semibold">{mail.subject}</h2>
        <time dateTime={mail.sentAt} className="text-xs text-zinc-500 dark:text-zinc-400">
          {formatRelative(mail.sentAt, i18n.language)}
        </time>
      </div>
      <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
        {t('devMail.to')} <span data-testid="dev-mail-to">{mail.to}</span>
      </p>
      <pre className="mt-3 max-h-48 overflow-auto rounded-xl bg-zinc-50 p-3 font-sans text-sm break-all whitespace-pre-wrap text-zinc-700 dark:bg-white/[0.03] dark:text-zinc-300">
        {mail.text}
      </pre>
      {mail.links.length > 0 && (
        <ul className="mt-3 space-y-1.5">
          {mail.links.map((link) => (
            <li key={link}>
              <a
                href={link}
                data-testid="dev-mail-url"
                className="block truncate rounded-lg bg-violet-50 px-3 py-2 font-mono text-xs text-violet-700 hover:bg-violet-100 dark:bg-violet-400/10 dark:text-violet-300 dark:hover:bg-violet-400/20"
              >
                {link}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
