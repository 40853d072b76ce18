/**
 * The limits of a local-runner run and how their end is told to the learner. Browser-safe: the
 * checklist and terminal word a stopped run the same way in every runtime.
 */

/** Limits for one run. Memory is what the process may write to, not what V8 reserves. */
export interface ResourceLimits {
  /** CPU seconds (not wall time: a sleeping run uses none). SIGXCPU at this, SIGKILL a second later. */
  cpuSeconds: number;
  /** Writable memory of the process (RLIMIT_DATA, Linux 4.7+), in MB. */
  dataMb: number;
  /** The JavaScript heap (V8 old space), in MB; smaller than dataMb so V8 fails first with a clear message. */
  heapMb: number;
  /** Largest file the run may write, in MB (writes beyond fail with EFBIG). */
  fileMb: number;
  /** Open file descriptors. */
  openFiles: number;
  /** Bytes and entries the run's folder may hold; checked every second by the runner. */
  diskMb: number;
  diskEntries: number;
}

export const DEFAULT_RESOURCE_LIMITS: ResourceLimits = { cpuSeconds: 60, dataMb: 2048, heapMb: 768, fileMb: 64, openFiles: 256, diskMb: 256, diskEntries: 5000 };

export type LimitHit = 'memory' | 'cpu' | 'file-size' | 'disk';

/** Output that means the process ran out of memory (V8's heap limit, or the OS refusing more). */
const OUT_OF_MEMORY = /JavaScript heap out of memory|Fatal process out of memory|ERR_MEMORY_ALLOCATION_FAILED|Cannot allocate memory|Array buffer allocation failed|Failed to allocate memory/;

/** Which limit ended a run, judged from how it ended and what it printed last; null for a clean exit. */
export function limitFromExit(signal: string | null, exitCode: number | null, outputTail: string): LimitHit | null {
  if (signal === 'SIGXCPU') return 'cpu';
  if (exitCode === 0) return null;
  if (OUT_OF_MEMORY.test(outputTail)) return 'memory';
  if (/\bEFBIG\b/.test(outputTail)) return 'file-size';
  return null;
}

export function limitMessage(hit: LimitHit, limits: ResourceLimits = DEFAULT_RESOURCE_LIMITS): string {
  switch (hit) {
    case 'memory':
      return `Stopped: memory limit. The run needed more than the local runner allows (${limits.heapMb} MB of JavaScript heap, ${limits.dataMb} MB in all). Look for data that grows without bound.`;
    case 'cpu':
      return `Stopped: CPU time limit. The run used ${limits.cpuSeconds} s of processor time. Look for a loop that never ends.`;
    case 'file-size':
      return `Stopped: file size limit. A file grew past ${limits.fileMb} MB, the most a run may write to one file.`;
    case 'disk':
      return `Stopped: disk limit. The run's folder grew past ${limits.diskMb} MB or ${limits.diskEntries} files.`;
  }
}

/** Printed once when learner code touched something outside its folder (Node's own text names a flag the learner cannot set). */
export const ACCESS_DENIED_NOTICE =
  'The local runner confines sandbox code: it may read and write only its own project folder, and may not start processes or threads, or load native addons. Anything else fails with ERR_ACCESS_DENIED, as above.';
