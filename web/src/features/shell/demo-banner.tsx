import { SparklesIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { useMeta } from '../session/use-session.js';
import { prerenderedDemo } from './prerendered-facts.js';

/** Says plainly that images are placeholders while the server runs without a provider key. */
export function DemoBanner() {
  const { t } = useTranslation();
  const { data: meta } = useMeta();
  if (!(meta?.demo ?? prerenderedDemo())) return null;
  return (
    <div
      data-testid="demo-banner"
      role="note"
      className="border-b border-violet-200/60 bg-gradient-to-r from-sakura-50 via-violet-50 to-sakura-50 text-violet-900 dark:border-white/5 dark:from-sakura-500/10 dark:via-violet-500/10 dark:to-sakura-500/10 dark:text-violet-100"
    >
      <div className="mx-auto flex max-w-6xl items-center justify-center gap-2 px-4 py-2 text-center text-xs sm:text-sm">
        <SparklesIcon size={16} className="shrink-0 text-sakura-500" />
        <p>
          <strong className="font-semibold">{t('demo.title')}</strong> {t('demo.body')}
        </p>
      </div>
    </div>
  );
}
