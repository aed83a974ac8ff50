import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { buildZip, type ZipEntry } from '../lib/zip.js';
import type { Storage } from '../storage/index.js';
import { readPersonalData } from './export.queries.js';

const README = `AnimeGen – your data export

This archive holds everything AnimeGen keeps about your account.

data/profile.json       your account: e-mail, display name, theme, language, when you confirmed the minimum age
data/sessions.json      where you are signed in: device (browser description), network address, times (no tokens)
data/credit-ledger.json every credit movement: grants, purchases, charges, refunds, with the balance after each
data/purchases.json     credit packs you bought: amount, currency, status (we never receive card details)
data/generations.json   every generation: prompt, negative prompt, model, size, seed, cost, status, times,
                        and the files below that belong to it
data/uploads.json       the reference images you uploaded
data/consent.json       the privacy policy versions you acknowledged, and when (age confirmation is in profile.json)
data/privacy-requests.json  requests you sent us and our answers
images/                 the original of every generated image
references/             every reference image you uploaded

All times are UTC (ISO 8601). Files are JSON (UTF-8).
`;

const ext = (contentType: string) => (contentType === 'image/jpeg' ? 'jpg' : (contentType.split('/')[1] ?? 'bin'));

async function readAll(storage: Storage, key: string): Promise<Buffer | null> {
  const file = await storage.get(key);
  if (!file) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Builds the user's export archive: machine-readable JSON of every kind of
 * personal data we hold, every original image and uploaded reference, and a
 * README. `onProgress` gets 0–100 as files are read.
 */
export async function buildExportArchive(
  deps: { db: Db; storage: Storage },
  input: { userId: string; now: Date; onProgress?: (percent: number) => Promise<void> | void },
): Promise<Buffer> {
  const data = await readPersonalData(deps.db, input.userId);
  if (!data.profile) throw notFound('Your account');
  const json = (name: string, value: unknown): ZipEntry => ({ name, data: Buffer.from(`${JSON.stringify(value, null, 2)}\n`) });
  const entries: ZipEntry[] = [{ name: 'README.txt', data: Buffer.from(README) }];
  const imagePath = (i: (typeof data.images)[number]) => `images/${i.generationId}/${i.position + 1}.${ext(i.contentType)}`;
  const uploadPath = (u: (typeof data.uploads)[number]) => `references/${u.id}.${ext(u.contentType)}`;
  entries.push(
    json('data/profile.json', { ...data.profile, exportedAt: input.now }),
    json('data/sessions.json', data.sessions),
    json('data/credit-ledger.json', data.ledger),
    json('data/purchases.json', data.purchases),
    json('data/consent.json', data.consent),
    json('data/privacy-requests.json', data.privacyRequests),
    json(
      'data/generations.json',
      data.generations.map((g) => ({
        ...g,
        images: data.images
          .filter((i) => i.generationId === g.id)
          .map((i) => ({ id: i.id, file: imagePath(i), width: i.width, height: i.height, createdAt: i.createdAt })),
        references: data.references.filter((r) => r.generationId === g.id).map((r) => r.uploadId),
      })),
    ),
    json(
      'data/uploads.json',
      data.uploads.map((u) => ({
        id: u.id,
        file: uploadPath(u),
        contentType: u.contentType,
        width: u.width,
        height: u.height,
        createdAt: u.createdAt,
      })),
    ),
  );
  const files = [
    ...data.images.map((i) => ({ key: i.key, name: imagePath(i) })),
    ...data.uploads.map((u) => ({ key: u.key, name: uploadPath(u) })),
  ];
  for (const [n, f] of files.entries()) {
    const bytes = await readAll(deps.storage, f.key);
    if (bytes) entries.push({ name: f.name, data: bytes, store: true });
    await input.onProgress?.(Math.floor(((n + 1) / files.length) * 90));
  }
  return buildZip(entries);
}
