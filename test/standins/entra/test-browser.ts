/**
 * A test "system browser" for interactive sign-in: it loads the authorize URL from the stand-in
 * (trusting only the stand-in's CA), reads the form_post form, and POSTs it to MSAL's loopback
 * listener exactly as a browser would. It keeps what the listener answered (our result page).
 */
import http from 'node:http';
import https from 'node:https';

/** What the test browser did. */
export interface TestBrowser {
  /** Pass as the core's `openBrowser` port. */
  readonly open: (url: string) => Promise<void>;
  /** URLs it was asked to open. */
  readonly opened: string[];
  /** Pages MSAL's loopback listener answered with. */
  readonly resultPages: string[];
  /** When set, the browser opens the URL and then does nothing (the operator walked away). */
  stall: boolean;
}

function fetchText(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

function decode(value: string): string {
  return value.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');
}

/** Creates a browser that trusts `caPem`. */
export function createTestBrowser(caPem: string): TestBrowser {
  const browser: TestBrowser = {
    opened: [],
    resultPages: [],
    stall: false,
    open: async (url) => {
      browser.opened.push(url);
      if (browser.stall) return;
      const page = await fetchText(url, caPem);
      if (page.status !== 200) throw new Error(`authorize answered HTTP ${page.status}: ${page.body.slice(0, 200)}`);
      const action = /<form method="post" action="([^"]+)"/.exec(page.body)?.[1];
      if (!action) throw new Error('authorize page has no form_post form');
      const fields = new URLSearchParams();
      for (const m of page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.set(decode(m[1]!), decode(m[2]!));
      const target = new URL(decode(action));
      const body = fields.toString();
      // Post in the background like a browser tab: MSAL answers only after it redeemed the code.
      void new Promise<void>((resolve) => {
        const req = http.request(
          { host: '127.0.0.1', port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (text += c));
            res.on('end', () => {
              browser.resultPages.push(text);
              resolve();
            });
          },
        );
        req.on('error', () => resolve());
        req.end(body);
      });
    },
  };
  return browser;
}
