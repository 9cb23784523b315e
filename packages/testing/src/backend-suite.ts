// Runs one fixture suite on every backend, so each op is checked against PyTorch on native and TypeScript alike.
import { afterAll, describe, it } from 'vitest';

/** A list of fixture cases grouped into tests, and how to run one case. */
export interface BackendSuite<C> {
  /** Shown in the describe title, e.g. 'ops against PyTorch 1.13'. */
  title: string;
  cases: readonly C[];
  /** The test a case belongs to (e.g. its op name); one test per group. */
  group(c: C): string;
  /** Runs and checks one case; throws on a mismatch. */
  run(c: C): void;
  /** Backend names, e.g. ['native', 'reference']. */
  backends: readonly string[];
  /** Switches the library under test to a backend. */
  useBackend(name: string): void;
  /** The backend to restore after the suite. */
  defaultBackend: string;
}

/** Registers `describe(title on <backend>)` with one test per group for every backend. */
export function describeOnBackends<C>(suite: BackendSuite<C>): void {
  const groups = [...new Set(suite.cases.map((c) => suite.group(c)))];
  describe.each(suite.backends)(`${suite.title} on the %s backend`, (backend) => {
    afterAll(() => suite.useBackend(suite.defaultBackend));
    it.each(groups)('%s', (group) => {
      suite.useBackend(backend);
      for (const c of suite.cases) if (suite.group(c) === group) suite.run(c);
    });
  });
}
