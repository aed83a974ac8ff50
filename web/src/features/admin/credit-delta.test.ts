import { describe, expect, it } from 'vitest';
import { parseDelta } from './credit-delta.js';

describe('the credit adjustment amount', () => {
  it('reads whole numbers, added or taken back', () => {
    expect(parseDelta('50')).toBe(50);
    expect(parseDelta(' +50 ')).toBe(50);
    expect(parseDelta('-20')).toBe(-20);
    // The minus sign a phone keyboard or a pasted text may carry.
    expect(parseDelta('−20')).toBe(-20);
    expect(parseDelta('1000000')).toBe(1_000_000);
  });

  it('refuses zero, fractions, words and amounts past the limit', () => {
    for (const text of ['', '0', '-0', '1.5', '1e3', 'ten', '--5', '1000001', '-1000001']) expect(parseDelta(text), text).toBeNull();
  });
});
