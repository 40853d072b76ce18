import { createContext } from 'react';

/**
 * Who took each action of the log, by index, when a page knows (a workshop: players on one run).
 * Without a provider (a drill played alone) the debrief names nobody.
 */
export const ActionAttribution = createContext<readonly string[] | null>(null);
