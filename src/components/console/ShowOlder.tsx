import { useEffect, useRef, useState } from 'react';

/** Rows a list renders at first and adds per step: a screenful and a half of its 22rem scroller. */
export const ROWS_STEP = 40;

/**
 * How many of a newest-first list's rows to render. Lists grow at 60x twice a second; rendering only
 * the rows near the top keeps each update's layout small. Scrolling to the end (or the button there)
 * renders the next step, up to the list's own cap.
 */
export function useShownRows(): { shown: number; more: () => void } {
  const [shown, setShown] = useState(ROWS_STEP);
  return { shown, more: () => setShown((n) => n + ROWS_STEP) };
}

/** The end of a partly rendered list: shows older rows when scrolled into view or pressed. */
export function ShowOlder({ shown, hidden, noun, onMore }: { shown: number; hidden: number; noun: string; onMore: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  const more = useRef(onMore);
  more.current = onMore;
  const any = hidden > 0;
  // Observed afresh after each step: a button still in view (a short list) asks for the next one.
  useEffect(() => {
    const el = button.current;
    if (!el || !any) return;
    const seen = new IntersectionObserver(([entry]) => entry?.isIntersecting && more.current(), { root: el.parentElement });
    seen.observe(el);
    return () => seen.disconnect();
  }, [shown, any]);
  if (hidden <= 0) return null;
  return (
    <button type="button" ref={button} className="button button--quiet button--small list-more" onClick={onMore}>
      Show {Math.min(hidden, ROWS_STEP)} older {noun}
    </button>
  );
}
