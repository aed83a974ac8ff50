import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob, noPayload, queueFor } from '../lib/job.js';
import type { JobQueue } from './queue.js';

const exampleJob = defineJob({
  name: 'example.run',
  payload: z.object({ thingId: z.uuid() }),
  policy: (s: { attempts: number }) => ({ retryLimit: s.attempts - 1, retryDelaySeconds: 2, retryBackoff: true, expireInSeconds: 60 }),
  run: async () => {},
});

describe('job definitions', () => {
  it('give the queue its name and the policy for the settings', () => {
    expect(queueFor(exampleJob, { attempts: 4 })).toEqual({
      name: 'example.run',
      retryLimit: 3,
      retryDelaySeconds: 2,
      retryBackoff: true,
      expireInSeconds: 60,
    });
  });

  it('check payloads with the schema the sender is typed by; scheduled runs carry none', () => {
    expect(exampleJob.payload.safeParse({ thingId: '6f1c1f8e-5b8a-4a56-9d4b-0e7b1d6f2a10' }).success).toBe(true);
    expect(exampleJob.payload.safeParse({ thingId: 'x' }).success).toBe(false);
    expect(noPayload.safeParse(null).success).toBe(true);
    expect(noPayload.safeParse('text').success).toBe(false);
  });

  it('refuse, at compile time, a payload that is not the job’s', () => {
    const send = (queue: JobQueue) => {
      // @ts-expect-error a field of another job's payload
      void queue.send(null, exampleJob, { exportId: 'e' });
      // @ts-expect-error the right field with the wrong type
      void queue.send(null, exampleJob, { thingId: 42 });
      void queue.send(null, exampleJob, { thingId: 'ok' });
    };
    expect(typeof send).toBe('function');
  });
});
