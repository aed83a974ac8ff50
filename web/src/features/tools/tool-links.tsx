import { Link } from 'react-router';
import { useTranslation } from '../../i18n/react.js';
import { useModels } from '../create/use-models.js';
import { offeredTools } from './tool-offers.js';

/** "Work on this image": each tool on offer, as a link to the Tools screen with this image as its source. */
export function ToolLinks({ imageId }: { imageId: string }) {
  const { t } = useTranslation();
  const { data } = useModels();
  const tools = offeredTools(data?.models ?? []);
  if (tools.length === 0) return null;
  return (
    <section aria-labelledby="tool-links-heading" data-testid="tool-links">
      <h2 id="tool-links-heading" className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        {t('tools.workOn')}
      </h2>
      <ul className="mt-2 flex flex-wrap gap-1.5">
        {tools.map((tool) => (
          <li key={tool}>
            <Link
              to={`/tools?image=${encodeURIComponent(imageId)}&tool=${tool}`}
              className="inline-block rounded-lg px-2.5 py-1 text-sm font-medium text-violet-700 ring-1 ring-violet-200 hover:bg-violet-50 dark:text-violet-300 dark:ring-violet-400/30 dark:hover:bg-violet-500/10"
              data-tool={tool}
            >
              {t(`tools.names.${tool}`)}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
