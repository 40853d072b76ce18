import { getProgressStore } from '../progress/client';

type Theme = 'system' | 'light' | 'dark';
const NEXT: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };
const ICON: Record<Theme, string> = { system: '◐', light: '☀', dark: '☾' };
const LABEL: Record<Theme, string> = { system: 'system', light: 'light', dark: 'dark' };

/** The theme actually shown: the learner's choice, or the system's when they left it to the system. */
export function effectiveTheme(): 'light' | 'dark' {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Calls `listener` whenever the shown theme may have changed (toggle or system setting). */
export function onThemeChange(listener: () => void): () => void {
  const observer = new MutationObserver(listener);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const media = matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', listener);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', listener);
  };
}

function apply(theme: Theme) {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
    button.querySelector('[data-theme-icon]')!.textContent = ICON[theme];
    button.querySelector('[data-theme-label]')!.textContent = `Theme: ${LABEL[theme]}`;
    button.title = `Theme: ${LABEL[theme]}. Switch to ${LABEL[NEXT[theme]]}.`;
  }
}

export function initThemeToggle() {
  const store = getProgressStore();
  apply(store.get().settings.theme);
  store.subscribe((p) => apply(p.settings.theme));
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
    button.addEventListener('click', () => {
      const next = NEXT[store.get().settings.theme];
      store.setTheme(next);
      const status = document.querySelector('[data-theme-status]');
      if (status) status.textContent = `Theme set to ${LABEL[next]}${next === 'system' ? ' (follows your device)' : ''}.`;
    });
  }
}
