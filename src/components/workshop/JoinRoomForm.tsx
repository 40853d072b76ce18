import { useState } from 'react';
import { readJoin } from '../../workshop/room-code';
import '../../styles/workshop.css';

export interface JoinWords {
  heading: string;
  nameLabel: string;
  /** Said when the code is not one the relay issues. */
  codeProblem: string;
  /** Said when the name is left empty; without it the name is optional. */
  nameProblem?: string;
}

/**
 * The form a player or a candidate joins a room with: the room code (the relay's own rule, from
 * room-code.ts) and a name. One form for both pages so the rule and its errors cannot drift apart;
 * each page keeps its own words.
 */
export default function JoinRoomForm({ id, words, initialCode, onJoin }: { id: string; words: JoinWords; initialCode: string; onJoin(entry: { code: string; name: string }): void }) {
  const [code, setCode] = useState(initialCode);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="card workshop-setup"
      aria-labelledby={`${id}-heading`}
      onSubmit={(e) => {
        e.preventDefault();
        const entry = readJoin(code, name, words.nameProblem !== undefined);
        if (!entry.ok) return setProblem(entry.wrong === 'code' ? words.codeProblem : (words.nameProblem ?? null));
        setProblem(null);
        onJoin({ code: entry.code, name: entry.name });
      }}
    >
      <h2 id={`${id}-heading`}>{words.heading}</h2>
      <div className="field">
        <label htmlFor={`${id}-code`}>Room code</label>
        <input id={`${id}-code`} value={code} autoComplete="off" spellCheck={false} maxLength={6} onChange={(e) => setCode(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-name`}>{words.nameLabel}</label>
        <input id={`${id}-name`} value={name} maxLength={40} autoComplete="off" onChange={(e) => setName(e.target.value)} />
      </div>
      {problem && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="button">
        Join
      </button>
    </form>
  );
}
