import { useState } from 'react';
import type { CreatedApiKey } from '../../api/contracts.js';
import { Trans, useTranslation } from '../../i18n/react.js';
import { ApiKeysList } from './api-keys-list.js';
import { CreateApiKeyForm } from './create-api-key-form.js';
import { NewKeyDialog } from './new-key-dialog.js';

/** Settings → API keys: the keys, a form for a new one, the new key shown once, and where the API is described. */
export function ApiKeys() {
  const { t } = useTranslation();
  // Held only in this component's state while the dialog is open, never in the query cache.
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  return (
    <div>
      <ApiKeysList />
      <div className="mt-5 border-t border-zinc-900/5 pt-5 dark:border-white/5">
        <CreateApiKeyForm onCreated={setCreated} />
      </div>
      <p
        className="mt-5 border-t border-zinc-900/5 pt-4 text-xs text-zinc-500 dark:border-white/5 dark:text-zinc-400"
        data-testid="api-docs"
      >
        <Trans i18nKey="apiKeys.docs.line" components={{ code: <code className="font-mono text-zinc-700 dark:text-zinc-300" /> }} />{' '}
        {/* A plain link: the reference is served by the server, not a screen of this app. */}
        <a href="/docs/api" className="font-semibold text-violet-700 hover:underline dark:text-violet-300" data-testid="api-docs-link">
          {t('apiKeys.docs.link')}
        </a>
      </p>
      <NewKeyDialog created={created} onDone={() => setCreated(null)} />
    </div>
  );
}
