import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { navigate, useLocation } from '../../router/router';
import { Notice } from '../../ui/Notice';
import { PageHeading } from '../../ui/PageHeading';
import { TextField } from '../../ui/TextField';
import { describeAuthError } from './auth-error-text';
import { emailCodeProblem, emailProblem } from './form/field-checks';
import { SubmitButton } from './form/SubmitButton';
import { useAuthForm } from './form/use-auth-form';
import { useAuthService } from './use-auth-service';

export default function VerifyPage() {
  const { t } = useI18n();
  const auth = useAuthService();
  const { query } = useLocation();
  const form = useAuthForm(auth, () => ({ email: query.get('email') ?? '', code: '' }));
  const { email, code } = form.values;
  // Kept as a key and its values, not as text, so a language switch translates it too.
  const [info, setInfo] = useState<{ key: 'register.done' | 'verify.resent'; email: string } | undefined>(() => {
    const registered = query.get('email');
    return query.get('registered') && registered ? { key: 'register.done', email: registered } : undefined;
  });

  const onSubmit = form.submit(
    () => ({ email: emailProblem(email), code: emailCodeProblem(code) }),
    async () => {
      const address = email.trim();
      setInfo(undefined);
      await auth.confirmSignUp(address, code.trim());
      navigate(`/signin?email=${encodeURIComponent(address)}&verified=1`);
    },
  );

  const onResend = form.submit(
    () => ({ email: emailProblem(email) }),
    async () => {
      const address = email.trim();
      setInfo(undefined);
      await auth.resendCode(address);
      setInfo({ key: 'verify.resent', email: address });
    },
  );

  return (
    <section className="card narrow">
      <PageHeading title={t('verify.title')} />
      <p>{t('verify.lead')}</p>
      <Notice kind="status">{info ? t(info.key, { email: info.email }) : null}</Notice>
      <form {...form.props} onSubmit={onSubmit}>
        <TextField label={t('form.email')} type="email" name="email" autoComplete="email" {...form.field('email')} required />
        <TextField label={t('form.code')} name="code" inputMode="numeric" autoComplete="one-time-code" {...form.field('code')} required />
        <Notice kind="alert">{form.error ? describeAuthError(t, form.error) : null}</Notice>
        <div className="actions">
          <SubmitButton busy={form.busy}>{t('verify.submit')}</SubmitButton>
          <button type="button" className="button" onClick={onResend} disabled={form.busy}>
            {t('verify.resend')}
          </button>
        </div>
      </form>
    </section>
  );
}
