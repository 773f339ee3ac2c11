import type { FormEvent } from 'react';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/keys';
import { Link, navigate, safeNext, useLocation } from '../../router/router';
import { Notice } from '../../ui/Notice';
import { PageHeading } from '../../ui/PageHeading';
import { TextField } from '../../ui/TextField';
import { describeAuthError } from './auth-error-text';
import { AuthError } from './auth-service';
import { emailProblem, normaliseCode, passwordProblem } from './form/field-checks';
import { SubmitButton } from './form/SubmitButton';
import { useAuthForm, useFocusWhen } from './form/use-auth-form';
import { notifySessionChanged } from './session/session-store';
import { useAuthService } from './use-auth-service';

/** Why the rider landed here, from the query string set by whoever sent them. */
function noticeFor(query: URLSearchParams): MessageKey | undefined {
  if (query.get('reason') === 'expired') return 'signIn.sessionExpired';
  if (query.get('reason') === 'signedout') return 'signIn.signedOut';
  if (query.get('reason') === 'deleted') return 'signIn.accountDeleted';
  if (query.get('verified')) return 'verify.done';
  if (query.get('reset')) return 'forgot.done';
  return undefined;
}

export default function SignInPage() {
  const { t } = useI18n();
  const auth = useAuthService();
  const { query } = useLocation();
  // Both steps share one form: starting over keeps the email the rider typed.
  const form = useAuthForm(auth, () => ({ email: query.get('email') ?? '', password: '', code: '' }));
  const { email, password, code } = form.values;
  const notice = noticeFor(query);
  const next = safeNext(query.get('next'));
  /** After the password, an account with an authenticator app is asked for its code. */
  const [step, setStep] = useState<'password' | 'code'>('password');
  const codeRef = useFocusWhen<HTMLInputElement>(step === 'code');

  const signedIn = () => {
    notifySessionChanged();
    navigate(next, { replace: true });
  };

  if (step === 'code') {
    const onCode = (event: FormEvent) => {
      event.preventDefault();
      const valid = normaliseCode(code);
      form.check({ code: valid ? undefined : 'signIn.codeInvalid' });
      if (!valid) return;
      void form.run(async () => {
        await auth.answerCode(valid);
        signedIn();
      });
    };
    const sessionOver = form.error instanceof AuthError && form.error.code === 'NotAuthorizedException';
    return (
      <section className="card narrow">
        <PageHeading title={t('signIn.title')} />
        <p>{t('signIn.codeLead')}</p>
        <form {...form.props} onSubmit={onCode}>
          <TextField
            ref={codeRef}
            label={t('signIn.code')}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            {...form.field('code')}
            required
          />
          <Notice kind="alert">{form.error ? describeAuthError(t, form.error, 'code') : null}</Notice>
          {sessionOver ? (
            <button
              type="button"
              className="button primary"
              onClick={() => {
                form.reset('code', 'password');
                setStep('password');
              }}
            >
              {t('signIn.startOver')}
            </button>
          ) : (
            <SubmitButton busy={form.busy}>{t('signIn.codeSubmit')}</SubmitButton>
          )}
        </form>
      </section>
    );
  }

  const onSubmit = form.submit(
    () => ({ email: emailProblem(email), password: passwordProblem(password) }),
    async () => {
      const address = email.trim();
      let outcome: Awaited<ReturnType<typeof auth.signIn>>;
      try {
        outcome = await auth.signIn(address, password);
      } catch (caught) {
        if (caught instanceof AuthError && caught.code === 'UserNotConfirmedException') {
          navigate(`/verify?email=${encodeURIComponent(address)}`);
          return;
        }
        throw caught;
      }
      if (outcome === 'codeRequired') setStep('code');
      else signedIn();
    },
  );

  return (
    <section className="card narrow">
      <PageHeading title={t('signIn.title')} />
      <Notice kind="status">{notice ? t(notice) : null}</Notice>
      <form {...form.props} onSubmit={onSubmit}>
        <TextField label={t('form.email')} type="email" name="email" autoComplete="username" {...form.field('email')} required />
        <TextField
          label={t('form.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          {...form.field('password')}
          required
        />
        <Notice kind="alert">{form.error ? describeAuthError(t, form.error, 'signIn') : null}</Notice>
        <SubmitButton busy={form.busy}>{t('signIn.submit')}</SubmitButton>
      </form>
      <p className="aside">
        <Link to={`/forgot${email ? `?email=${encodeURIComponent(email.trim())}` : ''}`}>{t('signIn.forgot')}</Link>
      </p>
      <p className="aside">
        {t('signIn.noAccount')} <Link to="/register">{t('nav.register')}</Link>
      </p>
    </section>
  );
}
