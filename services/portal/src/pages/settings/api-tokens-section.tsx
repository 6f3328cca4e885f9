import { type FormEvent, useState } from 'react';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from '../../api/settings.ts';
import { DataTable } from '../../components/data-table.tsx';
import { DateTime } from '../../components/date-time.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

/** Tokens for the tenant's own systems: the secret is shown once, then only its prefix. */
export function ApiTokensSection() {
  const { t } = useI18n();
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) create.mutate(name.trim(), { onSuccess: () => setName('') });
  };
  return (
    <section aria-labelledby="settings-tokens">
      <h2 id="settings-tokens">{t('settings.tokens')}</h2>
      <form className="filters" onSubmit={submit}>
        <TextField
          label={t('settings.tokens.name')}
          value={name}
          maxLength={100}
          required
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" disabled={create.isPending}>
          {t('settings.tokens.create')}
        </button>
      </form>
      {create.isError && <ErrorMessage error={create.error} />}
      {create.data && (
        <div className="card" role="status">
          <p>{t('settings.tokens.once')}</p>
          <p>
            <code className="secret">{create.data.token}</code>
          </p>
        </div>
      )}
      <QueryState query={tokens}>
        {(list) => (
          <DataTable
            items={list.items}
            caption="settings.tokens.caption"
            empty="settings.tokens.empty"
            columns={[
              'settings.tokens.name',
              'settings.tokens.prefix',
              'settings.tokens.created',
              'settings.tokens.state',
            ]}
            row={(k) => (
              <tr key={k.id}>
                <th scope="row">{k.name}</th>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td>
                  <DateTime iso={k.createdAt} />
                </td>
                <td>
                  {k.revokedAt ? (
                    <>
                      {t('settings.tokens.revoked')} <DateTime iso={k.revokedAt} />
                    </>
                  ) : (
                    <button
                      type="button"
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(k.id)}
                    >
                      {t('settings.tokens.revoke', { name: k.name })}
                    </button>
                  )}
                </td>
              </tr>
            )}
          />
        )}
      </QueryState>
      {revoke.isError && <ErrorMessage error={revoke.error} />}
    </section>
  );
}
