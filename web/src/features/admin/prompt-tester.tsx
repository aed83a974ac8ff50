import { type FormEvent, useState } from 'react';
import { Button } from '../../components/ui/button.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { CheckboxField, TextArea } from '../../components/ui/field.js';
import { Notice } from '../../components/ui/notice.js';
import { useTranslation } from '../../i18n/react.js';
import { useCheckPrompt } from './use-console.js';

/** "Test a prompt": what the content policy (with this server's denylist) decides, recorded against nobody. */
export function PromptTester() {
  const { t } = useTranslation();
  const check = useCheckPrompt();
  const [prompt, setPrompt] = useState('');
  const [negativePrompt, setNegativePrompt] = useState('');
  const [mature, setMature] = useState(false);
  const result = check.data;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!prompt.trim()) return;
    check.mutate({ prompt, negativePrompt: negativePrompt || undefined, mature });
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <TextArea
        label={t('console.tester.prompt')}
        rows={3}
        maxLength={20000}
        value={prompt}
        onChange={(e) => setPrompt(e.target.value)}
        data-testid="tester-prompt"
      />
      <TextArea
        label={t('console.tester.negativePrompt')}
        rows={2}
        maxLength={5000}
        value={negativePrompt}
        onChange={(e) => setNegativePrompt(e.target.value)}
        data-testid="tester-negative"
      />
      <CheckboxField label={t('console.tester.mature')} checked={mature} onChange={(e) => setMature(e.target.checked)} />
      <Button type="submit" variant="secondary" loading={check.isPending} disabled={!prompt.trim()} data-testid="tester-submit">
        {t('console.tester.submit')}
      </Button>
      <ErrorNotice error={check.error} />
      <div role="status" data-testid="tester-result" data-decision={result?.decision}>
        {result &&
          (result.decision === 'allow' ? (
            <Notice tone="success" title={t('console.tester.allowed')} />
          ) : (
            <Notice tone="danger" title={t('console.tester.blocked')}>
              {result.category ? t(`console.moderation.category.${result.category}`) : null}
            </Notice>
          ))}
      </div>
    </form>
  );
}
