import { fileURLToPath, URL } from 'node:url';

// Cucumber profiles. The CLI (`run`, `certify`, `mutants`, through cli/cucumber-runner.ts) uses these and
// hands the run over as one run context (harness/run/run-context.ts); a bare cucumber run works too and
// builds that context itself from BROKER (default: embedded) and MQ (like --mq):
//   NODE_OPTIONS="--import tsx" npx cucumber-js   (tsx cannot be given to cucumber as a `loader`).
// No `paths`: cucumber's default is features/**/*.feature, and a configured list would be merged with,
// not replaced by, the paths given on the command line.
// The steps and the formatter are the harness's own, found from this file, so a project that installed
// mqtt-harness runs them too (reports still go to the current directory).
const own = (file) => fileURLToPath(new URL(file, import.meta.url));
const common = {
  import: [own('steps/**/*.ts')],
  format: [`${own('harness/report/allure-formatter.ts')}:reports/.allure-formatter.log`],
  formatOptions: { resultsDir: 'reports/allure-results' },
  strict: true,
};

export default {
  ...common,
  format: [...common.format, process.stdout.isTTY ? 'progress-bar' : 'progress'],
};

/** CI: plain progress output plus a JUnit file for CI systems that read one. */
export const ci = {
  ...common,
  format: [...common.format, 'progress', 'junit:reports/cucumber-junit.xml'],
};
