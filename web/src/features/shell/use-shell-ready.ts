import { useRef } from 'react';
import { alertsShownTo, useOperatorAlerts } from '../admin/use-alerts.js';
import { usePolicyStatus } from '../privacy/use-policy.js';
import { useMe, useMeta } from '../session/use-session.js';
import { prerenderedDemo } from './prerendered-facts.js';

/**
 * True once everything that decides what sits above the page is known: the
 * session (header and the debt banner), the server's facts (demo banner), and
 * for a signed-in user the policy notice and, for an operator, the alerts.
 * The shell shows the page only then, so no banner arriving late pushes the
 * page down (no layout shift). Answers that failed count as known.
 */
export function useShellReady(): boolean {
  const me = useMe();
  const meta = useMeta();
  const policy = usePolicyStatus(Boolean(me.data));
  const alertsShown = alertsShownTo(me.data);
  const alerts = useOperatorAlerts(alertsShown);
  // Once shown, the page stays: signing in later must not blank it while the new account's notices load.
  const shown = useRef(false);
  // A prerendered page already knows the demo banner (prerendered-facts.ts).
  const demoKnown = !meta.isPending || prerenderedDemo() !== undefined;
  const known = !me.isPending && demoKnown && !(me.data && policy.isPending) && !(alertsShown && alerts.isPending);
  if (known) shown.current = true;
  return shown.current;
}
