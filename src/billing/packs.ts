import { z } from 'zod';

/** A credit pack users can buy: credits for a price in the currency's minor unit (cents; yen for JPY). */
export const creditPackSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  name: z.string().min(1).max(80),
  credits: z.number().int().positive().max(1_000_000),
  price: z.number().int().positive().max(100_000_000),
  currency: z.string().regex(/^[a-z]{3}$/, 'an ISO 4217 code in lower case, e.g. "eur"'),
});
export type CreditPack = z.infer<typeof creditPackSchema>;

export const defaultCreditPacks: CreditPack[] = [
  { id: 'small', name: '100 credits', credits: 100, price: 499, currency: 'eur' },
  { id: 'medium', name: '300 credits', credits: 300, price: 1299, currency: 'eur' },
  { id: 'large', name: '1000 credits', credits: 1000, price: 3499, currency: 'eur' },
];

/** Reads CREDIT_PACKS_JSON; throws an Error whose message says what is wrong. */
export function parseCreditPacks(json: string | undefined): CreditPack[] {
  if (!json) return defaultCreditPacks;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('not valid JSON');
  }
  const parsed = z.array(creditPackSchema).min(1).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const ids = parsed.data.map((p) => p.id);
  if (new Set(ids).size !== ids.length) throw new Error('pack ids must be unique');
  return parsed.data;
}
