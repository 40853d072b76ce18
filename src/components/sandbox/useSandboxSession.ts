import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore, type RefObject } from 'react';
import type { TerminalHandle } from './Terminal';
import { getProgressStore } from '../progress/client';
import { useProgress } from '../progress/useProgress';
import type { SandboxSource } from '../../sandbox/checks/workspace';
import type { FileMap } from '../../sandbox/files';
import { LocalRuntime } from '../../sandbox/local';
import { WebContainerRuntime } from '../../sandbox/webcontainer';
import { SandboxSession, probeLocalRunner, resolveRuntime, type RuntimeKind } from '../../sandbox/session';
import type { Task } from '../../sandbox/runtime';

export const RUNTIME_NAME: Record<RuntimeKind, string> = { local: 'Local runner', webcontainer: 'In the browser (WebContainer)' };

interface Options {
  source: SandboxSource;
  /** The learner's files as they are now (a stable function). */
  learnerFiles(): FileMap;
  terminal: RefObject<TerminalHandle | null>;
  announce(text: string): void;
}

/**
 * The runtime session of one sandbox: started on the runtime the learner's settings ask for, its
 * progress and errors written to the terminal, runs announced and recorded in the learner's progress.
 */
export function useSandboxSession({ source, learnerFiles, terminal, announce }: Options) {
  const manifest = source.manifest;
  const progress = useProgress();
  const localProbe = useRef<Promise<boolean> | null>(null);
  const localAvailable = useCallback(() => (localProbe.current ??= probeLocalRunner()), []);
  const session = useMemo(
    () =>
      new SandboxSession({
        source,
        createRuntime: (kind) => (kind === 'local' ? new LocalRuntime() : new WebContainerRuntime()),
        localAvailable,
      }),
    [source, localAvailable],
  );
  const state = useSyncExternalStore(
    (cb) => session.subscribe(cb),
    () => session.state,
    () => session.state,
  );
  const setting = progress?.settings.runtime ?? 'auto';
  const startedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!progress || startedFor.current === setting) return;
    startedFor.current = setting;
    void (async () => {
      const kind = resolveRuntime(setting, await localAvailable());
      terminal.current?.write(`\x1b[2m${RUNTIME_NAME[kind]}: starting…\x1b[0m\r\n`);
      await session.start(kind, learnerFiles());
    })();
  }, [progress, setting, session, localAvailable, terminal, learnerFiles]);
  useEffect(() => () => void session.dispose(), [session]);

  // Progress lines from the runtime go to the terminal too, so a slow boot is visible there.
  const lastProgress = useRef<string | null>(null);
  useEffect(() => {
    const line = state.progress?.message;
    if (line && line !== lastProgress.current && state.progress?.phase !== 'running') {
      lastProgress.current = line;
      terminal.current?.write(`\x1b[2m${line}\x1b[0m\r\n`);
    }
  }, [state.progress, terminal]);
  useEffect(() => {
    if (state.error) terminal.current?.write(`\x1b[31m${state.error.message}\x1b[0m\r\n`);
  }, [state.error, terminal]);

  const run = useCallback(
    async (task: Task) => {
      const write = (text: string) => terminal.current?.write(text);
      write(`\r\n\x1b[1m$ node ${task.kind === 'checks' ? '--test checks' : manifest.demos.find((d) => d.id === task.id)?.script}\x1b[0m\r\n`);
      announce(task.kind === 'checks' ? 'Running the checks.' : 'Running the demo.');
      const result = await session.run(task, learnerFiles(), write);
      if (!result) return;
      const { exit, checklist } = result;
      if (exit.timedOut) write(`\r\n\x1b[31mStopped: the run passed the sandbox's ${manifest.timeoutMs / 1000} s limit.\x1b[0m\r\n`);
      if (checklist) {
        getProgressStore().recordSandboxRun(manifest.id, checklist.passed, checklist.failed, checklist.allPassed);
        announce(checklist.allPassed ? `All ${checklist.passed} checks pass. Sandbox complete.` : `${checklist.passed} of ${checklist.items.length} checks pass.`);
      } else {
        announce(exit.timedOut ? 'The demo was stopped at the time limit.' : `The demo finished with exit code ${exit.exitCode}.`);
      }
    },
    [session, manifest, terminal, announce, learnerFiles],
  );

  /** Switches to the fallback runtime the error offered, and remembers the choice. */
  const switchToFallback = useCallback(
    (fallback: RuntimeKind) => {
      startedFor.current = fallback;
      getProgressStore().setRuntime(fallback);
      void session.start(fallback, learnerFiles());
    },
    [session, learnerFiles],
  );

  /** Connects to the local runner again, after the learner pasted its link. */
  const reconnectLocal = useCallback(() => {
    startedFor.current = 'local';
    void session.start('local', learnerFiles());
  }, [session, learnerFiles]);

  return {
    state,
    setting,
    passedAt: progress?.sandboxes[manifest.id]?.passedAt,
    run,
    stop: () => session.stop(),
    switchToFallback,
    reconnectLocal,
  };
}
