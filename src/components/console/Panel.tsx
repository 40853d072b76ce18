import type { ReactNode } from 'react';

/** One named region of the console (a landmark with a heading), hidden on a phone unless its tab is chosen. */
export default function Panel({ id, title, hidden, children }: { id: string; title: string; hidden: boolean; children: ReactNode }) {
  return (
    <section className={`panel panel--${id}`} id={`panel-${id}`} aria-labelledby={`panel-${id}-heading`} hidden={hidden} tabIndex={-1}>
      <h2 className="panel__title" id={`panel-${id}-heading`}>
        {title}
      </h2>
      {children}
    </section>
  );
}
