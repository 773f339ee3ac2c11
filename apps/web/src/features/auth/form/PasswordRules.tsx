import { useI18n } from '../../../i18n/i18n';
import { PASSWORD_RULES } from './password-rules';

/** The password policy as a live checklist under the password field. */
export function PasswordRules({ id, password }: { id: string; password: string }) {
  const { t } = useI18n();
  return (
    <div id={id} className="password-rules">
      <p>{t('password.rules')}</p>
      <ul>
        {PASSWORD_RULES.map((rule) => {
          const met = rule.test(password);
          return (
            <li key={rule.id} className={met ? 'rule-met' : 'rule-unmet'} data-rule={rule.id}>
              <span aria-hidden="true">{met ? '✓' : '•'}</span> {t(rule.label, rule.params)}
              <span className="visually-hidden"> ({t(met ? 'password.rule.met' : 'password.rule.unmet')})</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
