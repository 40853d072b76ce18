/**
 * The environment a sandbox run gets: built from nothing, never copied from the server's, so
 * tokens, keys and cloud credentials in the learner's shell cannot leak into code under test.
 */
import { delimiter, dirname, join } from 'node:path';

export function scrubbedEnv(runRoot: string, nodePath: string, nodeEnv: 'test' | 'development', extra: Record<string, string> = {}): Record<string, string> {
  const path =
    process.platform === 'win32'
      ? [dirname(nodePath), 'C:\\Windows\\System32'].join(delimiter)
      : [dirname(nodePath), '/usr/local/bin', '/usr/bin', '/bin'].join(delimiter);
  const env: Record<string, string> = {
    PATH: path,
    HOME: join(runRoot, 'home'),
    TMPDIR: join(runRoot, 'tmp'),
    NODE_ENV: nodeEnv,
    ...extra,
  };
  if (process.platform === 'win32') {
    // Windows cannot start processes without these; they name system folders, not secrets.
    env.SystemRoot = process.env.SystemRoot ?? 'C:\\Windows';
    env.TEMP = env.TMPDIR!;
    env.TMP = env.TMPDIR!;
    env.USERPROFILE = env.HOME!;
  }
  return env;
}
