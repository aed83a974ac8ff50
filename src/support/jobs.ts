import { z } from 'zod';
import { defineJob, type JobWorker, type QueueDefinition, queueFor } from '../lib/job.js';
import type { SupportContext } from './context.js';
import { sendReplyNotice } from './send-reply-notice.js';

/** support.reply-notice: e-mails the user that an operator answered (sent with the reply, in its transaction). */
export const replyNoticeJob = defineJob({
  name: 'support.reply-notice',
  payload: z.object({ messageId: z.uuid() }),
  policy: () => ({ retryLimit: 5, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 300 }),
  run: (ctx: SupportContext, payload) => sendReplyNotice(ctx, payload),
});

export const supportQueues: QueueDefinition[] = [queueFor(replyNoticeJob, undefined)];

export async function registerSupportJobs(queue: JobWorker, ctx: SupportContext): Promise<void> {
  await queue.work(replyNoticeJob, ctx);
}
