import { type SQL, sql } from 'drizzle-orm';
import { MAX_HISTORY } from '../contracts/prompts.js';
import { newId } from '../lib/ids.js';

/**
 * Records a sent prompt as CTE clauses (`history_trim`, `history`) for the
 * submit's one statement, so the prompt is kept exactly when the generation
 * is created (`when`, e.g. "the generation row was inserted"): a refused
 * submit records nothing. The same prompt again moves to the top instead of
 * adding a row; the account keeps its MAX_HISTORY newest prompts. Every CTE
 * of a statement sees the table as it was before the statement, so the trim
 * keeps MAX_HISTORY - 1 of the other prompts and the upsert adds the one.
 * The time is the database's, to the microsecond, so two prompts sent within
 * a millisecond still keep their order.
 *
 * The trim deletes what is older than the last kept prompt, a condition on
 * the row itself: when another submit of the same account has just moved a
 * prompt to the top, PostgreSQL re-checks the row as that submit left it and
 * keeps it (a list of ids chosen from this statement's snapshot would delete
 * it). Ties at the cut, to the microsecond, may keep a row more; the next
 * submit trims it.
 */
export function promptHistoryClauses(input: { userId: string; prompt: string; when: SQL }): SQL {
  return sql`
    history_trim as (
      delete from prompt_history
      where ${input.when} and user_id = ${input.userId} and md5(prompt) <> md5(${input.prompt})
        and used_at < (
          select used_at from prompt_history
          where user_id = ${input.userId} and md5(prompt) <> md5(${input.prompt})
          order by used_at desc, id desc
          offset ${MAX_HISTORY - 2} limit 1
        )
      returning 1
    ),
    history as (
      insert into prompt_history (id, user_id, prompt, used_at)
      select ${newId()}, ${input.userId}, ${input.prompt}, statement_timestamp()
      where ${input.when}
      on conflict (user_id, md5(prompt)) do update set used_at = excluded.used_at
      returning 1
    )`;
}
