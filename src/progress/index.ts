/**
 * Learner progress: what a learner has done, kept in the browser. No UI here; React islands use the
 * store, tests use the same code against MemoryStorage.
 */
export * from './schema';
export * from './migrations';
export * from './storage';
export * from './transfer';
export * from './store';
export * from './plan';
export { addDays, daysBetween, localCalendarDate, parseCalendarDate, type CalendarDate } from './calendar';
export { describeProblems, formatPath, type Problem } from './issues';
export { MemoryStorage } from './memory-storage';
