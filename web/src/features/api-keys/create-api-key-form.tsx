import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../api/client.js';
import type { ApiKeyScope, CreatedApiKey } from '../../api/contracts.js';
import { Button } from '../../components/ui/button.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { CheckboxField, SelectField, TextField } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { useCreateApiKey } from './use-api-keys.js';

/** The scopes in the order the form offers them (the server's list: contracts/api-keys.ts). */
const scopes = ['generate', 'read'] as const satisfies readonly ApiKeyScope[];
/** Expiry choices in days; 0 is "never" (lives until revoked). Within MAX_API_KEY_DAYS. */
const expiryDays = [0, 30, 90, 365] as const;
type Field = 'name' | 'scopes' | 'expiresAt';
const fields: readonly Field[] = ['name', 'scopes', 'expiresAt'];

/** Which form field a server error belongs to (`scopes.0` is the scopes field), if any. */
function fieldOf(err: unknown): Field | undefined {
  if (!(err instanceof ApiError) || err.code !== 'invalid_input' || !err.field) return undefined;
  const head = err.field.split('.')[0];
  return fields.find((f) => f === head);
}

/** Name, scopes and expiry of a new key; hands the created key (shown once) to `onCreated`. */
export function CreateApiKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const { t } = useTranslation();
  const create = useCreateApiKey();
  const scopesErrorId = useId();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<Set<ApiKeyScope>>(() => new Set(scopes));
  const [days, setDays] = useState<number>(0);
  const [fieldError, setFieldError] = useState<{ field: Field; message: string } | null>(null);
  const [formError, setFormError] = useState<unknown>(null);
  const errorFor = (field: Field) => (fieldError?.field === field ? fieldError.message : null);
  const edited = (field: Field) => setFieldError((e) => (e?.field === field ? null : e));

  const toggle = (scope: ApiKeyScope, on: boolean) => {
    edited('scopes');
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    if (!name.trim()) return setFieldError({ field: 'name', message: t('apiKeys.errors.name') });
    if (chosen.size === 0) return setFieldError({ field: 'scopes', message: t('apiKeys.errors.scopes') });
    setFieldError(null);
    const expiresAt = days > 0 ? new Date(Date.now() + days * 86_400_000).toISOString() : undefined;
    create.mutate(
      { name: name.trim(), scopes: scopes.filter((s) => chosen.has(s)), ...(expiresAt ? { expiresAt } : {}) },
      {
        onSuccess: (key) => {
          setName('');
          onCreated(key);
        },
        onError: (err) => {
          const field = fieldOf(err);
          if (field) setFieldError({ field, message: t(`apiKeys.errors.${field}`) });
          else setFormError(err);
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="create-api-key" aria-labelledby="create-api-key-title">
      <h3 id="create-api-key-title" className="text-sm font-semibold">
        {t('apiKeys.create.title')}
      </h3>
      <TextField
        label={t('apiKeys.create.name')}
        hint={t('apiKeys.create.nameHint')}
        value={name}
        maxLength={60}
        autoComplete="off"
        error={errorFor('name')}
        onChange={(e) => {
          edited('name');
          setName(e.target.value);
        }}
      />
      <fieldset aria-describedby={errorFor('scopes') ? scopesErrorId : undefined}>
        <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">{t('apiKeys.create.scopes')}</legend>
        <div className="space-y-2">
          {scopes.map((scope) => (
            <CheckboxField
              key={scope}
              checked={chosen.has(scope)}
              onChange={(e) => toggle(scope, e.target.checked)}
              label={
                <>
                  <span className="font-medium text-zinc-900 dark:text-zinc-100">{t(`apiKeys.scope.${scope}`)}</span>
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">{t(`apiKeys.scope.${scope}Hint`)}</span>
                </>
              }
            />
          ))}
        </div>
        {errorFor('scopes') && (
          <p id={scopesErrorId} className="mt-1.5 text-xs font-medium text-rose-600 dark:text-rose-400" role="alert">
            {errorFor('scopes')}
          </p>
        )}
      </fieldset>
      <SelectField
        label={t('apiKeys.create.expiry')}
        value={String(days)}
        error={errorFor('expiresAt')}
        wrapperClassName="max-w-xs"
        onChange={(e) => {
          edited('expiresAt');
          setDays(Number(e.target.value));
        }}
      >
        {expiryDays.map((d) => (
          <option key={d} value={d}>
            {t(`apiKeys.create.expiryOption.${d}`)}
          </option>
        ))}
      </SelectField>
      <ErrorNotice
        error={formError}
        messageKey={formError instanceof ApiError && formError.code === 'limit_reached' ? 'apiKeys.errors.limit' : undefined}
      />
      <Button type="submit" loading={create.isPending} data-testid="create-api-key-submit">
        {t('apiKeys.create.submit')}
      </Button>
    </form>
  );
}
