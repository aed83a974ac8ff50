import './legal-prose.css';

/**
 * A legal page's body. The server renders our own Markdown to HTML once (raw
 * HTML escaped, links only to the web, mail or this site), so it goes in as is
 * and the route's bundle carries no Markdown parser.
 */
export function LegalProse({ html }: { html: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: trusted HTML from our own pages, made safe on the server; the CSP blocks inline scripts besides
  return <div className="legal-prose" dangerouslySetInnerHTML={{ __html: html }} />;
}
