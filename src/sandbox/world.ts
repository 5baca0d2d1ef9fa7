/**
 * The sandbox's data once loaded: personas, ad accounts and who holds which permissions where.
 * Built by `loadWorld` (personas.ts), read-only afterwards.
 */
import type { Persona } from './types.js';

export interface PromotableUserRecord {
  readonly id: string;
  readonly userId: string;
  /** `FULL` or `RETWEETS_ONLY`; other text is kept to let the file exercise decoders. */
  readonly type: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deleted: boolean;
}

export interface AccountRecord {
  readonly id: string;
  readonly name: string;
  readonly businessName: string | null;
  readonly businessId: string | null;
  readonly timezone: string;
  readonly timezoneSwitchAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly approvalStatus: string;
  readonly deleted: boolean;
  readonly salt: string;
  readonly industryType: string | null;
  readonly features: readonly string[];
  readonly promotableUsers: readonly PromotableUserRecord[];
}

export interface SandboxWorld {
  readonly personas: readonly Persona[];
  readonly defaultPersona: Persona;
  readonly accounts: ReadonlyMap<string, AccountRecord>;
  /** The persona's permissions on the account, or undefined when it cannot reach it. */
  permissions(personaKey: string, accountId: string): readonly string[] | undefined;
}
