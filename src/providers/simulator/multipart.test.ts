import { describe, expect, it } from 'vitest';
import { parseMultipart } from './multipart.js';

describe('parseMultipart', () => {
  it('reads the fields and the binary file that fetch serialises from FormData', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff]);
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'image/png' }), 'a.png');
    form.append('uploadPath', 'animegen');
    const request = new Request('http://x/', { method: 'POST', body: form });
    const parts = parseMultipart(Buffer.from(await request.arrayBuffer()), request.headers.get('content-type') ?? '');
    const file = parts?.find((p) => p.name === 'file');
    expect(file).toMatchObject({ filename: 'a.png', contentType: 'image/png' });
    expect(file?.data.equals(bytes)).toBe(true);
    expect(parts?.find((p) => p.name === 'uploadPath')?.data.toString()).toBe('animegen');
  });

  it('returns undefined without a boundary', () => {
    expect(parseMultipart(Buffer.from('x'), 'multipart/form-data')).toBeUndefined();
  });
});
