import { TRPCClientError } from '@trpc/client';
import { UploadError } from '../api/upload.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ErrorMessage } from './error-message.tsx';

/**
 * An action the api refused, explained: the code's sentence in the reader's language, its
 * stable code, and for a tracking number the verdict (wrong check digit, another carrier's
 * format…), so a supplier knows what to correct.
 */
export function Refusal({ error }: { error: unknown }) {
  const { t, has } = useI18n();
  const data =
    error instanceof TRPCClientError
      ? (error.data as { appCode?: string | null; details?: unknown } | undefined)
      : error instanceof UploadError
        ? { appCode: error.appCode, details: error.details }
        : undefined;
  const code = data?.appCode;
  if (!code) return <ErrorMessage error={error} />;
  const status = (data?.details as { status?: string } | null)?.status;
  const verdict = `verdict.${status ?? ''}`;
  const key = `error.${code}`;
  return (
    <div role="alert" className="error">
      <p>
        {has(key) ? t(key) : (error as Error).message} <code>{code}</code>
      </p>
      {has(verdict) && <p>{t(verdict)}</p>}
    </div>
  );
}
