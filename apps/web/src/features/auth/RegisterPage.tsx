import { useI18n } from '../../i18n/i18n';
import { Link, navigate } from '../../router/router';
import { Notice } from '../../ui/Notice';
import { PageHeading } from '../../ui/PageHeading';
import { TextField } from '../../ui/TextField';
import { describeAuthError } from './auth-error-text';
import { AuthError } from './auth-service';
import { confirmProblem, emailProblem, newPasswordProblem } from './form/field-checks';
import { PasswordRules } from './form/PasswordRules';
import { SubmitButton } from './form/SubmitButton';
import { useAuthForm } from './form/use-auth-form';
import { useAuthService } from './use-auth-service';

export default function RegisterPage() {
  const { t } = useI18n();
  const auth = useAuthService();
  const form = useAuthForm(auth, () => ({ email: '', password: '', confirm: '' }));
  const { email, password, confirm } = form.values;

  const onSubmit = form.submit(
    () => ({ email: emailProblem(email), password: newPasswordProblem(password), confirm: confirmProblem(confirm, password) }),
    async () => {
      const address = email.trim();
      try {
        await auth.signUp(address, password);
      } catch (error) {
        // The same answer whether or not the email has an account: this page must not tell a
        // stranger who rides with us. The owner gets no code, and can sign in or reset instead.
        if (!(error instanceof AuthError && error.code === 'UsernameExistsException')) throw error;
      }
      navigate(`/verify?email=${encodeURIComponent(address)}&registered=1`);
    },
  );

  return (
    <section className="card narrow">
      <PageHeading title={t('register.title')} />
      <form {...form.props} onSubmit={onSubmit}>
        <TextField label={t('form.email')} type="email" name="email" autoComplete="email" {...form.field('email')} required />
        <TextField
          label={t('form.password')}
          type="password"
          name="password"
          autoComplete="new-password"
          {...form.field('password')}
          describedBy="register-password-rules"
          required
        />
        <PasswordRules id="register-password-rules" password={password} />
        <TextField
          label={t('form.confirmPassword')}
          type="password"
          name="confirm"
          autoComplete="new-password"
          {...form.field('confirm')}
          required
        />
        <Notice kind="alert">{form.error ? describeAuthError(t, form.error) : null}</Notice>
        <SubmitButton busy={form.busy}>{t('register.submit')}</SubmitButton>
      </form>
      <p className="aside">
        {t('register.haveAccount')} <Link to="/signin">{t('nav.signIn')}</Link>
      </p>
    </section>
  );
}
