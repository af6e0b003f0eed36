import { After, defineParameterType, Then } from '@cucumber/cucumber';
import { CSG_PLAN, PRICE_TAG_PLAN, RTC_PLAN, type TopicPlan } from '../simulators/topic-plans.ts';
import type { HarnessWorld } from './support/world.ts';

const PLANS: Record<string, TopicPlan> = { RTC: RTC_PLAN, 'price-tag': PRICE_TAG_PLAN, CSG: CSG_PLAN };

defineParameterType({
  name: 'plan',
  regexp: /RTC|price-tag|CSG/,
  transformer: (name: string) => PLANS[name],
});

// Closes the scenario's simulated devices and services and attaches what they sent and received.
After(async function (this: HarnessWorld) {
  const stage = this.solutionsInUse;
  if (!stage) return;
  try {
    for (const line of stage.serviceLines()) this.log(line);
    if (stage.used) {
      const report = {
        target: this.target.spec,
        scope: stage.context.scope,
        p2p: stage.context.p2p.describe(),
        services: stage.servicePaths(),
        problems: stage.problems(),
        transcript: stage.transcript(),
      };
      this.attach(JSON.stringify(report, null, 2), {
        mediaType: 'application/json',
        fileName: 'solution-transcript.json',
      });
    }
  } finally {
    await stage.close();
  }
});

Then(
  'the {plan} topic plan uses different parent topics for uplink and downlink',
  function (this: HarnessWorld, plan: TopicPlan) {
    this.solutions.expectDirectionsApart(plan);
  },
);

Then(
  'the {plan} topic plan uses different parent topics for different task types',
  function (this: HarnessWorld, plan: TopicPlan) {
    this.solutions.expectTaskTypesApart(plan);
  },
);

Then(
  'the {plan} topic plan uses different parent topics for very different priority or volume',
  function (this: HarnessWorld, plan: TopicPlan) {
    this.solutions.expectTrafficClassesApart(plan);
  },
);

Then(
  "every topic and client ID the {plan} system used fits the profile's limits",
  function (this: HarnessWorld, plan: TopicPlan) {
    this.solutions.expectUsageWithinLimits(plan);
  },
);
