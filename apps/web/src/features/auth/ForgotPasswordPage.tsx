import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { navigate, useLocation } from '../../router/router';
import { Notice } from '../../ui/Notice';
import { PageHeading } from '../../ui/PageHeading';
import { TextField } from '../../ui/TextField';
import { describeAuthError } from './auth-error-text';
import { AuthError } from './auth-service';
import { emailCodeProblem, emailProblem, newPasswordProblem } from './form/field-checks';
import { PasswordRules } from './form/PasswordRules';
import { SubmitButton } from './form/SubmitButton';
import { useAuthForm, useFocusWhen } from './form/use-auth-form';
import { useAuthService } from './use-auth-service';

/** Two steps on one page: ask for a code, then send the code with the new password. */
export default function ForgotPasswordPage() {
  const { t } = useI18n();
  const auth = useAuthService();
  const { query } = useLocation();
  const [step, setStep] = useState<'request' | 'reset'>('request');
  const form = useAuthForm(auth, () => ({ email: query.get('email') ?? '', code: '', password: '' }));
  const { email, code, password } = form.values;
  const codeRef = useFocusWhen<HTMLInputElement>(step === 'reset');

  const onSubmit = form.submit(
    () => ({
      email: emailProblem(email),
      ...(step === 'reset' ? { code: emailCodeProblem(code), password: newPasswordProblem(password) } : {}),
    }),
    async () => {
      const address = email.trim();
      if (step === 'request') {
        try {
          await auth.forgotPassword(address);
        } catch (error) {
          // Cognito already answers alike for unknown emails (PreventUserExistenceErrors); if one
          // does not (cognito-local), the page still says the same: no one learns who rides.
          if (!(error instanceof AuthError && error.code === 'UserNotFoundException')) throw error;
        }
        setStep('reset');
      } else {
        await auth.confirmPassword(address, code.trim(), password);
        navigate(`/signin?email=${encodeURIComponent(address)}&reset=1`);
      }
    },
  );

  return (
    <section className="card narrow">
      <PageHeading title={t('forgot.title')} />
      <p>{t('forgot.lead')}</p>
      <Notice kind="status">{step === 'reset' ? t('forgot.sent', { email: email.trim() }) : null}</Notice>
      <form {...form.props} onSubmit={onSubmit}>
        <TextField
          label={t('form.email')}
          type="email"
          name="email"
          autoComplete="username"
          {...form.field('email')}
          readOnly={step === 'reset'}
          required
        />
        {step === 'reset' ? (
          <>
            <TextField
              ref={codeRef}
              label={t('form.code')}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              {...form.field('code')}
              required
            />
            <TextField
              label={t('form.newPassword')}
              type="password"
              name="new-password"
              autoComplete="new-password"
              {...form.field('password')}
              describedBy="forgot-password-rules"
              required
            />
            <PasswordRules id="forgot-password-rules" password={password} />
          </>
        ) : null}
        <Notice kind="alert">{form.error ? describeAuthError(t, form.error) : null}</Notice>
        <SubmitButton busy={form.busy}>{t(step === 'request' ? 'forgot.send' : 'forgot.submit')}</SubmitButton>
      </form>
    </section>
  );
}
