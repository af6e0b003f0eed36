import { defineParameterType, Given, Then, When } from '@cucumber/cucumber';
import type { Platform } from '../simulators/topic-plans.ts';
import type { HarnessWorld } from './support/world.ts';

defineParameterType({
  name: 'platform',
  regexp: /an Android phone|an iPhone/,
  transformer: (text: string): Platform => (text === 'an iPhone' ? 'ios' : 'android'),
});

defineParameterType({
  name: 'people',
  regexp: /[A-Z][a-z]+(?:(?:, | and )[A-Z][a-z]+)*/,
  transformer: (text: string): string[] => text.split(/, | and /),
});

Given('the RTC control service is running', async function (this: HarnessWorld) {
  await this.solutions.rtc.startService();
});

Given(
  '{word} uses the app on {platform}',
  async function (this: HarnessWorld, person: string, platform: Platform) {
    await this.solutions.rtc.addPhone(person, platform);
  },
);

Given('{word} and {word} are in a call', async function (this: HarnessWorld, host: string, guest: string) {
  await this.solutions.rtc.establishCall(host, guest);
});

Given("{word}'s app is killed in the background", async function (this: HarnessWorld, person: string) {
  await this.solutions.rtc.kill(person);
});

When(
  '{word} requests a meeting with {word}',
  async function (this: HarnessWorld, host: string, invitee: string) {
    await this.solutions.rtc.requestMeeting(host, invitee);
  },
);

When(
  '{word} requests a meeting with someone who has no account',
  async function (this: HarnessWorld, host: string) {
    await this.solutions.rtc.requestMeetingWithUnknownAccount(host);
  },
);

When('{word} relaunches the app', async function (this: HarnessWorld, person: string) {
  await this.solutions.rtc.relaunch(person);
});

When('the control service has invited {word}', async function (this: HarnessWorld, person: string) {
  await this.solutions.rtc.expectInvited(person);
});

When(
  "{word}'s phone stays offline for {int} hours",
  function (this: HarnessWorld, _person: string, hours: number) {
    this.solutions.rtc.passTime(hours);
  },
);

When(
  "the control service sends {word}'s invitation again",
  async function (this: HarnessWorld, person: string) {
    await this.solutions.rtc.resendInvitation(person);
  },
);

When('{word} adds {word} to the call', async function (this: HarnessWorld, host: string, person: string) {
  await this.solutions.rtc.addParticipant(host, person);
});

When('{word} mutes {word}', async function (this: HarnessWorld, host: string, person: string) {
  await this.solutions.rtc.mute(host, person);
});

When('{word} ends the call', async function (this: HarnessWorld, host: string) {
  await this.solutions.rtc.endCall(host);
});

Then(
  'the control service registers a call from {word} with {word}',
  async function (this: HarnessWorld, host: string, invitee: string) {
    await this.solutions.rtc.expectCallRegistered(host, invitee);
  },
);

Then(
  "the control service refuses {word}'s meeting request",
  async function (this: HarnessWorld, person: string) {
    await this.solutions.rtc.expectMeetingRefused(person);
  },
);

Then('{word} joins the call', async function (this: HarnessWorld, person: string) {
  await this.solutions.rtc.expectJoined(person);
});

Then('{word} has not joined the call', function (this: HarnessWorld, person: string) {
  this.solutions.rtc.expectNotJoined(person);
});

Then('the call is set up with {people}', async function (this: HarnessWorld, people: string[]) {
  await this.solutions.rtc.expectCallSetUp(people);
});

Then('{word} discards the invitation as out of date', async function (this: HarnessWorld, person: string) {
  await this.solutions.rtc.expectDiscardedAsStale(person);
});

Then('{word} ignores the repeated invitation', async function (this: HarnessWorld, person: string) {
  await this.solutions.rtc.expectDuplicateIgnored(person);
});

Then('{word} is muted', async function (this: HarnessWorld, person: string) {
  await this.solutions.rtc.expectMuted(person);
});

Then('the call has ended for {people}', async function (this: HarnessWorld, people: string[]) {
  await this.solutions.rtc.expectCallEnded(people);
});
