/**
 * Kills a run and everything it started. Each run is spawned as the leader of its own process
 * group (detached), so one signal to the negative pid reaches its children and grandchildren
 * (`node --test` starts one process per check file, and learner code may spawn more).
 * A process that puts itself in a new group or session escapes this; containing that would need
 * an OS sandbox (cgroups, job objects), which a learning tool does not ask for.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';

export function killTree(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore' });
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (error) {
    // ESRCH: the group is already gone.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
