import { useEffect, useMemo } from 'react';
import { apiClient, type WildRydesClient } from '../../api/api';
import { useApp } from '../../config/app-context';
import { useI18n } from '../../i18n/i18n';
import { useLocation } from '../../router/router';
import { PageHeading } from '../../ui/PageHeading';
import { decodeJwt } from '../auth/session/jwt';
import { Session } from '../auth/session/session';
import { useSendToSignIn } from '../auth/session/use-send-to-sign-in';
import { AuthenticatorSection } from './AuthenticatorSection';
import { type Authenticator, createAuthenticator } from './authenticator';
import { DeleteAccountSection } from './DeleteAccountSection';

/** `/account`: the signed-in rider's authenticator app, and deleting the account. Tests inject the services. */
export default function AccountPage({
  client: injectedClient,
  authenticator: injectedAuthenticator,
}: {
  client?: Pick<WildRydesClient, 'deleteAccount'>;
  authenticator?: Authenticator;
} = {}) {
  const { t } = useI18n();
  const { config } = useApp();
  const { href } = useLocation();
  const session = useMemo(() => new Session(config.cognito), [config.cognito]);
  const client = useMemo(() => injectedClient ?? apiClient(config.api.invokeUrl), [injectedClient, config.api.invokeUrl]);
  const authenticator = useMemo(
    () => injectedAuthenticator ?? createAuthenticator(config.cognito, session),
    [injectedAuthenticator, config.cognito, session],
  );
  const sendToSignIn = useSendToSignIn(href);
  const current = session.current();

  useEffect(() => {
    if (!current) sendToSignIn();
  }, [current, sendToSignIn]);
  if (!current) return null;

  const email = decodeJwt(current.idToken)?.email ?? '';
  return (
    <section className="card narrow account">
      <PageHeading title={t('account.title')} />
      {email ? <p>{t('account.email', { email })}</p> : null}
      <AuthenticatorSection authenticator={authenticator} account={email} onSessionEnded={() => sendToSignIn('expired')} />
      <DeleteAccountSection session={session} client={client} onSessionEnded={() => sendToSignIn('expired')} />
    </section>
  );
}
