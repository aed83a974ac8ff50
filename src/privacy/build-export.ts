import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { createZipFile } from '../lib/zip.js';
import type { Storage } from '../storage/index.js';
import { readPersonalData } from './owners.js';

const README = `AnimeGen – your data export

This archive holds everything AnimeGen keeps about your account.

data/profile.json       your account: e-mail, display name, theme, language, whether downloads carry their settings, when you confirmed the minimum age,
                        and whether the free sign-up credits were given or why not (with the keyed hashes of your address and network we keep for that)
data/sessions.json      where you are signed in: device (browser description), network address, times (no tokens)
data/api-keys.json      your API keys: name, first characters, scopes, expiry, last use (never the keys themselves)
data/passkeys.json      the passkeys you added: name, public key and credential id (the private key never leaves your device), kind, times
data/credit-ledger.json every credit movement: grants, purchases, charges, refunds, with the balance after each
data/purchases.json     credit packs you bought: amount, currency, status (we never receive card details)
data/generations.json   every generation: prompt, negative prompt, model, size, seed and sampling settings, cost, status, times,
                        and the files below that belong to it
data/uploads.json       the reference images you uploaded
data/albums.json        your albums: name, cover, and which images are in each (by image id, as in generations.json)
data/prompt-history.json  the last prompts you sent (up to 200), newest first
data/presets.json       the settings you saved as presets
data/moderation.json    prompts our content policy refused: the rule (category), what you wrote, and an operator's decision
data/support.json       your support requests and their messages (an operator's reply says only that an operator wrote it)
data/webhooks.json      your webhook endpoints (address, events; not the signing secret) with every delivery: what was sent, each attempt and its answer
data/operator-actions.json  what our operators did to your account (credits, suspension, …): when, the role acting, the reason
data/consent.json       the privacy policy versions you acknowledged, and when (age confirmation is in profile.json)
data/privacy-requests.json  requests you sent us and our answers
images/                 the original of every generated image
references/             every reference image you uploaded

All times are UTC (ISO 8601). Files are JSON (UTF-8).
`;

const ext = (contentType: string) => (contentType === 'image/jpeg' ? 'jpg' : (contentType.split('/')[1] ?? 'bin'));

/** Items grouped by a key, so each generation finds its own in one lookup (100k generations stay linear). */
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * Builds the user's export archive into the file at `path`: machine-readable
 * JSON of every kind of personal data we hold, every original image and
 * uploaded reference, and a README. Images are streamed from storage into the
 * file, so the archive's size is bounded by disk, not memory. `onProgress`
 * gets 0–90 as files are copied. Returns the archive's size in bytes.
 */
export async function buildExportArchive(
  deps: { db: Db; storage: Storage },
  input: { userId: string; now: Date; path: string; onProgress?: (percent: number) => Promise<void> | void },
): Promise<number> {
  const data = await readPersonalData(deps.db, input.userId);
  if (!data) throw notFound('Your account');
  const imagePath = (i: (typeof data.images)[number]) => `images/${i.generationId}/${i.position + 1}.${ext(i.contentType)}`;
  const uploadPath = (u: (typeof data.uploads)[number]) => `references/${u.id}.${ext(u.contentType)}`;
  const imagesOf = groupBy(data.images, (i) => i.generationId);
  const referencesOf = groupBy(data.references, (r) => r.generationId);
  const zip = await createZipFile(input.path);
  try {
    const json = (name: string, value: unknown) => zip.add(name, Buffer.from(`${JSON.stringify(value, null, 2)}\n`));
    await zip.add('README.txt', Buffer.from(README));
    await json('data/profile.json', { ...data.profile, exportedAt: input.now });
    await json('data/sessions.json', data.sessions);
    await json('data/api-keys.json', data.apiKeys);
    await json('data/passkeys.json', data.passkeys);
    await json('data/credit-ledger.json', data.ledger);
    await json('data/purchases.json', data.purchases);
    await json('data/consent.json', data.consent);
    await json('data/privacy-requests.json', data.privacyRequests);
    await json('data/prompt-history.json', data.promptHistory);
    await json('data/presets.json', data.presets);
    await json('data/albums.json', data.albums);
    await json('data/moderation.json', data.moderation);
    await json('data/support.json', data.supportRequests);
    await json('data/webhooks.json', data.webhooks);
    await json('data/operator-actions.json', data.operatorActions);
    await json(
      'data/generations.json',
      data.generations.map((g) => ({
        ...g,
        images: (imagesOf.get(g.id) ?? []).map((i) => ({
          id: i.id,
          file: imagePath(i),
          width: i.width,
          height: i.height,
          favouritedAt: i.favouritedAt,
          createdAt: i.createdAt,
        })),
        references: (referencesOf.get(g.id) ?? []).filter((r) => r.role === 'reference').map((r) => r.uploadId),
        // An image tool's upload: the image it worked on, and inpaint's mask.
        sourceUploadId: referencesOf.get(g.id)?.find((r) => r.role === 'source')?.uploadId ?? null,
        maskUploadId: referencesOf.get(g.id)?.find((r) => r.role === 'mask')?.uploadId ?? null,
      })),
    );
    await json(
      'data/uploads.json',
      data.uploads.map((u) => ({
        id: u.id,
        file: uploadPath(u),
        contentType: u.contentType,
        width: u.width,
        height: u.height,
        createdAt: u.createdAt,
      })),
    );
    const files = [
      ...data.images.map((i) => ({ key: i.key, name: imagePath(i) })),
      ...data.uploads.map((u) => ({ key: u.key, name: uploadPath(u) })),
    ];
    for (const [n, f] of files.entries()) {
      const stored = await deps.storage.get(f.key);
      if (stored) await zip.addStream(f.name, stored.stream, stored.size);
      await input.onProgress?.(Math.floor(((n + 1) / files.length) * 90));
    }
    return await zip.close();
  } catch (error) {
    await zip.abort();
    throw error;
  }
}
