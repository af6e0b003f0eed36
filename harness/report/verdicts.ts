/**
 * The verdicts of a check, a rule and a whole report, and the exit codes they give: one home for what
 * every report (terminal, certification, matrix, JUnit, Allure, compare) says about a run.
 */

/**
 * `inconclusive`: a check whose precondition the broker did not meet (a lawful refusal, a lower grant):
 * nothing was judged, so neither a pass nor a failure, and not an error of the harness or the
 * infrastructure either.
 */
export type RuleVerdict = 'pass' | 'fail' | 'inconclusive' | 'not applicable' | 'error';

/** A rule whose verdict is not a pass: its evidence is shown (failed, errored or inconclusive). */
export function isUnsettled(verdict: RuleVerdict | 'absent'): boolean {
  return verdict === 'fail' || verdict === 'error' || verdict === 'inconclusive';
}

/** A report's overall verdict and its exit code. */
export type OverallVerdict = 'pass' | 'fail' | 'inconclusive' | 'error';
export type ExitCode = 0 | 1 | 2 | 3;

/**
 * 0 every rule judged passed; 1 a rule failed; 2 an error (infrastructure, a bad scenario, nothing
 * judged): the run is not complete; 3 no rule failed but some could not be judged (inconclusive).
 */
export const EXIT_CODES: Readonly<Record<OverallVerdict, ExitCode>> = {
  pass: 0,
  fail: 1,
  error: 2,
  inconclusive: 3,
};

/** The worst of several exit codes: an error, then a failure, then inconclusive, then a pass. */
export function worstExitCode(codes: readonly ExitCode[]): ExitCode {
  const severity: readonly ExitCode[] = [0, 3, 1, 2];
  return codes.reduce<ExitCode>(
    (worst, code) => (severity.indexOf(code) > severity.indexOf(worst) ? code : worst),
    0,
  );
}
