import { useState } from 'react';
import { Button } from '../../components/ui/button.js';
import { useTranslation } from '../../i18n/react.js';
import { rollPrompt } from './dice.js';

/** Also drawn, disabled, in the form's frame (form-frame.tsx). */
export const DiceIcon = () => (
  <svg viewBox="0 0 24 24" width={16} height={16} fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden="true">
    <rect x="3.5" y="3.5" width="17" height="17" rx="3.5" />
    <circle cx="8.5" cy="8.5" r="1.2" fill="currentColor" />
    <circle cx="15.5" cy="15.5" r="1.2" fill="currentColor" />
    <circle cx="12" cy="12" r="1.2" fill="currentColor" />
  </svg>
);

/**
 * Rolls a random prompt for the model's family into the prompt field;
 * Undo puts back what was there before the first roll of a run of rolls.
 */
export function DiceButton({ prompt, family, onChange }: { prompt: string; family: string; onChange: (prompt: string) => void }) {
  const { t } = useTranslation();
  const [before, setBefore] = useState<{ prompt: string; rolled: string } | null>(null);
  // Undo stays offered only while the prompt is still the one rolled.
  const canUndo = before !== null && before.rolled === prompt;
  return (
    <span className="flex items-center gap-1">
      <Button
        size="sm"
        variant="ghost"
        icon={<DiceIcon />}
        onClick={() => {
          const rolled = rollPrompt(family);
          setBefore({ prompt: canUndo ? before.prompt : prompt, rolled });
          onChange(rolled);
        }}
        data-testid="dice"
      >
        {t('create.dice.roll')}
      </Button>
      {canUndo && (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            onChange(before.prompt);
            setBefore(null);
          }}
          data-testid="dice-undo"
        >
          {t('create.dice.undo')}
        </Button>
      )}
    </span>
  );
}
