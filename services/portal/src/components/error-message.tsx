import { TRPCClientError } from '@trpc/client';
import { useI18n } from '../i18n/i18n-context.tsx';

/** An error in the reader's language when the catalog knows its code, else the api's message. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t, has } = useI18n();
  const appCode =
    error instanceof TRPCClientError
      ? (error.data as { appCode?: string | null } | undefined)?.appCode
      : undefined;
  const key = `error.${appCode ?? ''}`;
  const message = has(key)
    ? t(key)
    : t('app.error', { message: error instanceof Error ? error.message : String(error) });
  return (
    <p role="alert" className="error">
      {message}
    </p>
  );
}
