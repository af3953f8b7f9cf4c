/**
 * Errors are values until an edge (CLI exit code, HTTP status) turns them into something else.
 * A problem names what is wrong (code), where (path, e.g. `case[3].intensity`) and says it in words.
 */
export interface Problem {
  code: string;
  path: string;
  message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = <T = never>(problems: Problem[]): Outcome<T> => ({ ok: false, problems });

export const formatProblem = (p: Problem): string => (p.path ? `${p.path}: ${p.message}` : p.message);
