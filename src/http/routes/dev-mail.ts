import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { devMailSchema } from '../../contracts/api.js';
import type { DevMailbox } from '../../mail/index.js';

/** GET /api/dev/mail – the dev mailbox (outside production only), newest first. */
export const devMailRoutes =
  (deps: { mailbox: DevMailbox }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/dev/mail',
      { config: { access: 'public', cache: 'no-store' }, schema: { response: { 200: z.object({ messages: z.array(devMailSchema) }) } } },
      async () => ({
        messages: deps.mailbox.list().map((m) => ({
          id: m.id,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          links: m.links,
          sentAt: m.sentAt.toISOString(),
        })),
      }),
    );
  };
