import { Link } from 'react-router';
import type { LegalDocument } from '../../api/contracts.js';
import { buttonClass } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { MailIcon, MessageIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';

/** The privacy page's facts from this server's configuration: processors, regions and the contact. */
export function LiveConfiguration({ doc }: { doc: LegalDocument }) {
  const { t } = useTranslation();
  const processors = doc.processors ?? [];
  const regions = doc.regions ?? [];
  return (
    <div className="mt-6 space-y-6">
      <Card className="p-6 sm:p-10" data-testid="processors">
        <h2 className="text-xl font-semibold tracking-tight">{t('legal.processorsTitle')}</h2>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{t('legal.processorsHint')}</p>
        {processors.length === 0 ? (
          <p className="mt-4 text-sm">{t('legal.noProcessors')}</p>
        ) : (
          <ul className="mt-5 divide-y divide-zinc-900/5 rounded-xl ring-1 ring-zinc-900/10 dark:divide-white/5 dark:ring-white/10">
            {processors.map((p) => (
              <li
                key={`${p.name}-${p.purpose}`}
                data-testid="processor"
                className="flex flex-col gap-2 px-4 py-3.5 sm:flex-row sm:items-start sm:gap-4"
              >
                <div className="min-w-0 flex-1">
                  <p className="text-sm font-semibold">{p.name}</p>
                  <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-300">{p.purpose}</p>
                </div>
                <p className="shrink-0 text-xs text-zinc-500 sm:max-w-[40%] sm:pt-0.5 sm:text-right dark:text-zinc-400">
                  <span className="sr-only">{t('legal.region')}: </span>
                  {p.region}
                </p>
              </li>
            ))}
          </ul>
        )}
        {regions.length > 0 && (
          <div className="mt-5">
            <h3 className="text-sm font-semibold">{t('legal.regionsTitle')}</h3>
            <ul className="mt-2 flex flex-wrap gap-2" data-testid="regions">
              {regions.map((r) => (
                <li
                  key={r}
                  className="rounded-full bg-violet-50 px-3 py-1 text-xs font-semibold text-violet-700 ring-1 ring-violet-200 ring-inset dark:bg-violet-400/10 dark:text-violet-200 dark:ring-violet-400/20"
                >
                  {r}
                </li>
              ))}
            </ul>
          </div>
        )}
      </Card>

      <Card className="flex flex-col gap-4 p-6 sm:flex-row sm:items-center sm:p-10" data-testid="privacy-contact">
        <span className="grid size-11 shrink-0 place-items-center rounded-xl bg-accent-gradient text-white shadow-lg shadow-sakura-500/20">
          <MailIcon size={22} />
        </span>
        <div className="min-w-0 flex-1">
          <h2 className="font-semibold">{t('legal.contactTitle')}</h2>
          <p className="mt-0.5 text-sm text-zinc-500 dark:text-zinc-400">{t('legal.contactHint')}</p>
          {doc.contact && (
            <a
              href={`mailto:${doc.contact}`}
              className="mt-1 inline-block font-semibold break-all text-violet-700 hover:underline dark:text-violet-300"
            >
              {doc.contact}
            </a>
          )}
        </div>
        <Link to="/privacy-request" className={buttonClass('secondary')}>
          <MessageIcon size={18} />
          {t('legal.requestCta')}
        </Link>
      </Card>
    </div>
  );
}
