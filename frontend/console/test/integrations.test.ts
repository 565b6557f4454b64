// The integrations section's forms, without a browser: what a new key sends (trimmed name, scopes
// in the API's order, the last day as the instant it ends in the admin's zone), the rotation
// overlaps offered against the API's limits, and the trip-event rules list (moving, removing, what
// is sent, what counts as unsaved).
import { DEFAULT_ROTATION_OVERLAP_MINUTES, MAX_ROTATION_OVERLAP_MINUTES, tripRulesInput, type TripRule } from '@smartchat/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OVERLAP, endOfDay, keyBody, OVERLAP_CHOICES } from '../src/admin/integrations/key-form.js';
import { draftOf, moveRule, newRule, removeRule, rulesBody, rulesChanged } from '../src/admin/integrations/rules-form.js';

const TEAM = '0b6f3c1e-8f3a-4a4e-9d42-6f1f0c7f2a10';
const NOW = new Date('2026-12-07T12:00:00.000Z');

describe('a new API key', () => {
  it('sends the name trimmed and the scopes in the API’s order, without an expiry when no day is given', () => {
    expect(keyBody({ name: '  Бэк-офис  ', scopes: ['customers.signals', 'events.send'], lastDay: '' }, 'Europe/Moscow', NOW)).toEqual({
      body: { name: 'Бэк-офис', scopes: ['events.send', 'customers.signals'] },
    });
  });

  it('expires when the last day ends in the admin’s time zone', () => {
    expect(keyBody({ name: 'k', scopes: ['events.send'], lastDay: '2026-12-31' }, 'Europe/Moscow', NOW)).toEqual({
      body: { name: 'k', scopes: ['events.send'], expiresAt: '2026-12-31T21:00:00.000Z' },
    });
    expect(endOfDay('2026-12-31', 'Asia/Vladivostok').toISOString()).toBe('2026-12-31T14:00:00.000Z');
  });

  it('names what is missing before anything is sent', () => {
    expect(keyBody({ name: ' ', scopes: ['events.send'], lastDay: '' }, undefined, NOW)).toEqual({ problem: 'nameRequired' });
    expect(keyBody({ name: 'k', scopes: [], lastDay: '' }, undefined, NOW)).toEqual({ problem: 'scopesRequired' });
    expect(keyBody({ name: 'k', scopes: ['events.send'], lastDay: '2026-12-06' }, 'Europe/Moscow', NOW)).toEqual({ problem: 'expiryPast' });
  });
});

describe('how long a rotated key or signing secret keeps working', () => {
  it('offers from "at once" up to the API’s maximum, a day (the API’s default) chosen', () => {
    expect(OVERLAP_CHOICES[0]).toBe(0);
    expect(Math.max(...OVERLAP_CHOICES)).toBe(MAX_ROTATION_OVERLAP_MINUTES);
    expect(DEFAULT_OVERLAP).toBe(DEFAULT_ROTATION_OVERLAP_MINUTES);
    expect(OVERLAP_CHOICES).toContain(DEFAULT_OVERLAP);
  });
});

describe('the rules for trip events', () => {
  const saved: TripRule[] = [
    { eventType: 'trip.changed', change: 'time', notifyCustomer: true, topic: 'Изменение времени', teamId: TEAM },
    { eventType: 'trip.cancelled', notifyCustomer: false, topic: 'Отмена' },
  ];

  it('sends what the server holds unchanged, and knows it is unchanged', () => {
    const drafts = saved.map(draftOf);
    const body = rulesBody(drafts);
    expect(body).toEqual({ rules: saved });
    expect(tripRulesInput.safeParse(body).success).toBe(true);
    expect(rulesChanged(drafts, saved)).toBe(false);
  });

  it('moves a rule up or down; a move past either end changes nothing', () => {
    const [a, b, c] = ['a', 'b', 'c'];
    expect(moveRule([a, b, c], 2, -1)).toEqual([a, c, b]);
    expect(moveRule([a, b, c], 0, 1)).toEqual([b, a, c]);
    expect(moveRule([a, b, c], 0, -1)).toEqual([a, b, c]);
    expect(moveRule([a, b, c], 2, 1)).toEqual([a, b, c]);
    expect(removeRule([a, b, c], 1)).toEqual([a, c]);
  });

  it('the order is part of the rules: a move is an unsaved change', () => {
    expect(rulesChanged(moveRule(saved.map(draftOf), 0, 1), saved)).toBe(true);
    expect(rulesChanged([...saved.map(draftOf), newRule()], saved)).toBe(true);
  });

  it('a change only for trip.changed, no team for "by topic", the topic trimmed', () => {
    const draft = { ...newRule(), eventType: 'booking.failed' as const, change: 'hotel' as const, topic: '  Ошибка брони ', notifyCustomer: false };
    expect(rulesBody([draft])).toEqual({ rules: [{ eventType: 'booking.failed', notifyCustomer: false, topic: 'Ошибка брони' }] });
  });

  it('a rule without a topic is named by its number before anything is sent', () => {
    expect(rulesBody([draftOf(saved[0]!), newRule()])).toEqual({ problem: 'topicRequired', number: 2 });
  });
});
