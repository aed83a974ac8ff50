import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storageContract } from '../../test/helpers/storage-contract.js';
import { createLocalStorage } from './local.js';

const freshDir = () => mkdtempSync(join(tmpdir(), 'animegen-storage-'));

storageContract('local folder', () => createLocalStorage(join(freshDir(), 'files')));

describe('local storage', () => {
  it('leaves no temporary file beside what it wrote', async () => {
    const root = join(freshDir(), 'files');
    const storage = createLocalStorage(root);
    await storage.put('users/u1/uploads/a.png', Buffer.from('a'), 'image/png');
    expect(readdirSync(join(root, 'users/u1/uploads'))).toEqual(['a.png']);
  });
});
