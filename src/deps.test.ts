import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { describeSetup } from './deps.js';

describe('describeSetup (the start-up banner)', () => {
  it('says what a fresh checkout runs with: demo images, the embedded database, the dev mailbox', () => {
    const setup = describeSetup(loadConfig({ DATA_DIR: './data' }), { mailDelivery: 'dev-mailbox' });
    expect(setup).toEqual({
      url: 'http://localhost:3000',
      images: expect.stringMatching(/^demo images from the built-in KIE simulator/),
      database: `embedded PGlite in ${resolve('data/db')}`,
      mail: 'the dev mailbox at http://localhost:3000/dev/mail',
      imageChecks: 'local classifier (NSFWJS, WebAssembly)',
    });
  });

  it('names servers by address only: never a password, a user name or a key', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://animegen:db-pa55@db.internal:5433/animegen',
      SMTP_URL: 'smtps://mailer:smtp-pa55@smtp.example.com:465',
      PROVIDER: 'a1111',
      A1111_URL: 'http://webui:ui-pa55@gpu.local:7860/',
      KIE_API_KEY: 'kie-key-123',
    });
    const setup = describeSetup(config, { mailDelivery: 'smtp' });
    expect(setup.database).toBe('PostgreSQL db.internal:5433/animegen');
    expect(setup.mail).toBe('SMTP via smtp.example.com:465');
    expect(setup.images).toBe('AUTOMATIC1111 at http://gpu.local:7860');
    expect(JSON.stringify(setup)).not.toMatch(/pa55|kie-key|animegen:|mailer|webui/);
    const comfy = describeSetup(
      loadConfig({ PROVIDER: 'comfyui', COMFYUI_URL: 'https://gpu.local:8443/comfy/', COMFYUI_TOKEN: 'tok-pa55' }),
      { mailDelivery: 'log' },
    );
    expect(comfy.images).toBe('ComfyUI at https://gpu.local:8443');
    const kie = describeSetup(loadConfig({ KIE_API_KEY: 'kie-key-123' }), { mailDelivery: 'log' });
    expect(kie).toMatchObject({ images: 'KIE (api.kie.ai)', mail: 'this log only' });
  });
});
