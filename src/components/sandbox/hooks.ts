import { useSyncExternalStore } from 'react';
import { effectiveTheme, onThemeChange } from '../site/theme';

/** Whether the page matches a media query, updated as it changes (false on the server). */
export function useMediaQuery(query: string) {
  return useSyncExternalStore(
    (cb) => {
      const m = matchMedia(query);
      m.addEventListener('change', cb);
      return () => m.removeEventListener('change', cb);
    },
    () => matchMedia(query).matches,
    () => false,
  );
}

/** The theme the page shows (the learner's choice or the system's). */
export function useSiteTheme() {
  return useSyncExternalStore(onThemeChange, effectiveTheme, () => 'light' as const);
}
