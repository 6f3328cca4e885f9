import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LanguageSwitch } from './language-switch.tsx';

/** Where the OAuth flow starts: the api sends the seller to TikTok Shop's consent page. */
const SIGN_IN_URL = '/oauth/tiktok/start';

/** The frame of every page shown before sign-in: the brand, the language switch, the page. */
export function SignedOutFrame({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <header className="header">
        <span className="brand">{t('app.name')}</span>
        <div className="header-tools">
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="sign-in">
        {children}
      </main>
    </>
  );
}

export function SignedOut() {
  const { t } = useI18n();
  return (
    <SignedOutFrame>
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.body')}</p>
      <a className="button primary" href={SIGN_IN_URL}>
        {t('signIn.action')}
      </a>
      <p>
        <a href="/sign-in">{t('partnerSignIn.link')}</a>
      </p>
    </SignedOutFrame>
  );
}
