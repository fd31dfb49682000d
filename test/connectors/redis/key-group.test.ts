// Redis key groups: keys that differ only by ids, numbers, dates or addresses are one site.
import { describe, expect, it } from 'vitest';
import { toKeyGroup, toKeyHint } from '../../../src/connectors/redis/key-group.js';

describe('toKeyGroup', () => {
  it.each([
    ['session:3f2a8c1e9b7d4e21a0c5', 'session:*'],
    ['user:1042:profile', 'user:*:profile'],
    ['user:3f2a8c1e-1b2c-4d5e-8f90-123456789abc:cart', 'user:*:cart'],
    ['cart:alice@example.com', 'cart:*'],
    ['report:2026-11-01', 'report:*'],
    ['orders:dt=2026-11-01:part-7', 'orders:dt=*:part-*'],
    ['cache:v2:home', 'cache:v2:home'],
    ['leaderboard', 'leaderboard'],
  ])('%s → %s', (key, group) => {
    expect(toKeyGroup(key)).toBe(group);
  });

  it('names values by the group’s last word', () => {
    expect(toKeyHint('user:*:profile')).toBe('profile');
    expect(toKeyHint('session:*')).toBe('session');
    expect(toKeyHint('*')).toBe('*');
  });
});
