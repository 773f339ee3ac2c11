import { useI18n } from '../i18n/i18n';
import { Link } from '../router/router';
import { PageHeading } from '../ui/PageHeading';

export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section className="card narrow">
      <PageHeading title={t('notFound.title')} />
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </section>
  );
}
