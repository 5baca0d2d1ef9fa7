/**
 * Bounds how many upstream calls one user has running at once, so a query over many accounts
 * neither floods the upstream nor starves other users' requests.
 */
import pLimit from 'p-limit';
import type { LimitFunction } from 'p-limit';

import { positiveInteger } from './option-checks.js';

export interface FanOutLimiter {
  /** Runs fn once fewer than `perUser` of this user's functions are running, in call order;
   *  resolves or rejects with fn's own outcome. Other users' calls never wait on this user's. */
  run<T>(user: string, fn: () => Promise<T>): Promise<T>;
  /** How many of the user's functions are running now (queued ones excluded). */
  active(user: string): number;
}

/** A user's queue, kept only while the user has calls running or waiting. */
interface UserLane {
  readonly limit: LimitFunction;
  running: number;
  unsettled: number;
}

/** Returns a limiter that frees a user's state once the user is idle. Throws RangeError when
 *  `perUser` is not a whole number ≥ 1. */
export function createFanOutLimiter(options: { perUser: number }): FanOutLimiter {
  const perUser = positiveInteger('perUser', options.perUser);
  const lanes = new Map<string, UserLane>();

  function laneOf(user: string): UserLane {
    let lane = lanes.get(user);
    if (lane === undefined) {
      lane = { limit: pLimit(perUser), running: 0, unsettled: 0 };
      lanes.set(user, lane);
    }
    return lane;
  }

  async function run<T>(user: string, fn: () => Promise<T>): Promise<T> {
    const lane = laneOf(user);
    lane.unsettled += 1;
    try {
      return await lane.limit(async () => {
        lane.running += 1;
        try {
          return await fn();
        } finally {
          lane.running -= 1;
        }
      });
    } finally {
      lane.unsettled -= 1;
      if (lane.unsettled === 0 && lanes.get(user) === lane) lanes.delete(user);
    }
  }

  return { run, active: (user) => lanes.get(user)?.running ?? 0 };
}
