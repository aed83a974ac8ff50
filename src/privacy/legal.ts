import { readFileSync } from 'node:fs';
import { and, desc, eq } from 'drizzle-orm';
import type { LegalDocument, PolicyStatus } from '../contracts/privacy.js';
import type { Db } from '../db/index.js';
import { projectPath } from '../lib/paths.js';
import { type RenderedLegalPage, renderLegalMarkdown } from './legal-markdown.js';
import { policyAcknowledgements } from './privacy.schema.js';

export type LegalSlug = LegalDocument['slug'];

export interface LegalSettings {
  /** Override the privacy policy's version/material flag (operators publishing a change; tests). */
  policyVersion?: string;
  policyMaterial?: boolean;
  contact: string;
  processors: { name: string; purpose: string; region: string }[];
}

/** Rendered once per page text: the files are static, but an operator may edit one while the server runs. */
const rendered = new Map<LegalSlug, { markdown: string; page: RenderedLegalPage }>();

function render(slug: LegalSlug, markdown: string): RenderedLegalPage {
  const hit = rendered.get(slug);
  if (hit?.markdown === markdown) return hit.page;
  const page = renderLegalMarkdown(markdown);
  rendered.set(slug, { markdown, page });
  return page;
}

/** Reads content/legal/<slug>.md: a small front matter (version, updated, material) and Markdown. */
export function readLegalDocument(slug: LegalSlug, settings: LegalSettings): LegalDocument {
  const raw = readFileSync(projectPath(`content/legal/${slug}.md`), 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n/.exec(raw);
  const meta = Object.fromEntries(
    (match?.[1] ?? '')
      .split('\n')
      .map((line) => line.split(':').map((p) => p.trim()))
      .filter((p) => p.length >= 2)
      .map(([k, ...v]) => [k, v.join(':')]),
  );
  const isPolicy = slug === 'privacy';
  const markdown = raw.slice(match?.[0].length ?? 0).trim();
  const doc: LegalDocument = {
    slug,
    version: (isPolicy && settings.policyVersion) || meta.version || '1.0.0',
    updated: meta.updated ?? '',
    material: isPolicy && settings.policyMaterial !== undefined ? settings.policyMaterial : meta.material === 'true',
    markdown,
    ...render(slug, markdown),
  };
  if (!isPolicy) return doc;
  return {
    ...doc,
    processors: settings.processors,
    regions: [...new Set(settings.processors.map((p) => p.region))],
    contact: settings.contact,
  };
}

/** Whether the user must acknowledge the current privacy policy (a material change they have not seen). */
export async function policyStatus(deps: { db: Db; legal: LegalSettings }, input: { userId: string }): Promise<PolicyStatus> {
  const current = readLegalDocument('privacy', deps.legal);
  const [latest] = await deps.db
    .select({ version: policyAcknowledgements.version })
    .from(policyAcknowledgements)
    .where(eq(policyAcknowledgements.userId, input.userId))
    .orderBy(desc(policyAcknowledgements.acknowledgedAt))
    .limit(1);
  const acknowledgedVersion = latest?.version ?? null;
  return { version: current.version, acknowledgedVersion, mustAcknowledge: current.material && acknowledgedVersion !== current.version };
}

/** Records that the user read this version (consent history); repeating it changes nothing. */
export async function acknowledgePolicy(deps: { db: Db; now: Date }, input: { userId: string; version: string }): Promise<void> {
  await deps.db
    .insert(policyAcknowledgements)
    .values({ userId: input.userId, version: input.version, acknowledgedAt: deps.now })
    .onConflictDoNothing();
}

export async function hasAcknowledged(db: Db, userId: string, version: string): Promise<boolean> {
  const rows = await db
    .select({ v: policyAcknowledgements.version })
    .from(policyAcknowledgements)
    .where(and(eq(policyAcknowledgements.userId, userId), eq(policyAcknowledgements.version, version)));
  return rows.length > 0;
}
