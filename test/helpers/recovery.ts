import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../src/db/index.js';
import type { Simulator } from '../../src/providers/index.js';

/** A verified account on a running server (sign-up, then the dev mailbox's link): its session cookie. */
export async function signUpOverHttp(base: string, name: string): Promise<string> {
  const email = `${name}-${Date.now()}@example.com`;
  const response = await fetch(`${base}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { origin: base, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'long enough pw', name, ageConfirmed: true }),
  });
  if (response.status !== 200) throw new Error(`sign-up: ${response.status} ${await response.text()}`);
  const mail = (await (await fetch(`${base}/api/dev/mail`)).json()).messages.find((m: { to: string }) => m.to === email);
  const verify = await fetch(mail.links[0], { redirect: 'manual' });
  return verify.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Submits a nano-banana generation as the cookie's user; its id. */
export async function submitOverHttp(base: string, cookie: string, prompt: string): Promise<string> {
  const response = await fetch(`${base}/api/generations`, {
    method: 'POST',
    headers: { origin: base, 'content-type': 'application/json', cookie },
    body: JSON.stringify({ prompt, model: 'nano-banana', aspectRatio: '1:1' }),
  });
  if (response.status !== 202) throw new Error(`submit: ${response.status} ${await response.text()}`);
  return (await response.json()).id;
}

/** Polls until `done()` holds; the seconds it took. Fails past `limitSeconds` with `explain()`. */
export async function secondsUntil(done: () => Promise<boolean>, limitSeconds: number, explain: () => string): Promise<number> {
  const start = Date.now();
  while (!(await done().catch(() => false))) {
    if (Date.now() - start > limitSeconds * 1000) throw new Error(`not done after ${limitSeconds} s:\n${explain()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return (Date.now() - start) / 1000;
}

/** Per generation: its status, job runs (attempts), debits, refunds, and how many tasks the provider was asked to create for its prompt. */
export async function settlementOf(db: Db, sim: Simulator) {
  const rows = await queryRows<{ id: string; prompt: string; status: string; attempts: number; debits: number; refunds: number }>(
    db,
    sql`select g.id, g.prompt, g.status, g.attempts,
               (select count(*)::int from credit_entries e where e.kind = 'generation_debit' and e.reference = g.id) as debits,
               (select count(*)::int from credit_entries e where e.kind = 'generation_refund' and e.reference = g.id) as refunds
        from generations g order by g.prompt`,
  );
  const created = new Map<string, number>();
  for (const task of sim.tasks()) created.set(String(task.input.prompt), (created.get(String(task.input.prompt)) ?? 0) + 1);
  return rows.map((r) => ({ ...r, tasks: created.get(r.prompt) ?? 0 }));
}
