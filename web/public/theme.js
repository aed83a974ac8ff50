// Loaded blocking in <head> so the first paint already has this device's theme
// (features/preferences takes over once the app runs). A file, not inline, so the
// Content-Security-Policy keeps script-src 'self'. Also marks a cookie notice
// already read, so a page rendered at build time does not flash it.
(() => {
  const html = document.documentElement;
  let theme = null;
  try {
    theme = localStorage.getItem('animegen.theme');
    if (localStorage.getItem('animegen.notice') !== null) html.dataset.noticeSeen = '';
  } catch {
    // Storage blocked: the system theme, and the notice shows.
  }
  if (theme !== 'light' && theme !== 'dark') theme = 'system';
  const dark = theme === 'dark' || (theme === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
  html.classList.toggle('dark', dark);
  html.dataset.theme = theme;
})();
