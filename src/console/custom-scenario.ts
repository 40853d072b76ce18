/**
 * A scenario file a learner loaded in the browser, kept for the tab's session so /drills/custom/
 * survives a reload: sessionStorage holds the file's name and text (at most the 256 KB a scenario
 * file may be), and the page parses it again on load. Nothing leaves the browser.
 */
import type { Scenario } from '../sim/scenarios/schema';
import { sizeProblem } from './data-file';
import type { DrillInfo } from './drill-catalogue';
import { MAX_SCENARIO_FILE_BYTES, parseScenarioFile, ScenarioFileError } from './scenario-file';

export const CUSTOM_SCENARIO_KEY = 'blast-radius:custom-scenario';

/** Where the file came from: an upload, or the game-day designer's "Run it". */
export type CustomOrigin = 'file' | 'game-day';

export interface StoredScenarioFile {
  fileName: string;
  text: string;
  origin: CustomOrigin;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Reads a picked or dropped file, refusing one over the cap before reading it. */
export async function readScenarioFile(file: Pick<File, 'name' | 'size' | 'text'>): Promise<{ fileName: string; text: string }> {
  if (file.size > MAX_SCENARIO_FILE_BYTES) {
    throw new ScenarioFileError(file.name, [sizeProblem(file.size, MAX_SCENARIO_FILE_BYTES, 'a scenario file')]);
  }
  return { fileName: file.name, text: await file.text() };
}

/** Validates and keeps a scenario file for /drills/custom/; throws ScenarioFileError (and keeps nothing) when it is not playable. */
export function keepScenarioFile(store: Store, file: StoredScenarioFile): Scenario {
  const scenario = parseScenarioFile(file.fileName, file.text);
  try {
    store.setItem(CUSTOM_SCENARIO_KEY, JSON.stringify(file));
  } catch {
    throw new ScenarioFileError(file.fileName, ['the browser would not keep it for this tab (storage is full or disabled); free some space or allow site storage, then try again']);
  }
  return scenario;
}

/** The kept file and its scenario, or null when none is kept (or what is kept no longer parses). */
export function keptScenarioFile(store: Store): { file: StoredScenarioFile; scenario: Scenario } | { file: StoredScenarioFile | null; error: ScenarioFileError } | null {
  const raw = store.getItem(CUSTOM_SCENARIO_KEY);
  if (raw === null) return null;
  let file: StoredScenarioFile;
  try {
    const data = JSON.parse(raw) as Partial<StoredScenarioFile>;
    if (typeof data.fileName !== 'string' || typeof data.text !== 'string') throw new Error('malformed');
    file = { fileName: data.fileName, text: data.text, origin: data.origin === 'game-day' ? 'game-day' : 'file' };
  } catch {
    store.removeItem(CUSTOM_SCENARIO_KEY);
    return null;
  }
  try {
    return { file, scenario: parseScenarioFile(file.fileName, file.text) };
  } catch (error) {
    if (error instanceof ScenarioFileError) return { file, error };
    throw error;
  }
}

/** What the briefing and cards need, for a scenario that is not in the catalogue. */
export function customDrillInfo(scenario: Scenario): DrillInfo {
  return {
    id: scenario.id,
    title: scenario.title,
    briefing: scenario.briefing,
    excerpt: /^[^.!?]*[.!?]/.exec(scenario.briefing)?.[0] ?? scenario.briefing,
    minutes: Math.round(scenario.durationSeconds / 60),
    // The briefing lists the criteria from the running scenario (the worker's view); cards are not shown for custom files.
    successCriteria: [],
    slo: { availability: scenario.slo.availability, windowDays: scenario.slo.windowDays },
    lesson: scenario.drill?.lesson ?? null,
    // A file of your own is never a level's checkpoint (the Staff one is recorded by the game-day designer).
    checkpoint: null,
    level: scenario.drill?.level ?? null,
    week: scenario.drill?.week ?? null,
  };
}

/** A custom scenario as the console plays it: the parsed scenario, the file's data as written (for re-export), and where it came from. */
export interface CustomRun {
  scenario: Scenario;
  raw: unknown;
  fileName: string;
  origin: CustomOrigin;
}
