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

// A prerendered page can be clicked before its script has started (a phone on a slow
// network). Those clicks on buttons, and form submissions, are held here instead of lost,
// and handed to the app once it has hydrated (main.tsx `replayEarlyInput`). A submission
// is stopped meanwhile: the form would otherwise be posted to the page's address.
(() => {
  const held = [];
  const hold = (event) => {
    const target = event.target;
    if (event.type === 'submit') {
      event.preventDefault();
      held.push({ type: 'submit', target, submitter: event.submitter || null });
      return;
    }
    const button = target instanceof Element ? target.closest('button, [role="button"]') : null;
    // A submit button's click becomes the submit event held above.
    if (button && button.type !== 'submit') held.push({ type: 'click', target: button });
  };
  document.addEventListener('click', hold, true);
  document.addEventListener('submit', hold, true);
  window.animegenTakeEarlyInput = () => {
    document.removeEventListener('click', hold, true);
    document.removeEventListener('submit', hold, true);
    return held.splice(0);
  };
})();
