import { z } from 'zod';
import { failureReasons } from './errors.js';
import { accountRoles } from './operators.js';
import { text } from './text.js';
import { generationTools, imageTools, upscaleFactors } from './tools.js';

/**
 * Wire shapes of the JSON API, shared by the server's route schemas and the
 * web app. Response schemas strip unknown fields, so nothing leaks by accident.
 */

export const themeSchema = z.enum(['light', 'dark', 'system']);
export const localeSchema = z.enum(['en', 'ja']);
export type Theme = z.infer<typeof themeSchema>;
export type Locale = z.infer<typeof localeSchema>;

export const meSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  emailVerified: z.boolean(),
  theme: themeSchema,
  locale: localeSchema,
  /** Downloads carry the settings that made the image (A1111 `parameters`, `animegen` JSON). */
  embedSettings: z.boolean(),
  /** When the user turned mature content on, confirming they are 18 or older; null: off. */
  matureContentAt: z.string().nullable(),
  credits: z.number().int(),
  createdAt: z.string(),
  /** 'user', or the operator role (contracts/operators.ts) that decides what the console offers. */
  role: z.enum(accountRoles),
  twoFactorEnabled: z.boolean(),
  /**
   * The free sign-up grant: `granted`, `pending` (not verified yet, or free
   * credits are off), or why none was given: `disposable_address`,
   * `address_already_granted` (the same mailbox, dots and +tags aside),
   * `network_limit` (the day's grants for the sign-up network were used).
   * Null for accounts from before grants were recorded.
   */
  signupGrant: z.enum(['pending', 'granted', 'disposable_address', 'address_already_granted', 'network_limit']).nullable(),
  /**
   * The account holder confirmed the minimum age and accepted the terms and
   * the privacy policy: at e-mail sign-up, or for an account made by signing
   * in with a provider, on the welcome step (POST /api/me/consent). Until
   * then generating and uploading answer `age_confirmation_required`.
   */
  ageConfirmed: z.boolean(),
  /**
   * The account signs in with a password. False for one made by a sign-in
   * provider (until a password is set through "forgot password"): deleting it
   * then takes a sign-in within the last 10 minutes instead of the password.
   */
  hasPassword: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;

/** POST /api/me/consent: the welcome step after a first sign-in with a provider. Both must be true. */
export const signupConsentSchema = z
  .object({
    ageConfirmed: z.literal(true, { error: 'Confirm that you meet the minimum age.' }),
    termsAccepted: z.literal(true, { error: 'Accept the terms of use and the privacy policy.' }),
    /** The UI language, for e-mails (the provider did not say). */
    locale: localeSchema.optional(),
  })
  .strict();
export type SignupConsentInput = z.infer<typeof signupConsentSchema>;

export const updateMeSchema = z
  .object({
    name: text().trim().min(1).max(80).optional(),
    theme: themeSchema.optional(),
    locale: localeSchema.optional(),
    embedSettings: z.boolean().optional(),
  })
  .strict();
export type UpdateMeInput = z.infer<typeof updateMeSchema>;

/** PATCH /api/me/content: mature content on (with the 18+ confirmation) or off. */
export const updateContentSchema = z.object({ mature: z.boolean(), confirmAdult: z.boolean().default(false) }).strict();
export type UpdateContentInput = z.input<typeof updateContentSchema>;

/** A numeric control the model takes: its range, step and the value used when the user leaves it. */
export const rangeSchema = z.object({ min: z.number(), max: z.number(), step: z.number(), default: z.number() });
export type Range = z.infer<typeof rangeSchema>;

/** What a model takes: Create shows only these controls, and the server refuses the others. */
export const modelSchema = z.object({
  id: z.string(),
  name: z.string(),
  cost: z.number().int(),
  /** `natural` models read sentences; `sdxl` checkpoints read booru tags with weights. */
  family: z.enum(['natural', 'sdxl']),
  aspectRatios: z.array(z.string()),
  maxReferences: z.number().int(),
  /** What references are for: an image to edit, a character to keep, or a style to take. */
  referenceRole: z.enum(['edit', 'character', 'style']),
  requiresReference: z.boolean(),
  supportsNegativePrompt: z.boolean(),
  maxPromptLength: z.number().int(),
  maxNegativePromptLength: z.number().int(),
  seed: z.boolean(),
  steps: rangeSchema.nullable(),
  guidance: rangeSchema.nullable(),
  /** Image-to-image strength, used when a reference is given. */
  strength: rangeSchema.nullable(),
  /** Samplers to choose from, the default first; empty when there is no choice. */
  samplers: z.array(z.string()),
  mask: z.boolean(),
  /** Images one run gives (Midjourney: a grid of four); `cost` is per run, and `count` counts runs. */
  imagesPerTask: z.number().int(),
  /** False for a model that only works on images (an upscaler): it is not offered on Create. */
  text: z.boolean(),
  /** The image tools this model offers, each with its own price per run. */
  tools: z.array(
    z.object({
      tool: z.enum(imageTools),
      cost: z.number().int(),
      /** Upscale only: the factors offered (×4 costs twice ×2). */
      factors: z.array(z.number().int()),
      /** Image to image and variations: the strength range, where the model takes one. */
      strength: rangeSchema.nullable(),
    }),
  ),
});
export type Model = z.infer<typeof modelSchema>;
export type ModelToolOffer = Model['tools'][number];

