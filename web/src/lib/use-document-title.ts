import { useEffect } from 'react';

/** "<title> · AnimeGen", or the bare name for the landing page. */
export function documentTitle(title: string | undefined): string {
  return title ? `${title} · AnimeGen` : 'AnimeGen';
}

/** Sets the tab title while a screen is shown. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = documentTitle(title);
  }, [title]);
}
