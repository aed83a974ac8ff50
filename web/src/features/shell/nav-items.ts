import { CoinsIcon, GalleryIcon, SettingsIcon, SparklesIcon } from '../../components/ui/icons.js';

/** The signed-in sections, shared by the top bar and the phone tab bar. */
export const navItems = [
  { to: '/create', labelKey: 'nav.create', icon: SparklesIcon },
  { to: '/gallery', labelKey: 'nav.gallery', icon: GalleryIcon },
  { to: '/credits', labelKey: 'nav.credits', icon: CoinsIcon },
  { to: '/settings', labelKey: 'nav.settings', icon: SettingsIcon },
] as const;
