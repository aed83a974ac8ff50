import { z } from 'zod';

/**
 * The name and payload of webhook.deliver (one attempt of one delivery), for
 * its senders: the event's transaction, the retry sweeper and a re-send.
 * jobs.ts adds its policy and handler.
 */
export const deliveryJobShape = {
  name: 'webhook.deliver',
  payload: z.object({ deliveryId: z.uuid(), manual: z.boolean().default(false) }),
} as const;
