import { Before } from '@cucumber/cucumber';
import { label } from 'allure-js-commons';
import 'allure-cucumberjs';
import { ruleLabels } from '../../harness/report/rule-ids.ts';

// Rule-ID tags become Allure labels (epic = rule area, story = rule ID), so the report groups by rule.
Before({ name: 'rule labels' }, async function ({ pickle }) {
  for (const { name, value } of ruleLabels(pickle.tags.map((tag) => tag.name))) await label(name, value);
});
