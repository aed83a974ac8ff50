import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTaskInput, type SimulatedKie, startSimulatedKie } from '../../../test/fakes/kie-simulator.js';
import type { ReferenceImage } from '../types.js';

/**
 * The mask contract for KIE's inpaint model: Ideogram V3 edit repaints where
 * the mask is BLACK, the inverse of ours, so the file the adapter uploads
 * must be our mask inverted. Read back from the simulator's file store.
 */

let kie: SimulatedKie;
afterEach(async () => {
  await kie?.close();
});

const png = (bytes: Buffer, name: string): ReferenceImage => ({ name, bytes, contentType: 'image/png' });

describe('KIE mask colours', () => {
  it('ideogram/v3-edit gets a mask BLACK where ours is white (change), WHITE where ours is black (keep)', async () => {
    kie = await startSimulatedKie();
    const source = await sharp({ create: { width: 32, height: 16, channels: 3, background: '#3366aa' } })
      .png()
      .toBuffer();
    const ours = await sharp({ create: { width: 32, height: 16, channels: 3, background: '#000' } })
      .composite([{ input: { create: { width: 16, height: 16, channels: 3, background: '#fff' } }, left: 0, top: 0 }])
      .png()
      .toBuffer();
    await kie.provider.createTask(
      makeTaskInput({
        providerModel: 'ideogram/v3-edit',
        tool: 'inpaint',
        source: png(source, 'source.png'),
        mask: png(ours, 'mask.png'),
      }),
    );
    const maskUrl = String(kie.sim.tasks()[0]?.input.mask_url);
    const res = await fetch(maskUrl, { headers: { 'User-Agent': 'mask-contract-test' } });
    expect(res.status).toBe(200);
    const { data, info } = await sharp(Buffer.from(await res.arrayBuffer()))
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([32, 16]);
    const at = (x: number, y: number) => data[(y * info.width + x) * info.channels];
    expect(at(3, 8)).toBe(0);
    expect(at(28, 8)).toBe(255);
  });
});
