import { checkpointStatus } from '../../curriculum/checkpoints';
import type { Level } from '../../schemas/lesson';
import { useProgress } from './useProgress';

/** A level's checkpoint on the path: passed (and when), or not yet; derived from drill results in progress. */
export default function CheckpointStatus({ level, name }: { level: Level; name: string }) {
  const progress = useProgress();
  if (!progress) return <p className="checkpoint-status muted">&nbsp;</p>;
  const status = checkpointStatus(progress, level);
  if (!status.passed) return <p className="checkpoint-status muted" data-checkpoint={level} data-passed="false">{name} checkpoint not passed yet</p>;
  return (
    <p className="checkpoint-status" data-checkpoint={level} data-passed="true">
      <span className="badge badge--done">Passed</span> {name} checkpoint passed on {new Date(status.passedAt!).toLocaleDateString()}
    </p>
  );
}
