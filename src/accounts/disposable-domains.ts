import { disposableEmailBlocklist } from 'disposable-email-domains-js';

let domains: Set<string> | null = null;

/**
 * The shipped list of disposable e-mail domains (the community-maintained
 * disposable-email-domains list, CC0, ~9,000 domains), read into a Set once
 * per process; `createAuth` loads it at start-up.
 */
export function loadDisposableDomains(): Set<string> {
  domains ??= new Set(disposableEmailBlocklist().map((d) => d.toLowerCase()));
  return domains;
}

/**
 * Whether `domain` (lower case) or one of its parent domains is on the list,
 * so `x.mailinator.com` counts as `mailinator.com`. A bare top-level domain
 * never matches.
 */
export function isDisposableDomain(domain: string): boolean {
  const list = loadDisposableDomains();
  const labels = domain.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    if (list.has(labels.slice(i).join('.'))) return true;
  }
  return false;
}
