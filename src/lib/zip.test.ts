import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildZip, crc32 } from './zip.js';

describe('buildZip', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('writes an archive that unzip verifies and reads back byte for byte', () => {
    const binary = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) % 256));
    const zip = buildZip([
      { name: 'README.txt', data: Buffer.from('hello\n'.repeat(100)) },
      { name: 'data/profile.json', data: Buffer.from(JSON.stringify({ name: 'さくら' })) },
      { name: 'images/a.png', data: binary, store: true },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
    const file = join(dir, 'x.zip');
    writeFileSync(file, zip);
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected');
    expect(execFileSync('unzip', ['-p', file, 'data/profile.json'], { encoding: 'utf8' })).toBe('{"name":"さくら"}');
    expect(execFileSync('unzip', ['-p', file, 'images/a.png']).equals(binary)).toBe(true);
  });
});
