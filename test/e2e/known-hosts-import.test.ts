import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ed25519Key } from '../unit/main/services/ssh/test-keys';
import { startHarness, type Harness } from './harness';

describe('known_hosts import in the real UI: the file comes from main\'s dialog, wildcard lines need confirmation', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ language: 'en' });
    await h.page.locator('nav button[data-area="terminals"]').click();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('imports the picked file only after the operator confirms its wildcard line, and audits it once', async () => {
    // The harness's dialog stand-in picks <appData>/picked/known-hosts.
    const picked = path.join(h.appDataDir, 'picked', 'known-hosts');
    await mkdir(path.dirname(picked), { recursive: true });
    await writeFile(picked, `* ${ed25519Key().line}\nplain.example ${ed25519Key().line}\n`);
    await h.page.getByTestId('import-known-hosts-file').click();
    const warning = h.page.getByTestId('known-hosts-wildcards');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('more than one named host: *');
    expect(await h.page.getByTestId('known-hosts').count()).toBe(0);
    await h.shot('known-hosts-wildcards-en');
    await h.page.getByTestId('confirm-wildcards').click();
    await h.page.getByText('Imported 2 keys, skipped 0.').waitFor();
    expect(await h.page.getByTestId('known-hosts').locator('tbody tr').count()).toBe(2);
    const records = (await h.core.audit.list({ types: ['hostkey.import'] })).records.sort((a, b) => a.seq - b.seq);
    expect(records.map((r) => [r.outcome, r.target])).toEqual([
      ['denied', picked],
      ['success', picked],
    ]);
  });
});
