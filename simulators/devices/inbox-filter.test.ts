import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY_MS, HOUR_MS, ManualClock } from '../clock.ts';
import type { SimMessage } from '../message.ts';
import { InboxFilter } from './inbox-filter.ts';

const START = Date.UTC(2024, 0, 1);
const message = (id: string, sentAt: number): SimMessage => ({ id, type: 'invitation', sentAt, data: {} });

test('RTC-6: a message a day old is stale, one just inside the limit is not', () => {
  const clock = new ManualClock(START);
  const inbox = new InboxFilter(DAY_MS, DAY_MS, clock);
  clock.advance(DAY_MS + 1);
  assert.equal(inbox.judge(message('a', START)), 'stale');
  assert.equal(inbox.judge(message('b', START + 1)), 'accepted');
});

test('RTC-6: the same message ID within the window is a duplicate, however it arrives', () => {
  const clock = new ManualClock(START);
  const inbox = new InboxFilter(HOUR_MS, DAY_MS, clock);
  assert.equal(inbox.judge(message('a', START)), 'accepted');
  clock.advance(HOUR_MS);
  assert.equal(inbox.judge(message('a', START)), 'duplicate');
  assert.equal(inbox.judge(message('b', START)), 'accepted');
});

test('IDs expire after the window, so memory stays bounded without a timer', () => {
  const clock = new ManualClock(START);
  const inbox = new InboxFilter(HOUR_MS, DAY_MS, clock);
  for (let i = 0; i < 100; i += 1) inbox.judge(message(`m${i}`, clock.now()));
  assert.equal(inbox.remembered, 100);
  clock.advance(HOUR_MS + 1);
  assert.equal(
    inbox.judge(message('m0', START)),
    'accepted',
    'a copy after the window is no longer recognised',
  );
  assert.equal(inbox.remembered, 1);
});

test('a window of 0 turns de-duplication off; an infinite limit turns timeliness off', () => {
  const clock = new ManualClock(START);
  const inbox = new InboxFilter(0, Number.POSITIVE_INFINITY, clock);
  assert.equal(inbox.judge(message('a', START)), 'accepted');
  clock.advance(30 * DAY_MS);
  assert.equal(inbox.judge(message('a', START)), 'accepted');
  assert.equal(inbox.remembered, 0);
});
