/**
 * A tiny browser for OAuth flows over HTTP: keeps cookies per host, never follows redirects on
 * its own, so tests see every hop.
 */
export class Browser {
  private jar = new Map<string, Map<string, string>>();

  private cookies(url: string): Map<string, string> {
    const host = new URL(url).host;
    let m = this.jar.get(host);
    if (!m) {
      m = new Map();
      this.jar.set(host, m);
    }
    return m;
  }

  cookie(url: string, name: string): string | undefined {
    return this.cookies(url).get(name);
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const jar = this.cookies(url);
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const sc of res.headers.getSetCookie()) {
      const [pair, ...attrs] = sc.split(';');
      const [k, ...v] = pair!.trim().split('=');
      const expired = attrs.some((a) => /^\s*max-age=0/i.test(a));
      if (expired) jar.delete(k!);
      else jar.set(k!, v.join('='));
    }
    return res;
  }

  /** Submits an HTML form's fields as application/x-www-form-urlencoded. */
  submit(url: string, fields: Array<[string, string]>): Promise<Response> {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

/** The value of a hidden input in an HTML page. */
export function hiddenInput(html: string, name: string): string | undefined {
  return new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)?.[1];
}
