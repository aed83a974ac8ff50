import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../components/ui/empty-state.js';
import { ImagePlusIcon } from '../components/ui/icons.js';
import { LoadError } from '../components/ui/load-error.js';
import { PageHeader } from '../components/ui/page-header.js';
import { Skeleton } from '../components/ui/skeleton.js';
import { useModels } from '../features/create/use-models.js';
import { useMe, useMeta } from '../features/session/use-session.js';
import { SourceUpload } from '../features/tools/source-upload.js';
import { isImageTool, offeredTools, type ToolSource } from '../features/tools/tool-offers.js';
import { ToolWorkspace } from '../features/tools/tool-workspace.js';
import { useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

/** /tools?image=<galleryImageId>|upload=<uploadId>&tool=<tool> – work on one image: upscale, inpaint, variations… */
export default function ToolsRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const models = useModels();
  const { data: me } = useMe();
  const { data: meta } = useMeta();
  useDocumentTitle(t('tools.title'));

  const imageId = params.get('image');
  const uploadId = params.get('upload');
  const source: ToolSource | null = imageId ? { kind: 'image', id: imageId } : uploadId ? { kind: 'upload', id: uploadId } : null;
  const tools = useMemo(() => offeredTools(models.data?.models ?? []), [models.data]);
  const asked = params.get('tool');
  const tool = isImageTool(asked) && tools.includes(asked) ? asked : tools[0];

  const setParam = (patch: Record<string, string>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) next.set(k, v);
        return next;
      },
      { replace: true },
    );

  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <PageHeader title={t('tools.title')} description={t('tools.subtitle')} />
      {models.error ? (
        <LoadError error={models.error} onRetry={models.refetch} />
      ) : !models.data || !me || !meta ? (
        <Skeleton className="h-[32rem] rounded-2xl" />
      ) : !tool ? (
        <EmptyState icon={<ImagePlusIcon size={28} />} title={t('tools.noneTitle')} description={t('tools.noneBody')} />
      ) : !source ? (
        <SourceUpload maxBytes={meta.maxUploadBytes} onUploaded={(u) => setParam({ upload: u.id, tool })} />
      ) : (
        <ToolWorkspace
          key={`${source.kind}:${source.id}`}
          models={models.data.models}
          tools={tools}
          tool={tool}
          onToolChange={(next) => setParam({ tool: next })}
          source={source}
          maxCount={models.data.maxCount}
          balance={me.credits}
        />
      )}
    </div>
  );
}
