import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { createPrettyStream, formatBanner, formatLogLine } from './pretty-log.js';

/** What a person sees in the terminal when the app logs through the readable console. */
function consoleOf(level = 'info') {
  let out = '';
  const log = createLogger(level, createPrettyStream({ write: (text: string) => (out += text) }));
  return { log, text: () => out, lines: () => out.split('\n').filter((l) => l !== '') };
}

describe('the readable console', () => {
  it('writes one short line per event: time, level, message, then the fields', () => {
    const c = consoleOf();
    c.log.info({ mail: { subject: 'Verify your e-mail', to: 'a@example.com' }, count: 2 }, 'e-mail written to the dev mailbox');
    c.log.warn('disk almost full');
    const [info, warn] = c.lines();
    expect(info).toMatch(/^\d\d:\d\d:\d\d INFO {2}e-mail written to the dev mailbox /);
    expect(info).toContain('mail.subject="Verify your e-mail"');
    expect(info).toContain('mail.to=a@example.com');
    expect(info).toContain('count=2');
    expect(info).not.toMatch(/pid=|hostname=|"level"/);
    expect(warn).toMatch(/^\d\d:\d\d:\d\d WARN {2}disk almost full$/);
  });

  it('shows a request as method, path, status and time, with one-time tokens still removed', () => {
    const c = consoleOf();
    c.log.warn(
      { req: { method: 'GET', url: '/api/auth/verify-email?token=t0k3n' }, res: { statusCode: 200 }, responseTime: 1234.5 },
      'slow request',
    );
    expect(c.lines()).toEqual([
      expect.stringMatching(/ WARN {2}slow request GET \/api\/auth\/verify-email\?token=\[redacted\] → 200 in 1235 ms$/),
    ]);
  });

  it('prints an error with its stack indented under the line', () => {
    const c = consoleOf();
    const err = new Error('database went away');
    c.log.error({ err }, 'unhandled error');
    const [first, second, ...rest] = c.lines();
    expect(first).toMatch(/ ERROR unhandled error$/);
    expect(second).toBe('    Error: database went away');
    expect(rest.length).toBeGreaterThan(0);
    for (const line of rest) expect(line).toMatch(/^ {4}at /);
  });

  it('keeps passwords and cookies out, as the JSON log does', () => {
    const c = consoleOf();
    c.log.info({ password: 'hunter2hunter2', headers: { cookie: 'session=s3cr3t' }, body: { newPassword: 'n3w-pw' } }, 'x');
    for (const secret of ['hunter2hunter2', 's3cr3t', 'n3w-pw']) expect(c.text()).not.toContain(secret);
    expect(c.text()).toContain('password=[redacted]');
  });

  it('cannot be made to print a forged line or a terminal escape sequence', () => {
    const c = consoleOf();
    const prompt = 'cat\n12:00:00 ERROR FORGED\u001b[2J\r';
    c.log.warn({ prompt, req: { method: 'GET', url: '/x\n12:00:00 ERROR FORGED' } }, `bad ${prompt}`);
    c.log.error({ err: Object.assign(new Error(`boom\n${prompt}`), { stack: `Error: boom\n12:00:00 ERROR FORGED\u001b[2J` }) }, 'e');
    expect(c.text()).not.toContain('\u001b');
    expect(c.text()).not.toContain('\r');
    expect(c.lines().filter((l) => l.startsWith('12:00:00'))).toEqual([]);
    expect(c.lines()[0]).toContain('prompt="cat\\n12:00:00 ERROR FORGED\\u001b[2J\\r"');
  });

  it('passes through anything that is not a JSON line', () => {
    expect(formatLogLine('plain text')).toBe('plain text');
    expect(formatLogLine('[1,2]')).toBe('[1,2]');
  });

  it('colours warnings and errors only when asked (a terminal without NO_COLOR)', () => {
    const line = JSON.stringify({ level: 50, time: Date.now(), msg: 'x' });
    expect(formatLogLine(line, true)).toContain('\u001b[31mERROR');
    expect(formatLogLine(line, false)).not.toContain('\u001b');
  });
});

describe('the start-up banner', () => {
  it('gives the address first, then one aligned row per setting', () => {
    const banner = formatBanner({
      url: 'http://localhost:3000',
      rows: [
        ['Images', 'demo images'],
        ['Database', 'embedded PGlite in /srv/data/db'],
      ],
      note: 'Stop with Ctrl+C.',
    });
    const lines = banner.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toEqual([
      '  AnimeGen is running at http://localhost:3000',
      '  Images    demo images',
      '  Database  embedded PGlite in /srv/data/db',
      '  Stop with Ctrl+C.',
    ]);
  });
});
