import type { AdminUserImage } from '../../api/contracts.js';
import { Badge } from '../../components/ui/badge.js';
import { Section } from '../../components/ui/section.js';
import { useTranslation } from '../../i18n/react.js';
import { formatDateTime } from '../../lib/format.js';

const moderationTones = { clear: 'success', mature: 'accent', held: 'danger' } as const;

/** The account's newest images, shown after the operator gave a reason (the look is in the audit log). */
export function AccountImages({ images, onHide }: { images: AdminUserImage[]; onHide: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Section
      title={t('console.images.title')}
      description={t('console.images.subtitle')}
      actions={
        <button type="button" onClick={onHide} className="text-sm font-medium text-violet-700 hover:underline dark:text-violet-300">
          {t('console.images.hide')}
        </button>
      }
      data-testid="user-images"
    >
      {images.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{t('console.user.none')}</p>
      ) : (
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-4">
          {images.map((image) => (
            <li key={image.imageId} className="space-y-1.5" data-testid="user-image">
              {image.thumbnail ? (
                <img src={image.thumbnail} alt={image.prompt} className="aspect-square w-full rounded-xl object-cover" />
              ) : (
                <div className="grid aspect-square place-items-center rounded-xl bg-zinc-900/[0.05] text-xs text-zinc-500 dark:bg-white/10 dark:text-zinc-400">
                  {t('console.images.missing')}
                </div>
              )}
              <div className="flex items-center gap-2">
                <Badge tone={moderationTones[image.moderation as keyof typeof moderationTones] ?? 'neutral'}>
                  {t(`console.images.moderation.${image.moderation}`)}
                </Badge>
                <span className="text-xs text-zinc-500 dark:text-zinc-400">{formatDateTime(image.createdAt, i18n.language)}</span>
              </div>
              <p className="line-clamp-2 text-xs text-zinc-600 dark:text-zinc-400" title={image.prompt}>
                {image.prompt}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
