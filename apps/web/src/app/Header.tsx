import { useApp } from '../config/app-context';
import { clearSession, readSession } from '../features/auth/session/session-store';
import { useSignedIn } from '../features/auth/session/use-signed-in';
import { LANGS, type Lang, useI18n } from '../i18n/i18n';
import { Link, navigate } from '../router/router';

const LANG_NAMES: Record<Lang, string> = { en: 'English', ko: '한국어' };

export function Header() {
  const { t, lang, setLang } = useI18n();
  const { config } = useApp();
  const signedIn = useSignedIn(config.cognito.userPoolClientId);

  const onSignOut = () => {
    const session = readSession(config.cognito.userPoolClientId);
    clearSession(config.cognito.userPoolClientId);
    navigate('/signin?reason=signedout');
    // Revoking is best effort and needs the network code, which the landing page does not load.
    if (session) {
      void import('../features/auth/session/session').then((m) => m.revokeRefreshToken(config.cognito, session.refreshToken));
    }
  };

  return (
    <header className="site-header">
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <Link to="/" className="brand">
        {t('app.name')}
      </Link>
      <nav aria-label={t('nav.main')}>
        <ul>
          {signedIn ? (
            <>
              <li>
                <Link to="/ride">{t('nav.ride')}</Link>
              </li>
              <li className="nav-wide">
                <Link to="/rides">{t('nav.rides')}</Link>
              </li>
              <li className="nav-wide">
                <Link to="/account">{t('nav.account')}</Link>
              </li>
              <li>
                <button type="button" className="link-button" onClick={onSignOut}>
                  {t('nav.signOut')}
                </button>
              </li>
            </>
          ) : (
            <>
              <li>
                <Link to="/signin">{t('nav.signIn')}</Link>
              </li>
              <li>
                <Link to="/register">{t('nav.register')}</Link>
              </li>
            </>
          )}
        </ul>
      </nav>
      <label className="lang-switch">
        <span className="visually-hidden">{t('nav.language')}</span>
        <select value={lang} onChange={(e) => setLang(LANGS.find((code) => code === e.target.value) ?? 'en')}>
          {LANGS.map((code) => (
            <option key={code} value={code} lang={code}>
              {LANG_NAMES[code]}
            </option>
          ))}
        </select>
      </label>
    </header>
  );
}
