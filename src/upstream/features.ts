/**
 * `GET accounts/:account_id/features`: the beta feature keys granted to the ad account (not to
 * the user). Keys are open-ended text; an optional `data_type` is ignored.
 */
import type { CallOptions } from './ads-api.js';
import { asArray, asString, decodeBody, envelopeData } from './decode.js';
import { callLabel, type HttpClient } from './http-client.js';
import type { AccountId, Read, UserToken } from './types.js';

/** Decodes the `data` array of feature keys; throws DecodeError on a non-text entry. */
export function decodeFeatures(value: unknown, path: string): string[] {
  return asArray(value, path).map((key, index) => asString(key, `${path}[${index}]`));
}

/** Reads the feature keys of `accountId`. Rejects as `HttpClient.getJson` does. */
export async function fetchAccountFeatures(
  http: HttpClient,
  token: UserToken,
  accountId: AccountId,
  call?: CallOptions,
): Promise<Read<readonly string[]>> {
  const target = { token: token.token, endpoint: 'features', accountId } as const;
  const answer = await http.getJson(
    { target, token, path: ['accounts', accountId, 'features'] },
    call,
  );
  const data = decodeBody(answer.body, target.endpoint, callLabel(target), (body) =>
    decodeFeatures(envelopeData(body), 'data'),
  );
  return { data, meta: answer.meta };
}
