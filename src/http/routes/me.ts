import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getProfile, type ProfileRow, updateProfile } from '../../accounts/index.js';
import { type Me, meSchema, updateMeSchema } from '../../contracts/api.js';
import { getBalance } from '../../credits/index.js';
import type { Db } from '../../db/index.js';
import { noStore, type RequireUser } from '../plugins/session.js';

function toMe(p: ProfileRow, credits: number): Me {
  return {
    id: p.id,
    email: p.email,
    name: p.name,
    emailVerified: p.emailVerified,
    theme: p.theme as Me['theme'],
    locale: p.locale as Me['locale'],
    credits,
    createdAt: p.createdAt.toISOString(),
    role: p.role === 'admin' ? 'admin' : 'user',
    twoFactorEnabled: p.twoFactorEnabled,
  };
}

export const meRoutes =
  (deps: { db: Db; requireUser: RequireUser }): FastifyPluginAsyncZod =>
  async (app) => {
    /** GET /api/me – the signed-in user's profile and credit balance. */
    app.get('/api/me', { schema: { response: { 200: meSchema } } }, async (req, reply) => {
      const user = await deps.requireUser(req);
      noStore(reply);
      const [profile, credits] = await Promise.all([getProfile(deps, { userId: user.id }), getBalance(deps.db, user.id)]);
      return toMe(profile, credits);
    });

    /** PATCH /api/me – change display name, theme or language. */
    app.patch('/api/me', { schema: { body: updateMeSchema, response: { 200: meSchema } } }, async (req, reply) => {
      const user = await deps.requireUser(req);
      noStore(reply);
      const profile = await updateProfile(deps, { userId: user.id, patch: req.body });
      return toMe(profile, await getBalance(deps.db, user.id));
    });
  };
