import type { ReactNode } from 'react';
import { useSignOut } from '../api/session.ts';
import { ErrorMessage } from '../components/error-message.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { Route } from '../router/routes.ts';
import { Announcer } from './announcer.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { Nav } from './nav.tsx';

/**
 * Header (name, language, sign-out), navigation, and the page in `main`. `nav` replaces the
 * seller's navigation for the supplier and operator portals.
 */
export function Shell({
  route,
  nav,
  children,
}: {
  route?: Route;
  nav?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const signOut = useSignOut();
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="header">
        <span className="brand">{t('app.name')}</span>
        <div className="header-tools">
          <LanguageSwitch />
          <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            {t('session.signOut')}
          </button>
        </div>
      </header>
      {signOut.isError && <ErrorMessage error={signOut.error} />}
      {nav ?? (route && <Nav route={route} />)}
      <Announcer>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </Announcer>
    </>
  );
}
