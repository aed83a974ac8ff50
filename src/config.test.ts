import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, type Env, loadConfig } from './config.js';
import { loadComfyWorkflows } from './providers/index.js';

describe('loadConfig', () => {
  it('runs with no variables at all: embedded database, simulator, port 3000', () => {
    const c = loadConfig({});
    expect(c.http.port).toBe(3000);
    expect(c.database.kind).toBe('pglite');
    expect(c.provider.kind).toBe('simulator');
    expect(c.auth.signupCredits).toBe(20);
    expect(c.auth.minAge).toBe(16);
  });

  it('knows whether only this machine can reach the server (the dev mailbox depends on it)', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) expect(loadConfig({ HOST: host }).http.loopback, host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) expect(loadConfig({ HOST: host }).http.loopback, host).toBe(false);
  });

  it('takes a dead worker’s jobs over after a 30 s lease by default, and refuses a lease too short to renew', () => {
    expect(loadConfig({}).queue.leaseSeconds).toBe(30);
    expect(loadConfig({ JOB_LEASE_SECONDS: '10' }).queue.leaseSeconds).toBe(10);
    expect(() => loadConfig({ JOB_LEASE_SECONDS: '1' })).toThrow(/JOB_LEASE_SECONDS/);
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toContain('PORT');
      expect(msg).toContain('DATABASE_URL');
    }
  });

  it('never prints a secret', () => {
    const c = loadConfig({ KIE_API_KEY: 'sk-very-secret' });
    expect(c.provider.kind).toBe('kie');
    expect(JSON.stringify(c)).not.toContain('sk-very-secret');
    expect(String(c.provider.kind === 'kie' && c.provider.apiKey)).toBe('[redacted]');
  });

  it('refuses WEBHOOK_ALLOW_INSECURE in production and keeps webhooks to https and public addresses by default', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40), WEBHOOK_ALLOW_INSECURE: '1' })).toThrow(
      /WEBHOOK_ALLOW_INSECURE/,
    );
    expect(loadConfig({}).webhooks).toEqual({ allowInsecure: false, timeoutMs: 10_000, creditsLowThreshold: 10 });
    expect(loadConfig({ WEBHOOK_ALLOW_INSECURE: '1' }).webhooks.allowInsecure).toBe(true);
  });

  it('requires AUTH_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET/);
  });

  it('chooses the provider: simulator by default, KIE with a key, AUTOMATIC1111 when asked', () => {
    expect(loadConfig({}).provider.kind).toBe('simulator');
    expect(loadConfig({ KIE_API_KEY: 'k' }).provider.kind).toBe('kie');
    const a = loadConfig({ PROVIDER: 'a1111', A1111_URL: 'http://127.0.0.1:7860' });
    expect(a.provider.kind).toBe('a1111');
    expect(a.models.map((m) => m.id)).toEqual(['local-anime']);
    expect(() => loadConfig({ PROVIDER: 'a1111' })).toThrow(/A1111_URL/);
    expect(() => loadConfig({ PROVIDER: 'kie' })).toThrow(/KIE_API_KEY/);
  });

  it('configures ComfyUI: its URL required, the token redacted, templates checked at start-up naming the bad file', () => {
    const c = loadConfig({ PROVIDER: 'comfyui', COMFYUI_URL: 'http://127.0.0.1:8188', COMFYUI_TOKEN: 'proxy-token-123' });
    expect(c.provider).toMatchObject({ kind: 'comfyui', baseUrl: 'http://127.0.0.1:8188', megapixels: 1 });
    expect(JSON.stringify(c)).not.toContain('proxy-token-123');
    expect(c.models).toEqual([
      expect.objectContaining({ id: 'local-anime', family: 'sdxl', samplers: expect.arrayContaining(['Euler a']) }),
    ]);
    expect(() => loadConfig({ PROVIDER: 'comfyui' })).toThrow(/COMFYUI_URL: required when PROVIDER=comfyui/);
    expect(() => loadConfig({ PROVIDER: 'comfyui', COMFYUI_URL: 'http://me:pa55@gpu.local:8188' })).toThrow(/COMFYUI_URL: no credentials/);
    const dir = mkdtempSync(join(tmpdir(), 'comfy-config-'));
    try {
      writeFileSync(join(dir, 'txt2img.json'), JSON.stringify({ '9': { class_type: 'SaveImage', inputs: {} } }));
      expect(() => loadConfig({ PROVIDER: 'comfyui', COMFYUI_URL: 'http://127.0.0.1:8188', COMFYUI_WORKFLOWS_DIR: dir })).toThrow(
        `COMFYUI_WORKFLOWS_DIR: ${join(dir, 'txt2img.json')}: no sampler node`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('offers the local checkpoint the image tools its provider can do: all four on AUTOMATIC1111, those with a template on ComfyUI', () => {
    const toolsOf = (env: Record<string, string>) => Object.keys(loadConfig(env).models[0]?.tools ?? {});
    const four = ['img2img', 'variations', 'inpaint', 'upscale'];
    expect(toolsOf({ PROVIDER: 'a1111', A1111_URL: 'http://127.0.0.1:7860', A1111_UPSCALER: 'SwinIR 4x' })).toEqual(four);
    expect(loadConfig({ PROVIDER: 'a1111', A1111_URL: 'http://127.0.0.1:7860', A1111_UPSCALER: 'SwinIR 4x' }).provider).toMatchObject({
      upscaler: 'SwinIR 4x',
    });
    expect(toolsOf({ PROVIDER: 'comfyui', COMFYUI_URL: 'http://127.0.0.1:8188' })).toEqual(four);
    const dir = mkdtempSync(join(tmpdir(), 'comfy-tools-'));
    try {
      const { txt2img, upscale } = loadComfyWorkflows();
      writeFileSync(join(dir, 'txt2img.json'), JSON.stringify(txt2img.graph));
      writeFileSync(join(dir, 'upscale.json'), JSON.stringify(upscale?.graph));
      expect(toolsOf({ PROVIDER: 'comfyui', COMFYUI_URL: 'http://127.0.0.1:8188', COMFYUI_WORKFLOWS_DIR: dir })).toEqual(['upscale']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads STORAGE_URL: a local folder by default, S3 with its settings, clear errors otherwise', () => {
    expect(loadConfig({ DATA_DIR: '/srv/ag' }).storage).toEqual({ kind: 'local', path: '/srv/ag/files' });
    const s3 = loadConfig({
      STORAGE_URL: 's3://my-bucket/images',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'sk',
    });
    expect(s3.storage).toMatchObject({ kind: 's3', bucket: 'my-bucket', prefix: 'images', forcePathStyle: true });
    expect(JSON.stringify(s3)).not.toContain('"sk"');
    expect(() => loadConfig({ STORAGE_URL: 'ftp://x' })).toThrow(/STORAGE_URL/);
    expect(() => loadConfig({ STORAGE_URL: 's3://my-bucket', S3_ACCESS_KEY_ID: 'only-one' })).toThrow(/S3_SECRET_ACCESS_KEY/);
  });

  it('switches billing on only with both Stripe secrets, never printing them', () => {
    expect(loadConfig({}).billing.stripe).toBeNull();
    expect(loadConfig({}).billing.packs.map((p) => [p.credits, p.price, p.currency])).toEqual([
      [100, 499, 'eur'],
      [300, 1299, 'eur'],
      [1000, 3499, 'eur'],
    ]);
    const on = loadConfig({
      STRIPE_SECRET_KEY: 'sk_test_abc',
      STRIPE_WEBHOOK_SECRET: 'whsec_xyz',
      STRIPE_API_BASE: 'http://127.0.0.1:12111',
    });
    expect(on.billing.stripe?.apiBase).toBe('http://127.0.0.1:12111');
    expect(on.billing.stripe?.secretKey.reveal()).toBe('sk_test_abc');
    expect(JSON.stringify(on)).not.toMatch(/sk_test_abc|whsec_xyz/);
    expect(() => loadConfig({ STRIPE_SECRET_KEY: 'sk_test_abc' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(() => loadConfig({ STRIPE_API_BASE: 'not a url' })).toThrow(/STRIPE_API_BASE/);
  });

  it('reads CREDIT_PACKS_JSON and names it when it is not valid', () => {
    const packs = '[{"id":"yen","name":"500 credits","credits":500,"price":800,"currency":"jpy"}]';
    expect(loadConfig({ CREDIT_PACKS_JSON: packs }).billing.packs).toEqual([JSON.parse(packs)[0]]);
    expect(() => loadConfig({ CREDIT_PACKS_JSON: '[' })).toThrow(/CREDIT_PACKS_JSON/);
    expect(() => loadConfig({ CREDIT_PACKS_JSON: '[{"id":"a","name":"A","credits":1,"price":1,"currency":"EURO"}]' })).toThrow(
      /CREDIT_PACKS_JSON/,
    );
    expect(() => loadConfig({ CREDIT_PACKS_JSON: `[${packs.slice(1, -1)},${packs.slice(1, -1)}]` })).toThrow(/unique/);
  });

  it('names MODELS_JSON when it is not valid', () => {
    expect(() => loadConfig({ MODELS_JSON: '{nope' })).toThrow(/MODELS_JSON/);
    expect(() => loadConfig({ MODELS_JSON: '[{"id":"x"}]' })).toThrow(/MODELS_JSON/);
  });

  it('reads PRESETS_JSON over the built-in presets, and names the variable and the field when it is wrong', () => {
    const problemOf = (json: string) => {
      try {
        loadConfig({ PRESETS_JSON: json });
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as ConfigError).problems;
      }
      return [];
    };
    const defaults = loadConfig({}).presets;
    expect(defaults.styles.length).toBeGreaterThanOrEqual(12);
    const own = loadConfig({
      PRESETS_JSON: JSON.stringify({ families: { sdxl: { quality: 'q', undesired: { heavy: 'h', light: 'l', none: '' } } } }),
    });
    expect(own.presets.families.sdxl?.quality).toBe('q');
    expect(own.presets.families.natural).toEqual(defaults.families.natural);
    expect(own.presets.styles).toEqual(defaults.styles);
    expect(problemOf('{nope')).toEqual(['PRESETS_JSON: not valid JSON']);
    expect(problemOf('{"colours":[]}')).toEqual([expect.stringMatching(/^PRESETS_JSON: .*colours/)]);
    expect(problemOf('{"families":{"sdxl":{"quality":"q"}}}')).toEqual([
      expect.stringMatching(/^PRESETS_JSON: families\.sdxl\.undesired: /),
    ]);
    const style = { id: 'mine', name: 'Mine', templates: { natural: '{prompt}, mine' } };
    expect(problemOf(JSON.stringify({ styles: [{ ...style, id: 'Not An Id' }] }))).toEqual([
      expect.stringMatching(/^PRESETS_JSON: styles\.0\.id: /),
    ]);
    expect(problemOf(JSON.stringify({ styles: [{ ...style, templates: { sdxl: 'tags' } }] }))).toEqual([
      expect.stringMatching(/^PRESETS_JSON: styles\.0\.templates\.natural: /),
    ]);
    expect(problemOf(JSON.stringify({ styles: [style, style] }))).toEqual(['PRESETS_JSON: styles: the id "mine" is used twice']);
  });

  it('refuses MODELS_JSON entries the KIE model cannot honour, naming the variable, the model and the problem', () => {
    const entry = { id: 'fox', name: 'Fox', providerModel: 'nano-banana-pro', cost: 2, aspectRatios: ['1:1'], maxReferences: 2 };
    const problemOf = (env: Env, changes: Record<string, unknown>) => {
      try {
        loadConfig({ ...env, MODELS_JSON: JSON.stringify([{ ...entry, ...changes }]) });
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as ConfigError).problems;
      }
      return [];
    };
    for (const env of [{}, { KIE_API_KEY: 'k' }]) {
      expect(problemOf(env, {})).toEqual([]);
      expect(problemOf(env, { aspectRatios: ['1:1', '7:3'] })).toEqual([
        expect.stringMatching(/^MODELS_JSON: model "fox": .*aspect ratio 7:3 /),
      ]);
      expect(problemOf(env, { maxReferences: 9 })).toEqual([expect.stringMatching(/^MODELS_JSON: model "fox": maxReferences 9 /)]);
      expect(problemOf(env, { providerModel: 'someone/new-model' })).toEqual([
        expect.stringMatching(/^MODELS_JSON: model "fox": .*no KIE mapping for providerModel "someone\/new-model"/),
      ]);
    }
    // Each problem of each entry gets its own line.
    expect(problemOf({}, { maxReferences: 9, maxPromptLength: 10_001 })).toHaveLength(2);
    // AUTOMATIC1111 runs whatever checkpoint it is given: no KIE table applies.
    const a1111 = { PROVIDER: 'a1111', A1111_URL: 'http://127.0.0.1:7860' };
    expect(problemOf(a1111, { providerModel: 'my-checkpoint', aspectRatios: ['7:3'] })).toEqual([]);
  });

  it('logs readably for a person at a terminal, JSON for collectors and in production, as LOG_FORMAT overrides', () => {
    const terminal = true;
    expect(loadConfig({}, terminal).log).toEqual({ level: 'info', format: 'pretty', colors: true });
    expect(loadConfig({}).log.format).toBe('json');
    expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40) }, terminal).log.format).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }, terminal).log.format).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).log).toMatchObject({ format: 'pretty', colors: false });
    expect(loadConfig({ NO_COLOR: '1' }, terminal).log.colors).toBe(false);
    expect(() => loadConfig({ LOG_FORMAT: 'fancy' })).toThrow(/LOG_FORMAT/);
  });

  describe('sign-in providers', () => {
    const problems = (env: Env): string[] => {
      try {
        loadConfig(env);
        return [];
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        return e.problems;
      }
    };
    const oidc = {
      OIDC_ISSUER: 'https://sso.example.org/realms/anime/',
      OIDC_CLIENT_ID: 'animegen',
      OIDC_CLIENT_SECRET: 'oidc-very-secret',
    };

    it('offers none by default, and each one whose client id and secret are both set, in a fixed order', () => {
      expect(loadConfig({}).auth.signInProviders).toEqual([]);
      const c = loadConfig({
        GITHUB_CLIENT_ID: 'gh-id',
        GITHUB_CLIENT_SECRET: 'gh-very-secret',
        GOOGLE_CLIENT_ID: 'g-id.apps.googleusercontent.com',
        GOOGLE_CLIENT_SECRET: 'g-very-secret',
        DISCORD_CLIENT_ID: '1234',
        DISCORD_CLIENT_SECRET: 'd-very-secret',
        ...oidc,
        OIDC_NAME: 'Company account',
      });
      expect(c.auth.signInProviders.map((p) => p.id)).toEqual(['google', 'discord', 'github', 'oidc']);
      // The issuer without its trailing slash: discovery is appended to it.
      expect(c.auth.signInProviders[3]).toMatchObject({
        id: 'oidc',
        issuer: 'https://sso.example.org/realms/anime',
        name: 'Company account',
      });
      expect(loadConfig(oidc).auth.signInProviders[0]).toMatchObject({ id: 'oidc', name: null });
    });

    it('keeps every client secret redacted', () => {
      const c = loadConfig({ GOOGLE_CLIENT_ID: 'g-id', GOOGLE_CLIENT_SECRET: 'g-very-secret', ...oidc });
      expect(JSON.stringify(c)).not.toMatch(/g-very-secret|oidc-very-secret/);
      expect(c.auth.signInProviders.map((p) => String(p.clientSecret))).toEqual(['[redacted]', '[redacted]']);
      expect(c.auth.signInProviders[1]?.clientSecret.reveal()).toBe('oidc-very-secret');
    });

    it('refuses to start with a pair half set, naming the missing variable', () => {
      expect(problems({ GOOGLE_CLIENT_ID: 'g-id' })).toEqual(['GOOGLE_CLIENT_SECRET: required when GOOGLE_CLIENT_ID is set']);
      expect(problems({ GOOGLE_CLIENT_SECRET: 's' })).toEqual(['GOOGLE_CLIENT_ID: required when GOOGLE_CLIENT_SECRET is set']);
      expect(problems({ DISCORD_CLIENT_ID: 'd-id' })).toEqual(['DISCORD_CLIENT_SECRET: required when DISCORD_CLIENT_ID is set']);
      expect(problems({ GITHUB_CLIENT_SECRET: 's' })).toEqual(['GITHUB_CLIENT_ID: required when GITHUB_CLIENT_SECRET is set']);
      // Every half-set pair at once, so one restart shows them all.
      expect(problems({ GOOGLE_CLIENT_ID: 'g-id', GITHUB_CLIENT_ID: 'gh-id' })).toHaveLength(2);
      // An empty value counts as unset, as everywhere.
      expect(problems({ GOOGLE_CLIENT_ID: 'g-id', GOOGLE_CLIENT_SECRET: '' })).toEqual([
        'GOOGLE_CLIENT_SECRET: required when GOOGLE_CLIENT_ID is set',
      ]);
    });

    it('needs the issuer, client id and secret of OpenID Connect together, and a real issuer URL', () => {
      expect(problems({ OIDC_ISSUER: oidc.OIDC_ISSUER })).toEqual([
        'OIDC_CLIENT_ID: required when OIDC_ISSUER is set',
        'OIDC_CLIENT_SECRET: required when OIDC_ISSUER is set',
      ]);
      expect(problems({ OIDC_ISSUER: oidc.OIDC_ISSUER, OIDC_CLIENT_ID: 'animegen' })).toEqual([
        'OIDC_CLIENT_SECRET: required when OIDC_ISSUER, OIDC_CLIENT_ID is set',
      ]);
      expect(problems({ OIDC_CLIENT_SECRET: 's' })).toEqual([
        'OIDC_ISSUER: required when OIDC_CLIENT_SECRET is set',
        'OIDC_CLIENT_ID: required when OIDC_CLIENT_SECRET is set',
      ]);
      expect(problems({ OIDC_NAME: 'Company account' })).toEqual([expect.stringMatching(/^OIDC_NAME: only used with OIDC_ISSUER/)]);
      expect(problems({ ...oidc, OIDC_ISSUER: 'sso.example.org' })).toEqual([expect.stringMatching(/^OIDC_ISSUER: /)]);
      expect(problems({ ...oidc, OIDC_ISSUER: 'ftp://sso.example.org' })).toEqual([expect.stringMatching(/^OIDC_ISSUER: /)]);
      expect(problems({ ...oidc, OIDC_NAME: 'x'.repeat(41) })).toEqual([expect.stringMatching(/^OIDC_NAME: /)]);
    });
  });
});
