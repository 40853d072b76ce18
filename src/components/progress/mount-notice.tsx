import { createRoot } from 'react-dom/client';
import ProgressNotice from './ProgressNotice';

/** Renders the progress notice into `host`; loaded only when there is a notice to show. */
export function mountNotice(host: Element) {
  createRoot(host).render(<ProgressNotice />);
}
