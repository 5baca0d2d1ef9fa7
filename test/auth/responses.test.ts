import { describe, expect, it } from 'vitest';
import { escapeHtml, htmlPage, jsonResponse, redirect } from '../../src/auth/responses.js';

describe('auth responses', () => {
  it('escapes every value placed in a page', async () => {
    const response = htmlPage({
      status: 400,
      title: '<script>t</script>',
      message: 'a "quoted" & <b>bold</b> \'x\'',
      link: { href: 'https://x/?a="><script>', text: '<i>again</i>' },
    });
    const body = await response.text();

    expect(response.status).toBe(400);
    expect(body).not.toMatch(/<script>|<b>|<i>/);
    expect(body).toContain('&lt;script&gt;t&lt;/script&gt;');
    expect(body).toContain('href="https://x/?a=&quot;&gt;&lt;script&gt;"');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('marks pages, JSON and redirects as never cached', () => {
    for (const response of [
      htmlPage({ status: 200, title: 't', message: 'm' }),
      jsonResponse(200, {}),
      redirect('/next'),
    ]) {
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    expect(redirect('/next').headers.get('location')).toBe('/next');
    expect(htmlPage({ status: 200, title: 't', message: 'm' }).headers.get('content-type')).toBe(
      'text/html; charset=utf-8',
    );
  });
});