export const modelsResponseSchema = z.object({
  models: z.array(modelSchema),
  /** True while images come from the built-in simulator (no KIE_API_KEY). */
  demo: z.boolean(),
  maxCount: z.number().int(),
});
export type ModelsResponse = z.infer<typeof modelsResponseSchema>;

export const uploadSchema = z.object({
  id: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  contentType: z.string(),
  url: z.string(),
});
export type Upload = z.infer<typeof uploadSchema>;

export const generationStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'canceled']);
export type GenerationStatus = z.infer<typeof generationStatusSchema>;

export const MAX_COUNT = 4;
export const MAX_SEED = 2_147_483_647;

/** The sampling controls a model may take (GET /api/models says which, and their ranges). */
export const samplingSchema = z.object({
  steps: z.number().int().min(1).max(1000).optional(),
  guidance: z.number().min(0).max(100).optional(),
  strength: z.number().min(0).max(1).optional(),
  sampler: text().trim().min(1).max(100).optional(),
});

export const submitGenerationSchema = z
  .object({
    /** What to make: `text` (the default) from the prompt, or one of the image tools on `sourceImageId` / `sourceUploadId`. */
    tool: z.enum(generationTools).default('text'),
    /** Required for `text`, `character`, `edit` and `inpaint`; upscale and remove background take none. */
    prompt: text().trim().max(20000).default(''),
    negativePrompt: text().trim().max(5000).optional(),
    model: z.string().min(1),
    /** Required for `text` and `character`; the other tools keep the source's shape. */
    aspectRatio: z
      .string()
      .regex(/^\d+:\d+$/, 'Use a ratio like 1:1')
      .optional(),
    /** The image a tool works on: one of the user's results (linked as the new generation's parent)… */
    sourceImageId: z.uuid().optional(),
    /** …or one of the user's uploads. */
    sourceUploadId: z.uuid().optional(),
    /** Inpaint: an uploaded PNG at the source's size, white where to change (contracts/tools.ts). */
    maskUploadId: z.uuid().optional(),
    /** Upscale: how many times larger. */
    factor: z.union(upscaleFactors.map((f) => z.literal(f)) as [z.ZodLiteral<2>, z.ZodLiteral<4>]).optional(),
    count: z.number().int().min(1).max(MAX_COUNT).default(1),
    referenceUploadIds: z.array(z.string().uuid()).max(14).default([]),
    /** Each of these only for a model that takes it (GET /api/models); otherwise 422 naming the field. */
    seed: z.number().int().min(0).max(MAX_SEED).optional(),
    ...samplingSchema.shape,
  })
  .strict();
export type SubmitGenerationInput = z.input<typeof submitGenerationSchema>;

/** POST /api/quote: what submitting the same body would charge, in credits. */
export const quoteSchema = z.object({ cost: z.number().int() });
export type Quote = z.infer<typeof quoteSchema>;

export const generationImageSchema = z.object({
  id: z.string(),
  url: z.string(),
  thumbnailUrl: z.string(),
  /** A screen-sized WebP (at most 1536 px) for viewing; `url` is the original. */
  previewUrl: z.string(),
  downloadUrl: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  /** Explicit, shown because its owner opted into mature content: the gallery blurs it until clicked. */
  mature: z.boolean(),
  /** Its owner marked it a favourite. */
  favourite: z.boolean(),
});

