import unicornUrl from '../assets/unicorn.svg';
import { useApp } from '../config/app-context';
import { useSignedIn } from '../features/auth/session/use-signed-in';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router/router';
import { PageHeading } from '../ui/PageHeading';

/** The first page: kept free of Leaflet and the Cognito library so it loads fast. */
export default function LandingPage() {
  const { t } = useI18n();
  const { config } = useApp();
  const signedIn = useSignedIn(config.cognito.userPoolClientId);
  return (
    <section className="landing">
      <div className="hero">
        <img src={unicornUrl} alt="" width="128" height="128" className="hero-art" />
        <div>
          <PageHeading title={t('landing.title')} />
          <p className="lead">{t('landing.lead')}</p>
        </div>
      </div>
      <ol className="steps">
        <li>{t('landing.point1')}</li>
        <li>{t('landing.point2')}</li>
        <li>{t('landing.point3')}</li>
      </ol>
      <div className="actions">
        {signedIn ? (
          <>
            <p className="aside">{t('landing.signedIn')}</p>
            <Link to="/ride" className="button primary">
              {t('landing.cta.ride')}
            </Link>
          </>
        ) : (
          <>
            <Link to="/register" className="button primary">
              {t('landing.cta.register')}
            </Link>
            <Link to="/signin" className="button">
              {t('landing.cta.signIn')}
            </Link>
          </>
        )}
      </div>
    </section>
  );
}
