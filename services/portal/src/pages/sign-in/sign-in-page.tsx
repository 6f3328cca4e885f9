import { type FormEvent, useEffect, useRef, useState } from 'react';
import { type SignInRoute, useSignIn } from '../../api/sign-in.ts';
import { TextField } from '../../components/text-field.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { SignedOutFrame } from '../../layout/signed-out.tsx';
import { SIGN_IN_LINK_PATH } from '../../router/role-routes.ts';
import { navigate } from '../../router/router.tsx';

/** A refusal of a sign-in in the reader's language. */
function SignInProblem({ error }: { error: Error | null }) {
  const { t, has } = useI18n();
  if (!error) return null;
  const key = `error.${error.message}`;
  return (
    <p role="alert" className="error">
      {has(key) ? t(key) : t('error.SIGN_IN_INVALID')}
    </p>
  );
}

function SecretForm({
  route,
  label,
  action,
}: {
  route: SignInRoute;
  label: string;
  action: string;
}) {
  const signIn = useSignIn();
  const [secret, setSecret] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ route, secret: secret.trim() }, { onSuccess: () => navigate('/') });
  };
  return (
    <form className="form" onSubmit={submit}>
      <fieldset>
        <legend>{action}</legend>
        <TextField
          label={label}
          type="password"
          autoComplete="off"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          required
          maxLength={256}
        />
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {action}
        </button>
        <SignInProblem error={signIn.error} />
      </fieldset>
    </form>
  );
}

/**
 * `/sign-in`: redeems a one-time link (its token in the URL's fragment, removed from the
 * address bar at once), or lets a supplier sign in with its partner key and an operator with
 * an operator token.
 */
export function SignInPage() {
  const { t } = useI18n();
  const link = useSignIn();
  const started = useRef(false);
  useEffect(() => {
    const token = window.location.hash.slice(1);
    if (started.current || !token) return;
    started.current = true;
    window.history.replaceState(null, '', SIGN_IN_LINK_PATH);
    link.mutate({ route: 'link', secret: token }, { onSuccess: () => navigate('/') });
  }, [link]);
  return (
    <SignedOutFrame>
      <h1>{t('partnerSignIn.title')}</h1>
      {link.isPending && (
        <p className="muted" aria-busy="true">
          {t('partnerSignIn.redeeming')}
        </p>
      )}
      <SignInProblem error={link.error} />
      <p>{t('partnerSignIn.body')}</p>
      <SecretForm
        route="partner-key"
        label={t('partnerSignIn.partnerKey')}
        action={t('partnerSignIn.asSupplier')}
      />
      <SecretForm
        route="operator-token"
        label={t('partnerSignIn.operatorToken')}
        action={t('partnerSignIn.asOperator')}
      />
      <p>
        <a href="/">{t('partnerSignIn.seller')}</a>
      </p>
    </SignedOutFrame>
  );
}
