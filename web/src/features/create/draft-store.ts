import type { Upload } from '../../api/contracts.js';
import type { CreateDraft, ModelTuning } from './use-create-form.js';

/**
 * The Create form's unsent work, kept in this browser per account so a
 * reload, a visit to another screen or a closed tab loses nothing. Listed on
 * the cookie page; forgotten on sign-out and account deletion (a shared
 * computer keeps no one's prompts). The chosen presets are kept with it
 * (quality, style, undesired content, the user preset last applied). References are kept as the uploads the
 * server already holds (ids and addresses), never as image data.
 */
export interface StoredDraft extends CreateDraft {
  references: Upload[];
}

const PREFIX = 'animegen.draft.';
const keyOf = (userId: string) => `${PREFIX}${userId}`;

const isString = (v: unknown): v is string => typeof v === 'string';
const isUpload = (v: unknown): v is Upload =>
  typeof v === 'object' && v !== null && isString((v as Upload).id) && isString((v as Upload).url) && isString((v as Upload).contentType);

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Per-model tuning from storage, keeping only well-formed values (the server checks ranges again). */
function readTuning(raw: unknown): Record<string, ModelTuning> {
  if (typeof raw !== 'object' || raw === null) return {};
  const out: Record<string, ModelTuning> = {};
  for (const [modelId, value] of Object.entries(raw as Record<string, Record<string, unknown>>)) {
    if (typeof value !== 'object' || value === null) continue;
    const t: ModelTuning = {};
    if (isNumber(value.steps)) t.steps = value.steps;
    if (isNumber(value.guidance)) t.guidance = value.guidance;
    if (isNumber(value.strength)) t.strength = value.strength;
    if (isString(value.sampler)) t.sampler = value.sampler;
    out[modelId] = t;
  }
  return out;
}

/** The account's draft on this device, or null when there is none or it is unreadable (an old or hand-edited copy). */
export function loadDraft(userId: string): StoredDraft | null {
  try {
    const raw = localStorage.getItem(keyOf(userId));
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<StoredDraft>;
    if (!isString(d.prompt) || !isString(d.modelId) || !isString(d.aspectRatio) || typeof d.count !== 'number') return null;
    return {
      prompt: d.prompt,
      negativePrompt: isString(d.negativePrompt) ? d.negativePrompt : '',
      modelId: d.modelId,
      aspectRatio: d.aspectRatio,
      count: d.count,
      seed: isString(d.seed) ? d.seed : '',
      seedLocked: d.seedLocked === true,
      tuning: readTuning(d.tuning),
      quality: d.quality === true,
      style: isString(d.style) ? d.style : null,
      undesired: d.undesired === 'heavy' || d.undesired === 'light' ? d.undesired : 'none',
      presetId: isString(d.presetId) ? d.presetId : null,
      references: Array.isArray(d.references) ? d.references.filter(isUpload) : [],
    };
  } catch {
    return null;
  }
}

/** Keeps the draft, model and settings included (a chosen model is worth keeping without a prompt too). */
export function saveDraft(userId: string, draft: StoredDraft): void {
  try {
    localStorage.setItem(keyOf(userId), JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the draft lives as long as the page.
  }
}

/** Forgets every account's draft on this device. */
export function forgetDrafts(): void {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
  } catch {
    // Storage blocked: nothing was kept.
  }
}
