/**
 * The shapes of KIE's Midjourney API that differ from the Market's: the
 * record-info `data` (successFlag, resultInfoJson as an object of
 * `{resultUrl}` entries, ISO times) and the callback (a flat `resultUrls`
 * list of strings).
 */

export interface MidjourneyTaskFacts {
  taskId: string;
  taskType?: string;
  param: string;
  createTime: number;
  completeTime?: number;
  outcome?: { state: 'success'; resultUrls: string[] } | { state: 'fail'; failCode: string; failMsg: string };
}

/**
 * 0 generating, 1 success, 2 failed, 3 created but generation failed. The
 * simulator reports a content-policy refusal (failCode 400) as 2 and any
 * other failure as 3; both are terminal.
 */
function successFlag(task: MidjourneyTaskFacts): 0 | 1 | 2 | 3 {
  if (task.outcome?.state === 'success') return 1;
  if (task.outcome?.state === 'fail') return task.outcome.failCode === '400' ? 2 : 3;
  return 0;
}

/** GET /api/v1/mj/record-info `data`. */
export function midjourneyRecord(task: MidjourneyTaskFacts): Record<string, unknown> {
  const outcome = task.outcome;
  return {
    taskId: task.taskId,
    taskType: task.taskType ?? 'mj_txt2img',
    paramJson: task.param,
    successFlag: successFlag(task),
    resultInfoJson: outcome?.state === 'success' ? { resultUrls: outcome.resultUrls.map((resultUrl) => ({ resultUrl })) } : null,
    errorCode: outcome?.state === 'fail' ? Number(outcome.failCode) : null,
    errorMessage: outcome?.state === 'fail' ? outcome.failMsg : null,
    createTime: new Date(task.createTime).toISOString(),
    completeTime: task.completeTime ? new Date(task.completeTime).toISOString() : null,
  };
}

/** The callback body KIE's Midjourney API posts when a task ends. */
export function midjourneyCallback(task: MidjourneyTaskFacts): object {
  const outcome = task.outcome;
  if (outcome?.state === 'success') {
    return {
      code: 200,
      msg: 'Image generated successfully.',
      data: { taskId: task.taskId, promptJson: task.param, resultUrls: outcome.resultUrls },
    };
  }
  const refused = outcome?.state === 'fail' && outcome.failCode === '400';
  return {
    code: refused ? 400 : 500,
    msg: refused ? outcome.failMsg : 'Image generation failed',
    data: { taskId: task.taskId, promptJson: task.param, resultUrls: [] },
  };
}
