import { describe, expect, it } from 'vitest';
import { renderMail } from './templates.js';

describe('e-mail templates', () => {
  const request = {
    kind: 'access',
    status: 'in_progress',
    resolution: 'We are on it.',
    dueAt: new Date('2026-12-31T00:00:00Z'),
    reference: 'r-1',
  } as const;

  it('name a privacy request by what the user picked, never by its internal code', () => {
    const mail = renderMail('privacyRequest', 'a@example.com', 'en', request);
    expect(mail.text).toContain('(question about your data) is being handled');
    expect(mail.text).not.toContain('(access)');
    expect(mail.text).toContain('2026-12-31');
    expect(mail.text).toContain('We are on it.');
  });

  it('write in Japanese to a Japanese account and in English to anyone else', () => {
    expect(renderMail('privacyRequest', 'a@example.com', 'ja', request).text).toContain('データについての質問');
    expect(renderMail('accountDeleted', 'a@example.com', 'ja', { at: new Date() }).subject).toContain('アカウント削除');
    expect(renderMail('accountDeleted', 'a@example.com', 'fr', { at: new Date() }).subject).toBe('Your AnimeGen account was deleted');
  });

  it('tell a user support answered, with the link and the category, in their language', () => {
    const vars = { name: 'Aoi', category: 'billing', url: 'https://animegen.example/support/r-1' } as const;
    const en = renderMail('supportReply', 'a@example.com', 'en', vars);
    expect(en.text).toContain('about billing');
    expect(en.text).toContain(vars.url);
    expect(renderMail('supportReply', 'a@example.com', 'ja', vars).text).toContain('支払い');
  });
});
