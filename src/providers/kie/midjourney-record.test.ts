import { describe, expect, it } from 'vitest';
import { kieCallbacks } from './callbacks.js';
import { midjourneyResultUrls, midjourneyStateFromRecord } from './midjourney-record.js';

const urls = ['https://tempfile.aiquickdraw.com/a_0_0.jpeg', 'https://tempfile.aiquickdraw.com/a_0_1.jpeg'];
const objects = { resultUrls: urls.map((resultUrl) => ({ resultUrl })) };

describe('Midjourney record-info', () => {
  it('reads resultInfoJson as an object or a JSON string, with entries as objects or plain URLs', () => {
    expect(midjourneyResultUrls(objects)).toEqual(urls);
    expect(midjourneyResultUrls(JSON.stringify(objects))).toEqual(urls);
    expect(midjourneyResultUrls({ resultUrls: urls })).toEqual(urls);
    expect(midjourneyResultUrls(JSON.stringify({ resultUrls: urls }))).toEqual(urls);
    expect(midjourneyResultUrls({ resultUrls: [{ resultUrl: '' }, null, 7, { resultUrl: urls[0] }] })).toEqual([urls[0]]);
    expect(midjourneyResultUrls('{not json')).toEqual([]);
    expect(midjourneyResultUrls(null)).toEqual([]);
  });

  it('maps successFlag 1 to success with every result, in order', () => {
    expect(midjourneyStateFromRecord({ successFlag: 1, resultInfoJson: objects })).toEqual({ state: 'succeeded', resultUrls: urls });
    expect(midjourneyStateFromRecord({ successFlag: '1', resultInfoJson: JSON.stringify(objects) })).toEqual({
      state: 'succeeded',
      resultUrls: urls,
    });
  });

  it('reads a success without results as a failed generation, not as a success with nothing to show', () => {
    const state = midjourneyStateFromRecord({ successFlag: 1, resultInfoJson: null });
    expect(state.state === 'failed' && state.error.code).toBe('generation_failed');
  });

  it('maps flags 2 and 3 to terminal failures, a content-policy message to a rejection', () => {
    const failed = midjourneyStateFromRecord({ successFlag: 3, errorCode: 500, errorMessage: 'Image generation failed' });
    expect(failed.state === 'failed' && failed.error).toMatchObject({ code: 'generation_failed', kind: 'permanent' });
    const refused = midjourneyStateFromRecord({ successFlag: 2, errorCode: 400, errorMessage: 'The prompt was flagged by moderation' });
    expect(refused.state === 'failed' && refused.error).toMatchObject({ code: 'content_policy', kind: 'rejected' });
  });

  it('reads flag 0, a missing flag and an unknown one as pending', () => {
    for (const successFlag of [0, undefined, 9]) expect(midjourneyStateFromRecord({ successFlag })).toEqual({ state: 'pending' });
  });
});

describe('KIE callbacks name the task as the adapter handed it out', () => {
  const callbacks = kieCallbacks(null);

  it('gives a Midjourney callback (flat resultUrls, promptJson) the mj: prefix the stored id has', () => {
    const success = { code: 200, msg: 'ok', data: { taskId: 'mj_task_1', promptJson: '{}', resultUrls: urls } };
    const failure = { code: 500, msg: 'Image generation failed', data: { taskId: 'mj_task_2', promptJson: '{}', resultUrls: [] } };
    expect(callbacks.taskIdOf(success)).toBe('mj:mj_task_1');
    expect(callbacks.taskIdOf(failure)).toBe('mj:mj_task_2');
  });

  it('leaves a Market callback id as KIE sent it', () => {
    const market = { code: 200, data: { taskId: 'task_abc', model: 'google/nano-banana', state: 'success', resultJson: '{}' } };
    expect(callbacks.taskIdOf(market)).toBe('task_abc');
    expect(callbacks.taskIdOf({ data: { task_id: 'e98f' } })).toBe('e98f');
  });
});
