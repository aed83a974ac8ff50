import { useNavigate } from 'react-router';
import type { Generation } from '../../api/contracts.js';
import { errorMessageKey } from '../../api/errors.js';
import { Button } from '../../components/ui/button.js';
import { DiceIcon, SparklesIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { toast } from '../../lib/toast.js';
import { repeatBody } from '../create/request-body.js';
import { useModels } from '../create/use-models.js';
import { useSubmitGeneration } from '../create/use-submit-generation.js';
import { useMe } from '../session/use-session.js';

/**
 * Re-roll (the same batch again with new seeds) and Variations (a full set
 * from these settings, each with its own seed). Both charge like Create and
 * say what they cost; the new generation opens at once.
 */
export function RepeatActions({ generation: g }: { generation: Generation }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const models = useModels();
  const submit = useSubmitGeneration();
  const balance = useMe().data?.credits ?? 0;
  const model = models.data?.models.find((m) => m.id === g.model);
  const maxCount = models.data?.maxCount ?? 4;
  if (!models.data) return null;

  const cost = (count: number) => (model?.cost ?? 0) * count;
  const credits = (count: number) => t('common.credits', { count: cost(count), formatted: String(cost(count)) });
  // Said before clicking, as Create does: never a refusal after the click.
  const why = (count: number) => (!model ? t('generation.modelGone') : cost(count) > balance ? t('generation.notEnough') : undefined);
  const repeat = (count: number) =>
    submit.mutate(repeatBody(g, count), {
      onSuccess: async (created) => {
        toast.success(t('generation.repeatQueued'));
        await navigate(`/g/${encodeURIComponent(created.id)}`);
      },
      onError: (err) => toast.error(t(errorMessageKey(err))),
    });
  return (
    <>
      <Button
        variant="secondary"
        icon={<DiceIcon size={18} />}
        onClick={() => repeat(g.count)}
        disabled={why(g.count) !== undefined || submit.isPending}
        title={why(g.count) ?? t('generation.rerollHint', { cost: credits(g.count) })}
        data-testid="reroll"
      >
        {t('generation.reroll')}
      </Button>
      <Button
        variant="secondary"
        icon={<SparklesIcon size={18} />}
        onClick={() => repeat(maxCount)}
        disabled={why(maxCount) !== undefined || submit.isPending}
        title={why(maxCount) ?? t('generation.variationsHint', { count: maxCount, cost: credits(maxCount) })}
        data-testid="variations"
      >
        {t('generation.variations')}
      </Button>
      {model && (
        <p className="col-span-2 -mt-1 text-center text-xs text-zinc-500 dark:text-zinc-400" data-testid="repeat-costs">
          {t('generation.repeatCosts', { reroll: credits(g.count), variations: credits(maxCount), count: maxCount })}
        </p>
      )}
    </>
  );
}
