import { createHash } from 'node:crypto';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Generation, SubmitGenerationInput } from '../contracts/api.js';
import { compilePrompt } from '../contracts/prompt-syntax.js';
import { generationDebitClauses } from '../credits/index.js';
import { type Db, executePrepared } from '../db/index.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { decidePrompt } from '../moderation/index.js';
import { promptHistoryClauses } from '../prompts/index.js';
import { checkSubmission } from './check-submission.js';
import type { GenerationContext } from './context.js';
import type { GenerationRow } from './generation.queries.js';
import { idempotencyKeys } from './generation.schema.js';
import { getGenerationOrThrow } from './get-generation.js';
import { runJob } from './jobs.js';
import { toGenerationView } from './to-view.js';

/**
 * Checks the request against the model's limits and the content policy, then
 * in ONE statement debits the credits, inserts the generation (queued) and
 * enqueues its job. Either all three happen or none; the prompt joins the
 * user's history with them. Throws insufficient_credits (nothing charged,
 * nothing recorded) and content_policy (nothing charged or sent; the attempt
 * joins the moderation queue).
 */
export async function submitGeneration(
  deps: Pick<GenerationContext, 'db' | 'queue' | 'clock' | 'provider' | 'catalog' | 'modelNames' | 'settings' | 'screenPrompt' | 'events'>,
  input: { userId: string; request: SubmitGenerationInput; idempotencyKey?: string; mature?: boolean },
): Promise<Generation> {
  const checked = await checkSubmission(deps, input);
  const { req, model, sentPrompt, uploads, controls, cost } = checked;
  // Last of the checks, so only an otherwise valid request is judged (and queued when refused).
  await deps.screenPrompt({
    userId: input.userId,
    prompt: req.prompt,
    negativePrompt: req.negativePrompt || null,
    model: model.id,
    mature: input.mature ?? false,
  });
  refusePhotoWithSexualPrompt(
    uploads.map((u) => u.upload),
    req.prompt,
    req.negativePrompt || null,
  );

  const id = newId();
  const now = deps.clock.now();
  const row: GenerationRow = {
    id,
    userId: input.userId,
    status: 'queued',
    tool: checked.tool,
    parentImageId: checked.parentImageId,
    factor: checked.factor,
    prompt: req.prompt,
    negativePrompt: req.negativePrompt || null,
    sentPrompt,
    sentNegativePrompt: req.negativePrompt ? compilePrompt(req.negativePrompt, model.family) : null,
    modelId: model.id,
    provider: deps.provider.name,
    providerModel: checked.providerModel,
    aspectRatio: checked.aspectRatio,
    count: req.count,
    ...controls,
    cost,
    providerTaskIds: [],
    attempts: 0,
    errorCode: null,
    errorMessage: null,
    refunded: 0,
    deadlineAt: new Date(now.getTime() + deps.settings.deadlineSeconds * 1000),
    createdAt: now,
    updatedAt: now,
    startedAt: null,
    completedAt: null,
    deletedAt: null,
  };
  const key = input.idempotencyKey;
  const requestHash = key ? createHash('sha256').update(JSON.stringify(req)).digest('hex') : '';
  const refs = uploads.map((u) => ({ id: u.upload.id, role: u.role }));
  const statement = submitStatement(deps, row, refs, key ? { key, requestHash } : null);
  // One statement is atomic on its own; with a key it runs in a transaction so that a refused
  // debit also takes back the key's claim (a retry must be able to try again).
  const run = async (db: Db) => {
    const [r] = await executePrepared<{ claimed: number; created: number }>(db, 'submit_generation', statement);
    if (r?.claimed === 0) return 'replay';
    if (r?.created !== 1) throw new AppError('insufficient_credits', `This needs ${row.cost} credits, which is more than your balance.`);
    return 'created';
  };
  const outcome = key ? await deps.db.transaction(run) : await run(deps.db);
  if (outcome === 'replay') return replayIdempotent(deps, input.userId, key!, requestHash);
  deps.queue.wake(runJob);
  // A new generation has no images yet and exactly the uploads just checked.
  return toGenerationView(
    row,
    [],
    uploads.map((u) => ({ ...u.upload, role: u.role })),
    deps.modelNames,
  );
}