export const generationSchema = z.object({
  id: z.string(),
  status: generationStatusSchema,
  tool: z.enum(generationTools),
  /** The gallery image a tool worked on; null for text generations, uploads as source, or once that image is deleted. */
  parentImageId: z.string().nullable(),
  /** The upload a tool worked on, when it was not a gallery image; its file is at /api/files/uploads/:id. */
  sourceUploadId: z.string().nullable(),
  /** Inpaint: the mask used (white where changed). */
  maskUploadId: z.string().nullable(),
  /** Upscale: the factor used. */
  factor: z.number().int().nullable(),
  prompt: z.string(),
  negativePrompt: z.string().nullable(),
  /** What the model received: the prompt with its weights written for the model's family. */
  sentPrompt: z.string(),
  sentNegativePrompt: z.string().nullable(),
  model: z.string(),
  modelName: z.string(),
  aspectRatio: z.string(),
  count: z.number().int(),
  /** Null for a model that takes no seed. */
  seed: z.number().int().nullable(),
  steps: z.number().int().nullable(),
  guidance: z.number().nullable(),
  strength: z.number().nullable(),
  sampler: z.string().nullable(),
  cost: z.number().int(),
  /** Credits given back for this generation (the whole cost when it failed or was canceled). */
  refunded: z.number().int(),
  error: z.object({ code: z.enum(failureReasons), message: z.string() }).nullable(),
  /** Same-origin URLs of the first image, for convenience; null until it succeeds. */
  imageUrl: z.string().nullable(),
  thumbnailUrl: z.string().nullable(),
  /** Only images anyone may see; held ones are counted in `inReview`, without any URL. */
  images: z.array(generationImageSchema),
  /** Results held by the image check until an operator looks (explicit without the opt-in, or the check failed). */
  inReview: z.number().int(),
  references: z.array(uploadSchema),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** Set while the generation is in the trash. */
  deletedAt: z.string().nullable(),
});
export type Generation = z.infer<typeof generationSchema>;

export const generationPageSchema = z.object({
  items: z.array(generationSchema),
  nextCursor: z.string().nullable(),
});
export type GenerationPage = z.infer<typeof generationPageSchema>;

export const creditEntrySchema = z.object({
  id: z.number().int(),
  delta: z.number().int(),
  kind: z.string(),
  reference: z.string(),
  /** The generation this movement was for, while it can still be opened (null once deleted, or for other kinds). */
  generationId: z.string().nullable(),
  balanceAfter: z.number().int(),
  createdAt: z.string(),
});
export type CreditEntry = z.infer<typeof creditEntrySchema>;

/** GET /api/v1/credits: the balance in credits. */
export const balanceSchema = z.object({ balance: z.number().int() });

export const creditsResponseSchema = z.object({
  balance: z.number().int(),
  entries: z.array(creditEntrySchema),
  nextCursor: z.string().nullable(),
});
export type CreditsResponse = z.infer<typeof creditsResponseSchema>;

/** Server-Sent Events on GET /api/generations/events. */
/** DELETE /api/generations/:id/images/:imageId: the generation without that image, or null when it was the last and the generation went too. */
export const deleteImageResultSchema = z.object({ generation: generationSchema.nullable() });
export type DeleteImageResult = z.infer<typeof deleteImageResultSchema>;

/** DELETE /api/generations/trash: how many generations were deleted for good. */
export const emptyTrashSchema = z.object({ deleted: z.number().int() });
export type EmptyTrashResult = z.infer<typeof emptyTrashSchema>;

export const liveEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('generation'), generation: generationSchema }),
  // Back from the trash: shown again, not announced as "ready" (it was ready long ago).
  z.object({ type: z.literal('generation_restored'), generation: generationSchema }),
  z.object({ type: z.literal('generation_deleted'), id: z.string() }),
  z.object({ type: z.literal('credits'), balance: z.number().int() }),
]);
export type LiveEvent = z.infer<typeof liveEventSchema>;

export const devMailSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  links: z.array(z.string()),
  sentAt: z.string(),
});
export type DevMail = z.infer<typeof devMailSchema>;

/** The sign-in providers a server may offer beside e-mail and password; `oidc` is the operator's own OpenID Connect issuer. */
export const signInProviderIds = ['google', 'discord', 'github', 'oidc'] as const;
export type SignInProviderId = (typeof signInProviderIds)[number];

/** GET /api/meta: public facts the UI needs before sign-in. */
export const metaSchema = z.object({
  /** True while images come from the built-in simulator (no KIE_API_KEY). */
  demo: z.boolean(),
  minAge: z.number().int(),
  signupCredits: z.number().int(),
  /** True outside production: the dev mailbox at /dev/mail is available. */
  devMail: z.boolean(),
  maxUploadBytes: z.number().int(),
  privacyContact: z.string(),
  /** Days a deleted generation can be restored from the trash (0: deleted at once). */
  trashDays: z.number().int(),
  /**
   * The sign-in providers this server offers, in the order their buttons show
   * (each starts at POST /api/auth/sign-in/social with its `id`). `name`: the
   * button's label for `oidc` (OIDC_NAME), null for the UI's own words.
   */
  signInProviders: z.array(z.object({ id: z.enum(signInProviderIds), name: z.string().nullable() })),
});
export type Meta = z.infer<typeof metaSchema>;

export const sessionSchema = z.object({
  id: z.string(),
  userAgent: z.string().nullable(),
  ipAddress: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  /** The session making this request. */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;
