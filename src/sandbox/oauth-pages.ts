/**
 * The HTML pages of the sandbox's OAuth flow: the consent page listing personas to sign in as,
 * the PIN page for `oob` callbacks, and plain message pages. Every interpolated value is escaped.
 */
import { escapeHtml } from '../escape-html.js';
import type { Persona } from './types.js';

export interface AuthorizePageInput {
  readonly appName: string;
  readonly requestToken: string;
  readonly personas: readonly Persona[];
}

/** The consent page: one button per persona (posting to /oauth/authorize) and Cancel. */
export function authorizePage(input: AuthorizePageInput): string {
  const token = escapeHtml(input.requestToken);
  const buttons = input.personas.map((p) => {
    const label = `@${p.screenName}`;
    const detail = `${p.description} (${p.accountIds.length} ad accounts, ${p.accessLevel})`;
    return (
      `<li><button type="submit" name="persona" value="${escapeHtml(p.key)}">` +
      `Sign in as ${escapeHtml(label)}</button> <small>${escapeHtml(detail)}</small></li>`
    );
  });
  return page(
    'Authorize access',
    [
      `<h1>Authorize ${escapeHtml(input.appName)} to use your account?</h1>`,
      '<p>This is the X Ads API sandbox. Choose a test user to sign in as.</p>',
      '<form method="post" action="/oauth/authorize">',
      `<input type="hidden" name="oauth_token" value="${token}">`,
      `<ul>${buttons.join('')}</ul>`,
      '<button type="submit" name="cancel" value="1">Cancel</button>',
      '</form>',
    ].join('\n'),
  );
}

/** The page that shows the 7-digit PIN for an `oob` sign-in. */
export function pinPage(pin: string, appName: string): string {
  return page(
    'Your PIN',
    [
      `<h1>You have authorized ${escapeHtml(appName)}</h1>`,
      '<p>Enter this PIN in the application to complete the sign-in:</p>',
      `<p><code id="oauth_pin">${escapeHtml(pin)}</code></p>`,
    ].join('\n'),
  );
}

/** A page with a heading and one sentence. */
export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}

function page(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)} - X Ads API sandbox</title></head>`,
    `<body>\n${body}\n</body></html>`,
    '',
  ].join('\n');
}
