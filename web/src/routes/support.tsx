import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.js';
import { supportCategories } from '../api/contracts.js';
import { buttonClass } from '../components/ui/button.js';
import { Card } from '../components/ui/card.js';
import { EmptyState } from '../components/ui/empty-state.js';
import { ErrorNotice } from '../components/ui/error-notice.js';
import { ArrowLeftIcon, MessageIcon } from '../components/ui/icons.js';
import { Notice } from '../components/ui/notice.js';
import { PageHeader } from '../components/ui/page-header.js';
import { Section } from '../components/ui/section.js';
import { Skeleton } from '../components/ui/skeleton.js';
import { MySupportRequests } from '../features/support/my-support-requests.js';
import { SupportRequestForm } from '../features/support/support-request-form.js';
import { SupportStatusBadge } from '../features/support/support-status.js';
import { ReplyBox, SupportLinks, SupportMessages } from '../features/support/support-thread.js';
import { useAddSupportMessage, useMySupportRequest } from '../features/support/use-support.js';
import { useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

const isUuid = (s: string | null) => s !== null && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** /support – Help & support: a new request and the user's requests. /support/:id – one request's thread. */
export default function SupportRoute() {
  const { id } = useParams();
  return <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6">{id ? <SupportRequestScreen id={id} /> : <SupportHome />}</div>;
}

/** `?generation=<id>` (from a generation's "Get help with this") links the request to it; `?category=` picks the category. */
function SupportHome() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const generation = params.get('generation');
  const category = supportCategories.find((c) => c === params.get('category'));
  useDocumentTitle(t('support.title'));
  return (
    <>
      <PageHeader title={t('support.title')} description={t('support.subtitle')} />
      <div className="space-y-5">
        <Section id="new" icon={<MessageIcon size={18} />} title={t('support.newTitle')} description={t('support.newHint')}>
          <SupportRequestForm
            generationId={isUuid(generation) ? (generation ?? undefined) : undefined}
            initialCategory={category}
            onCreated={(created) => navigate(`/support/${created.id}`)}
          />
        </Section>
        <Section id="mine" title={t('support.mine')}>
          <MySupportRequests />
        </Section>
      </div>
    </>
  );
}

function SupportRequestScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data, error, isPending } = useMySupportRequest(id);
  const add = useAddSupportMessage(id);
  useDocumentTitle(data?.subject ?? t('support.title'));
  return (
    <>
      <Link
        to="/support"
        className="mb-4 inline-flex items-center gap-1.5 rounded-lg text-sm font-medium text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white"
      >
        <ArrowLeftIcon size={16} />
        {t('support.back')}
      </Link>
      {data ? (
        <Card className="space-y-5 p-5 sm:p-6">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0">
              <h1 className="text-xl font-bold break-words" data-testid="support-subject-heading">
                {data.subject}
              </h1>
              <p className="text-sm text-zinc-500 dark:text-zinc-400">{t(`support.categories.${data.category}`)}</p>
            </div>
            <SupportStatusBadge status={data.status} />
          </div>
          <SupportLinks thread={data} reader="user" />
          <SupportMessages thread={data} reader="user" />
          {data.status === 'closed' && (
            <Notice tone="info" data-testid="support-closed-note">
              {t('support.closedNote')}
            </Notice>
          )}
          <ReplyBox
            label={t('support.replyLabel')}
            submitLabel={t('support.send')}
            pending={add.isPending}
            error={add.error}
            onSend={(body, done) => add.mutate(body, { onSuccess: done })}
          />
        </Card>
      ) : isPending ? (
        <Skeleton className="h-72 rounded-2xl" />
      ) : error instanceof ApiError && error.status === 404 ? (
        <EmptyState
          icon={<MessageIcon size={26} />}
          title={t('support.notFoundTitle')}
          description={t('support.notFoundBody')}
          action={
            <Link to="/support" className={buttonClass('primary')}>
              {t('support.back')}
            </Link>
          }
        />
      ) : (
        <ErrorNotice error={error} />
      )}
    </>
  );
}