/**
 * The whole submit in ONE statement (data-modifying CTEs): claim the
 * idempotency key, debit, insert the generation, its references and its job,
 * and record the prompt in the user's history (the prompts module's clauses)
 * and, when the debit took the balance below the low-credits line, the
 * credits.low webhook event (the webhooks module's clauses, through the port).
 * Each write after the claim happens only if the one before it did, so either
 * all happen or none. One round trip instead of a transaction's five: the
 * benchmark's submit path is bound by them.
 */
function submitStatement(
  deps: Pick<GenerationContext, 'queue' | 'events'>,
  row: GenerationRow,
  refs: { id: string; role: string }[],
  idempotency: { key: string; requestHash: string } | null,
): SQL {
  const claim = idempotency
    ? sql`insert into idempotency_keys (user_id, key, request_hash, generation_id)
          values (${row.userId}, ${idempotency.key}, ${idempotency.requestHash}, ${row.id})
          on conflict do nothing returning 1`
    : sql`select 1`;
  // First, so a concurrent request with the same key waits here until this one ends.
  return sql`
    with claim as (${claim}),
    ${generationDebitClauses({ userId: row.userId, generationId: row.id, amount: row.cost, when: sql`exists (select 1 from claim)` })},
    gen as (
      insert into generations (id, user_id, status, tool, parent_image_id, factor, prompt, negative_prompt, sent_prompt, sent_negative_prompt, model_id, provider, provider_model,
                               aspect_ratio, count, seed, steps, guidance, strength, sampler, cost, deadline_at, created_at, updated_at)
      select ${row.id}, ${row.userId}, ${row.status}, ${row.tool}, ${row.parentImageId}, ${row.factor}::int, ${row.prompt}, ${row.negativePrompt}, ${row.sentPrompt},
             ${row.sentNegativePrompt}, ${row.modelId}, ${row.provider},
             ${row.providerModel}, ${row.aspectRatio}, ${row.count}, ${row.seed}, ${row.steps}, ${row.guidance}, ${row.strength},
             ${row.sampler}, ${row.cost}, ${row.deadlineAt.toISOString()},
             ${row.createdAt.toISOString()}, ${row.updatedAt.toISOString()}
      where exists (select 1 from debit_entry)
      returning id
    ),
    refs as (
      insert into generation_references (generation_id, upload_id, position, role)
      select gen.id, r.ref->>'id', r.n - 1, r.ref->>'role'
      from gen, jsonb_array_elements(${JSON.stringify(refs)}::jsonb) with ordinality as r(ref, n)
      returning 1
    ),
    job as (${deps.queue.insertSql(runJob, sql`jsonb_build_object('generationId', gen.id)`, sql`gen`)}),
    ${promptHistoryClauses({ userId: row.userId, prompt: row.prompt, when: sql`exists (select 1 from gen)` })},
    ${deps.events.debitClauses({ userId: row.userId, amount: row.cost, now: row.createdAt })}
    select (select count(*) from claim)::int as claimed, (select count(*) from gen)::int as created,
           (select count(*) from refs)::int as refs, (select count(*) from job)::int as jobs`;
}

/** The same key again: the first request's generation, or 409 when the body differs. */
async function replayIdempotent(
  deps: Pick<GenerationContext, 'db' | 'modelNames'>,
  userId: string,
  key: string,
  requestHash: string,
): Promise<Generation> {
  const [first] = await deps.db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  if (!first || first.requestHash !== requestHash) {
    throw new AppError('conflict', 'This Idempotency-Key was already used for a different request.', { field: 'Idempotency-Key' });
  }
  return getGenerationOrThrow(deps, { userId, generationId: first.generationId });
}

/**
 * A photograph (as the image check read it at upload) may not steer sexual
 * content, whatever the account opted into: 422 content_policy photo_sexual,
 * before anything is charged or sent. "Sexual" is the prompt policy's own
 * reading, as for an account without the opt-in.
 */
function refusePhotoWithSexualPrompt(references: { photographic: boolean }[], prompt: string, negativePrompt: string | null): void {
  if (!references.some((r) => r.photographic)) return;
  const decision = decidePrompt({ prompt, negativePrompt, mature: false, denylist: [] });
  if (decision.decision === 'allow') return;
  throw new AppError(
    'content_policy',
    'This was refused: a photograph cannot be used as a reference for sexual content. Nothing was charged.',
    { field: 'referenceUploadIds', category: 'photo_sexual' },
  );
}
