import { SHORTCUTS } from '../../console/shortcuts';
import { useDialog } from './hooks';

/** The "Keyboard" help: every shortcut (from the same table the handler uses) and how to reach everything else. */
export default function KeyboardHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useDialog(open, onClose);
  return (
    <dialog ref={ref} className="console-dialog" aria-labelledby="keys-heading">
      <h2 id="keys-heading">Keyboard</h2>
      <dl className="keys">
        {SHORTCUTS.map((s) => (
          <div key={s.what} className="keys__row">
            <dt>
              {s.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && ' or '}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{s.what}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">
        Single keys work when focus is not in a text field. Tab moves through every control; on the service map, Enter on a component shows its charts. Escape closes this.
      </p>
      <div className="console-dialog__actions">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
