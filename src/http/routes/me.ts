import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  consentToSignup,
  getProfile,
  type ProfileRow,
  setMatureContent,
  signupGrantOutcomes,
  updateProfile,
} from '../../accounts/index.js';
import { type Me, meSchema, signupConsentSchema, updateContentSchema, updateMeSchema } from '../../contracts/api.js';
import { isOperatorRole } from '../../contracts/operators.js';
import { getBalance } from '../../credits/index.js';
import type { Db } from '../../db/index.js';
import type { Clock } from '../../lib/clock.js';
import { acknowledgePolicy, type LegalSettings, readLegalDocument } from '../../privacy/index.js';
import { userOf } from '../plugins/access.js';

const user = { access: 'user', cache: 'no-store' } as const;

// Every outcome accounts records is one the contract names.
const _outcomesInContract: readonly NonNullable<Me['signupGrant']>[] = signupGrantOutcomes;

function toMe(p: ProfileRow, credits: number): Me {
  return {
    id: p.id,
    email: p.email,
    name: p.name,
    emailVerified: p.emailVerified,
    theme: p.theme as Me['theme'],
    locale: p.locale as Me['locale'],
    embedSettings: p.embedSettings,
    matureContentAt: p.matureContentAt?.toISOString() ?? null,
    credits,
    createdAt: p.createdAt.toISOString(),
    role: isOperatorRole(p.role) ? p.role : 'user',
    twoFactorEnabled: p.twoFactorEnabled,
    signupGrant: p.signupGrant as Me['signupGrant'],
    ageConfirmed: p.ageConfirmedAt !== null,
    hasPassword: p.hasPassword,
  };
}

export const meRoutes =
  (deps: { db: Db; clock: Clock; legal: LegalSettings }): FastifyPluginAsyncZod =>
  async (app) => {
    /** GET /api/me – the signed-in user's profile and credit balance. */
    app.get('/api/me', { config: user, schema: { response: { 200: meSchema } } }, async (req) => {
      const { id } = userOf(req);
      const [profile, credits] = await Promise.all([getProfile(deps, { userId: id }), getBalance(deps.db, id)]);
      return toMe(profile, credits);
    });

    /** PATCH /api/me – change display name, theme, language or whether downloads carry their settings. */
    app.patch('/api/me', { config: user, schema: { body: updateMeSchema, response: { 200: meSchema } } }, async (req) => {
      const { id } = userOf(req);
      const profile = await updateProfile(deps, { userId: id, patch: req.body });
      return toMe(profile, await getBalance(deps.db, id));
    });

    /** PATCH /api/me/content – mature content on (needs `confirmAdult: true`, recorded with its time) or off. */
    app.patch('/api/me/content', { config: user, schema: { body: updateContentSchema, response: { 200: meSchema } } }, async (req) => {
      const { id } = userOf(req);
      const profile = await setMatureContent(deps, { userId: id, ...req.body, now: deps.clock.now() });
      return toMe(profile, await getBalance(deps.db, id));
    });

    /**
     * POST /api/me/consent – the welcome step of an account made by signing in with a provider: confirms the
     * minimum age and accepts the terms and the privacy policy in force (recorded with the time, as the e-mail
     * sign-up records them); generating and uploading are refused until then. Repeating it changes nothing.
     */
    app.post('/api/me/consent', { config: user, schema: { body: signupConsentSchema, response: { 200: meSchema } } }, async (req) => {
      const { id } = userOf(req);
      const now = deps.clock.now();
      const { profile, first } = await consentToSignup(deps.db, { userId: id, now, locale: req.body.locale });
      if (first) await acknowledgePolicy({ db: deps.db, now }, { userId: id, version: readLegalDocument('privacy', deps.legal).version });
      return toMe(profile, await getBalance(deps.db, id));
    });
  };
