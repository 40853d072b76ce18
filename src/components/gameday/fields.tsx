import type { ReactNode } from 'react';

/** A labelled input with its problem (if any) right under it, tied to it for screen readers. */
export function Field({ id, label, error, children }: { id: string; label: ReactNode; error?: string; children: (a11y: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode }) {
  return (
    <label className="field" htmlFor={id}>
      <span className="field__label">{label}</span>
      {children({ id, ...(error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {}) })}
      {error && (
        <span id={`${id}-error`} className="field__error">
          {error}
        </span>
      )}
    </label>
  );
}

/** A problem that belongs to a whole group (no faults, no conditions), said next to it. */
export function GroupError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="field__error">
      {error}
    </p>
  );
}
