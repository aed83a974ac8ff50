import { adminSignUpStats } from '../accounts/index.js';
import { adminPurchaseStats } from '../billing/index.js';
import type { AdminStats } from '../contracts/admin.js';
import { adminRefundStats } from '../credits/index.js';
import type { Db } from '../db/index.js';
import { adminGenerationStats } from '../generation/index.js';
import { countOpenCases } from '../moderation/index.js';
import { countOpenPrivacyRequests } from '../privacy/index.js';
import { listOpenAlerts } from './operator-alerts.js';

/** The console's dashboard, each figure from its owner. */
export async function getStats(db: Db, now: Date): Promise<AdminStats> {
  const [signUps, gens, refunds, purchases, alerts, cases, requests] = await Promise.all([
    adminSignUpStats(db, now),
    adminGenerationStats(db, now),
    adminRefundStats(db, now),
    adminPurchaseStats(db, now),
    listOpenAlerts(db),
    countOpenCases(db),
    countOpenPrivacyRequests(db),
  ]);
  return {
    signUps,
    generations: gens.generations,
    queueDepth: gens.queueDepth,
    refunds,
    purchases: { day: purchases.day, month: purchases.month },
    disputeRate30d: purchases.disputeRate30d,
    openAlerts: alerts.length,
    openModerationCases: cases,
    openPrivacyRequests: requests,
  };
}
