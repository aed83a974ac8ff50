import { useEffect, useState } from 'react';
import { Button } from '../../components/ui/button.js';
import { CheckIcon, CopyIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { copyToClipboard } from '../../lib/clipboard.js';

/** "Copy prompt": the button says "Copied" for a moment, and a polite live region says it to screen readers. */
export function CopyPrompt({ prompt }: { prompt: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        icon={state === 'copied' ? <CheckIcon size={16} /> : <CopyIcon size={16} />}
        data-testid="copy-prompt"
        onClick={async () => setState((await copyToClipboard(prompt)) ? 'copied' : 'failed')}
      >
        {state === 'copied' ? t('generation.copied') : t('generation.copyPrompt')}
      </Button>
      <span className="sr-only" role="status" data-testid="copy-prompt-status">
        {state === 'copied' ? t('generation.copied') : state === 'failed' ? t('generation.copyFailed') : ''}
      </span>
    </>
  );
}
