// Cucumber profiles. The CLI (`mqtt-harness run`) uses these and adds tags, the broker and the summary;
// a bare `npx cucumber-js` run works too and starts the broker named by BROKER (default: embedded).
const common = {
  paths: ['features/**/*.feature'],
  import: ['steps/**/*.ts'],
  format: ['./harness/report/allure-formatter.ts:reports/.allure-formatter.log'],
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
