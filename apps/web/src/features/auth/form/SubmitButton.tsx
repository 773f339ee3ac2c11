import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n/i18n';

/** A form's submit button: disabled, saying so, while its submit is out. */
export function SubmitButton({ busy, children }: { busy: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <button type="submit" className="button primary" disabled={busy}>
      {busy ? t('form.working') : children}
    </button>
  );
}
