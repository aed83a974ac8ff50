/** The largest adjustment the server takes either way (contracts/admin.ts adjustCreditsSchema). */
const LIMIT = 1_000_000;

/** Reads the amount an operator typed: a whole number other than zero within the limit (a leading + or minus sign allowed), or null. */
export function parseDelta(text: string): number | null {
  const match = /^\s*([-+−]?)(\d+)\s*$/.exec(text);
  if (!match) return null;
  const n = Number(match[2]) * (match[1] === '-' || match[1] === '−' ? -1 : 1);
  return Number.isSafeInteger(n) && n !== 0 && Math.abs(n) <= LIMIT ? n : null;
}
