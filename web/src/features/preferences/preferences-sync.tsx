import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { updateMe } from '../../api/account.js';
import { useMe } from '../session/use-session.js';
import { applyPreferences, getPreferences } from './preferences-store.js';

/**
 * Keeps the device and the account in step. When an account signs in (or the
 * app opens with a session) its saved theme and language win. The one
 * exception is the first sign-in right after e-mail verification: a brand-new
 * account has no choices yet, so the ones made while signing up are saved to it.
 */
export function PreferencesSync(): null {
  const { data: me } = useMe();
  const { pathname } = useLocation();
  const seen = useRef<string | null>(null);

  useEffect(() => {
    const id = me?.id ?? null;
    if (id === seen.current) return;
    seen.current = id;
    if (!me) return;
    if (pathname === '/verified') {
      const local = getPreferences();
      if (local.theme !== me.theme || local.locale !== me.locale) {
        updateMe({ theme: local.theme, locale: local.locale }).catch(() => undefined);
      }
      return;
    }
    applyPreferences({ theme: me.theme, locale: me.locale });
  }, [me, pathname]);

  return null;
}
