import { useEffect, useRef, useState } from 'react';
import { announcement, formatClock, spokenClock } from '../../interview/countdown';

interface Props {
  remainingMs: number;
  paused: boolean;
  label: string;
}

/**
 * The visible clock (role="timer", which screen readers do not read out on every tick) and a polite
 * live region that speaks only at one minute left, at zero, and on pause and resume.
 */
export default function Countdown({ remainingMs, paused, label }: Props) {
  const [said, setSaid] = useState('');
  const previous = useRef(remainingMs);
  const wasPaused = useRef(paused);

  useEffect(() => {
    const words = announcement(previous.current, remainingMs);
    previous.current = remainingMs;
    if (words) setSaid(words);
  }, [remainingMs]);

  useEffect(() => {
    if (wasPaused.current !== paused) setSaid(paused ? `Paused, ${spokenClock(remainingMs)}.` : `Resumed, ${spokenClock(remainingMs)}.`);
    wasPaused.current = paused;
  }, [paused, remainingMs]);

  const low = remainingMs <= 60_000;
  return (
    <div className={`countdown${low ? ' countdown--low' : ''}${paused ? ' countdown--paused' : ''}`}>
      <span className="countdown__label">{label}</span>
      <span role="timer" aria-label={`${label}: ${spokenClock(remainingMs)}`} className="countdown__clock" data-testid="countdown">
        {formatClock(remainingMs)}
      </span>
      {paused && <span className="countdown__state">paused</span>}
      <span className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="countdown-announcement">
        {said}
      </span>
    </div>
  );
}
