import { useEffect } from 'preact/hooks';

/** Sets the document title, so history entries and tabs say which page they are. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · wsis-graph`;
  }, [title]);
}
