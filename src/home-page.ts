/** The page at `/`: where GraphiQL is, and how to sign in for the current mode. */
import type { Mode } from './config.js';

const MODE_TEXT: Record<Mode, string> = {
  sandbox:
    'Sandbox mode: answers come from the built-in simulated X Ads API. Queries run as the demo persona unless you sign in or send the <code>x-sandbox-persona</code> header.',
  'single-user': 'Single-user mode: every query runs as the owner of the configured access token.',
  'multi-user': 'Multi-user mode: sign in with X, then query as yourself.',
};

export function homePage(mode: Mode): string {
  const signIn =
    mode === 'single-user'
      ? ''
      : `<p><a href="/auth/x/login">Sign in with X${mode === 'sandbox' ? ' (sandbox)' : ''}</a></p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>x-ads-access</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}</style>
</head><body>
<h1>x-ads-access</h1>
<p>What the signed-in X user may do on each X ads account.</p>
<p>${MODE_TEXT[mode]}</p>
<p><a href="/graphql">Open GraphiQL</a> with the capability matrix query ready to run.</p>
${signIn}
</body></html>
`;
}
