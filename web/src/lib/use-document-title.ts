import { useEffect } from 'react';

/** Sets the tab title to "<title> · AnimeGen" while a screen is shown. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · AnimeGen` : 'AnimeGen';
  }, [title]);
}
