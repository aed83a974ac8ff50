/**
 * What a prerendered page was written for, before any script ran: whether the
 * server runs on demo images. The build writes each public page twice (with and
 * without the demo banner) and the server sends the one that is true of it, so
 * the banner is part of the first paint instead of pushing the page down when
 * `/api/meta` answers. Undefined on pages the app renders itself.
 */
let demo: boolean | undefined;

/** Called once: by main.tsx from the page's `data-demo`, by the build for each variant it renders. */
export function setPrerenderedDemo(value: boolean | undefined): void {
  demo = value;
}

export function prerenderedDemo(): boolean | undefined {
  return demo;
}
