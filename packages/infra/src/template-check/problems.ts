/** What the template check reports: one problem per mistake, each with where it is in the template. */

export type ProblemKind =
  | 'template-section'
  | 'logical-id'
  | 'resource-key'
  | 'resource-type'
  | 'unknown-property'
  | 'missing-property'
  | 'wrong-type'
  | 'ref'
  | 'get-att'
  | 'sub'
  | 'depends-on'
  | 'condition'
  | 'runtime';

export interface Problem {
  /** Errors stop a deploy; warnings (a runtime's deprecation coming soon) are printed and let it go on. */
  severity: 'error' | 'warning';
  kind: ProblemKind;
  /** The path in the template, e.g. `Resources.RidesTable.Properties.TableName`. */
  at: string;
  message: string;
}

export const error = (kind: ProblemKind, at: string, message: string): Problem => ({ severity: 'error', kind, at, message });
export const warning = (kind: ProblemKind, at: string, message: string): Problem => ({ severity: 'warning', kind, at, message });

/** One line per problem, errors first, for a terminal or a test's failure message. */
export function formatProblems(problems: readonly Problem[]): string[] {
  const order = (p: Problem) => (p.severity === 'error' ? 0 : 1);
  return [...problems].sort((a, b) => order(a) - order(b)).map((p) => `${p.severity}: ${p.at}: ${p.message}`);
}

/** The closest of `names` to a misspelt one, when it is close enough to be the likely intent. */
function closest(name: string, names: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of names) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? best : undefined;
}

export const didYouMean = (name: string, names: Iterable<string>) => {
  const guess = closest(name, names);
  return guess ? ` (did you mean ${guess}?)` : '';
};

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
