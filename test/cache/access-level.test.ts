import { describe, expect, it } from 'vitest';

import { createAccessLevelTracker } from '../../src/cache/access-level.js';
import { meta, target } from './helpers.js';

describe('AccessLevelTracker', () => {
  it('allows writes for a token until an answer says its access level is read', () => {
    const tracker = createAccessLevelTracker();
    const call = target('accounts', null, 'token-a');

    expect(tracker.canWrite('token-a')).toBe(true);
    tracker.record(call, meta({ accessLevel: 'read-write' }));
    tracker.record(call, meta({ accessLevel: null }));
    expect(tracker.canWrite('token-a')).toBe(true);

    tracker.record(call, meta({ accessLevel: ' Read ' }));
    expect(tracker.canWrite('token-a')).toBe(false);
  });

  it('keeps a read level once seen, and keeps tokens apart', () => {
    const tracker = createAccessLevelTracker();
    tracker.record(target('accounts', null, 'token-a'), meta({ accessLevel: 'read' }));

    tracker.record(target('accounts', null, 'token-a'), meta({ accessLevel: 'read-write' }));

    expect(tracker.canWrite('token-a')).toBe(false);
    expect(tracker.canWrite('token-b')).toBe(true);
  });

  it('remembers at most maxTokens read-only tokens', () => {
    const tracker = createAccessLevelTracker({ maxTokens: 2 });
    for (const token of ['t1', 't2', 't3']) {
      tracker.record(target('accounts', null, token), meta({ accessLevel: 'read' }));
    }

    expect(tracker.canWrite('t1')).toBe(true);
    expect(tracker.canWrite('t2')).toBe(false);
    expect(tracker.canWrite('t3')).toBe(false);
  });
});
