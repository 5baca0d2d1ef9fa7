/** The `User-Agent` every upstream call sends, so X's logs can tell this service apart. */
export const USER_AGENT = 'x-ads-access/0.1';
