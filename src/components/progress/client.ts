import { createProgressStore, getBrowserStorage, type ProgressStore } from '../../progress';

let store: ProgressStore | undefined;

/** The page's one progress store over localStorage, shared by every island and script on the page. */
export function getProgressStore(): ProgressStore {
  store ??= createProgressStore(getBrowserStorage());
  return store;
}

/** Offers `text` as a file download named `name`. */
export function downloadText(name: string, text: string, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
