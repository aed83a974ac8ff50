/**
 * The task ids the KIE adapter hands out say which KIE API made them. A
 * Market id is passed on as KIE sent it (so ids stored before Midjourney
 * existed keep working); a Midjourney id gets the `mj:` prefix, because its
 * status lives at another endpoint and KIE's own ids carry no reliable mark
 * of their family. The pipeline stores and compares ids as opaque strings;
 * only this adapter reads the prefix, and it is stripped before KIE sees one.
 */

const MIDJOURNEY_PREFIX = 'mj:';

export type TaskApi = 'market' | 'midjourney';

/** The id we hand out for a task KIE created on `api`. */
export function ourTaskId(api: TaskApi, kieTaskId: string): string {
  return api === 'midjourney' ? `${MIDJOURNEY_PREFIX}${kieTaskId}` : kieTaskId;
}

/** Which API an id we handed out belongs to, and KIE's own id. */
export function kieTaskIdOf(taskId: string): { api: TaskApi; id: string } {
  return taskId.startsWith(MIDJOURNEY_PREFIX)
    ? { api: 'midjourney', id: taskId.slice(MIDJOURNEY_PREFIX.length) }
    : { api: 'market', id: taskId };
}
