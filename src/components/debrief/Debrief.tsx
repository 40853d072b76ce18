import { useEffect, useMemo, useRef, useState } from 'react';
import { BranchBook, type Branch } from '../../console/debrief/branches';
import { alertCauses, faultBands } from '../../console/debrief/faults-revealed';
import { runFigures } from '../../console/debrief/figures';
import { RUNG_LABEL, RUNGS } from '../../console/debrief/hints';
import { postmortemMarkdown, type PostmortemDraft } from '../../console/debrief/postmortem';
import { clockText } from '../../console/format';
import { isCommsAction } from '../../console/protocol';
import { getProgressStore } from '../progress/client';
import { useConsole, useConsoleSelector } from '../console/context';
import ActionEffects from './ActionEffects';
import FaultsRevealed from './FaultsRevealed';
import PostmortemEditor from './PostmortemEditor';
import RewindBranch from './RewindBranch';
import ScoreAgainstPar from './ScoreAgainstPar';
import { useDebriefWorker } from './useDebriefWorker';
import '../../styles/debrief.css';

interface Props {
  drillId: string | null;
  /** Whether this run counts as a new attempt in progress (and so gets its grade and postmortem saved). */
  recorded: boolean;
}

function sessionStore(): Storage | { getItem: () => null; setItem: () => void; removeItem: () => void } {
  try {
    return sessionStorage;
  } catch {
    return { getItem: () => null, setItem: () => {}, removeItem: () => {} };
  }
}

/** The book of branches for this scenario and seed, kept for the browser session. */
export function branchBook(source: { kind: string; id?: string }, seed: number): BranchBook {
  return new BranchBook(sessionStore(), `blast-radius:branches:${source.kind === 'builtin' ? source.id : 'custom'}:${seed}`);
}

/**
 * The debrief of a finished run: the grade against par, each action's measured effect (computed
 * in a worker), the faults revealed on the charts, rewind-and-branch, and the postmortem draft.
 */
export default function Debrief({ drillId, recorded, branch }: Props & { branch: Branch }) {
  const { actor, frames } = useConsole();
  const reveal = useConsoleSelector((s) => s.context.reveal)!;
  const scenario = useConsoleSelector((s) => s.context.scenario)!;
  const request = useConsoleSelector((s) => s.context.request)!;
  const endT = useConsoleSelector((s) => s.context.clock.t);
  const warm = scenario.warmupSeconds;
  const lastSecond = Math.max(0, Math.floor(endT - warm));

  const input = useMemo(
    () => ({
      source: request.source,
      seed: request.seed,
      warmupSeconds: request.warmupSeconds,
      log: reveal.log,
      end: endT,
      summary: reveal.summary,
      hints: reveal.hints ?? [],
      ...(reveal.checkpoints ? { checkpoints: reveal.checkpoints } : {}),
    }),
    [request, reveal, endT],
  );
  const debrief = useDebriefWorker(input);
  const learner = useMemo(() => debrief.learner ?? runFigures(reveal.summary), [debrief.learner, reveal]);
  const bands = useMemo(() => faultBands(reveal, warm), [reveal, warm]);
  const causes = useMemo(() => alertCauses(reveal, warm), [reveal, warm]);
  const chartFrames = useMemo(() => frames.frames.filter((f) => f.t >= warm - 300), [frames, reveal]); // eslint-disable-line react-hooks/exhaustive-deps
  const firstMove = reveal.log.find((l) => l.accepted && !isCommsAction(l.action));
  const [second, setSecond] = useState(() => Math.max(0, Math.min(lastSecond, Math.floor((firstMove?.at ?? endT) - warm) - 1)));
  const [draft, setDraft] = useState<PostmortemDraft | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const store = useRef(branchBook(request.source, request.seed));

  useEffect(() => setDraft(debrief.postmortem), [debrief.postmortem]);

  // The grade joins the result recorded at the end of the run.
  useEffect(() => {
    if (!recorded || !drillId || !debrief.references) return;
    getProgressStore().annotateLastDrillResult(drillId, { grade: debrief.references.grade.grade });
  }, [recorded, drillId, debrief.references]);

  // The postmortem is saved with the result, as drafted and after each pause in editing.
  useEffect(() => {
    if (!recorded || !drillId || !draft) return;
    // Until the pause in editing ends, what is in progress is the older draft: say so, not "Saved".
    setSaved((said) => (said ? 'Saving…' : said));
    const timer = setTimeout(() => {
      try {
        getProgressStore().annotateLastDrillResult(drillId, { postmortem: postmortemMarkdown(draft) });
        setSaved('Saved with this run in your progress.');
      } catch (e) {
        setSaved(`Not saved: ${(e as Error).message}`);
      }
    }, 600);
    return () => clearTimeout(timer);
  }, [recorded, drillId, draft]);

  const rewind = (s: number) => {
    store.current.rewinding({ from: branch.n, at: s + warm });
    actor.send({ type: 'REWIND', t: s + warm });
  };

  return (
    <div className="debrief">
      {debrief.error && (
        <p className="notice notice--error" role="alert">
          {debrief.error}
        </p>
      )}
      <ScoreAgainstPar learner={learner} references={debrief.references} noPar={debrief.noPar} />
      <ActionEffects log={reveal.log} effects={debrief.effects} measured={debrief.measured} progress={debrief.progress} warmupSeconds={warm} />
      <FaultsRevealed frames={chartFrames} warmupSeconds={warm} rootCause={reveal.rootCause.summary} bands={bands} causes={causes} cursor={second} />
      {(reveal.hints?.length ?? 0) > 0 && (
        <section className="debrief__section" aria-labelledby="debrief-hints">
          <h3 id="debrief-hints">Hints you took</h3>
          <ul>
            {reveal.hints!.map((h) => (
              <li key={h.rung}>
                {clockText(h.at, warm)}, {RUNG_LABEL[RUNGS[h.rung - 1]!]}: {h.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      <RewindBranch
        frameAt={(t) => frames.at(t)}
        warmupSeconds={warm}
        lastSecond={lastSecond}
        second={second}
        onSecond={setSecond}
        onRewind={rewind}
        branches={store.current.list()}
        current={branch.n}
      />
      <PostmortemEditor draft={draft} onChange={setDraft} saved={recorded ? saved : null} fileName={`postmortem-${scenario.id}-seed-${request.seed}`} />
    </div>
  );
}
