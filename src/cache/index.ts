/** The cache layer: cross-request facts, rate-limit budget, circuit breaker, fan-out limit. */
export { createAccessLevelTracker } from './access-level.js';
export type { AccessLevelTracker } from './access-level.js';
export { createCircuitBreaker } from './circuit-breaker.js';
export type { CircuitBreaker, CircuitBreakerOptions, CircuitState } from './circuit-breaker.js';
export { createFactCache } from './fact-cache.js';
export type {
  CachedFact,
  FactCache,
  FactCacheOptions,
  FactCacheStats,
  FactKey,
  FactKind,
  GetOptions,
} from './fact-cache.js';
export { createFanOutLimiter } from './fan-out.js';
export type { FanOutLimiter } from './fan-out.js';
export { createRateLimitBudget } from './rate-limit-budget.js';
export type { BudgetState, RateLimitBudget, RateLimitBudgetOptions } from './rate-limit-budget.js';
