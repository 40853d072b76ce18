import { useSyncExternalStore } from 'react';
import type { Progress } from '../../progress';
import { getProgressStore } from './client';

const subscribe = (onChange: () => void) => getProgressStore().subscribe(onChange);
const snapshot = () => getProgressStore().get();
// On the server (and during hydration) progress is unknown, not empty: islands render a neutral state.
const serverSnapshot = () => null;

export function useProgress(): Progress | null {
  return useSyncExternalStore(subscribe, snapshot, serverSnapshot);
}

export function isComplete(progress: Progress | null, lessonId: string): boolean {
  return Boolean(progress?.lessons[lessonId]?.completedAt);
}
