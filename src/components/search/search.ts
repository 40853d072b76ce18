// Pagefind's own UI, loaded from the index the build writes to /pagefind/ (same origin, offline).
interface PagefindUIInstance {
  triggerSearch(term: string): void;
}
declare global {
  interface Window {
    PagefindUI?: new (options: Record<string, unknown>) => PagefindUIInstance;
  }
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(s);
  });
}

export async function mountSearch(element: HTMLElement) {
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = '/pagefind/pagefind-ui.css';
  document.head.append(css);
  try {
    await loadScript('/pagefind/pagefind-ui.js');
  } catch {
    element.dataset.searchState = 'unavailable';
    element.innerHTML =
      '<p class="notice">The search index is missing. It is built by <code>npm run build</code> (and by <code>npm start</code>); under <code>npm run dev</code> there is none.</p>';
    return;
  }
  const ui = new window.PagefindUI!({
    element,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    translations: { placeholder: 'Search lessons, e.g. "retry", "quorum", "429"' },
  });
  element.dataset.searchState = 'ready';
  const input = element.querySelector<HTMLInputElement>('input');
  input?.setAttribute('aria-label', 'Search the lessons');
  const q = new URLSearchParams(location.search).get('q');
  if (q) ui.triggerSearch(q);
  else input?.focus();
}
