/**
 * Account and promotable-user records in X's wire format (field names and types as the Ads API
 * sends them: ids and user ids as strings, times as ISO-8601 UTC).
 */
import type { AccountRecord, PromotableUserRecord } from './world.js';

/** Returns the account object as `GET accounts` lists it. */
export function accountJson(account: AccountRecord): Record<string, unknown> {
  return {
    name: account.name,
    business_name: account.businessName,
    timezone: account.timezone,
    timezone_switch_at: account.timezoneSwitchAt,
    id: account.id,
    created_at: account.createdAt,
    salt: account.salt,
    updated_at: account.updatedAt,
    business_id: account.businessId,
    approval_status: account.approvalStatus,
    deleted: account.deleted,
    industry_type: account.industryType,
  };
}

/** Returns the promotable user object as `GET accounts/:id/promotable_users` lists it. */
export function promotableUserJson(
  user: PromotableUserRecord,
  accountId: string,
): Record<string, unknown> {
  return {
    user_id: user.userId,
    id: user.id,
    account_id: accountId,
    promotable_user_type: user.type,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    deleted: user.deleted,
  };
}
