// GraphiQL in a real browser (Debian's Chromium driven by playwright-core): open /graphiql, get a
// dev token, see the Docs panel list Query.search, type a query with autocomplete, run it and
// read the result. SCREENSHOT_DIR, when set, keeps a picture of each step.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { base, report } from './common.mjs';

const STEP_TIMEOUT_MS = 30_000; // a slow shared machine; each step waits for what it needs, no longer
const profile = mkdtempSync(join(tmpdir(), 'collections-chromium-'));
const shots = process.env.SCREENSHOT_DIR;
const steps = {};
// A fresh profile each run (playwright's way to pass --user-data-dir).
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1400, height: 900 },
});
let failure = null;
try {
  const page = browser.pages()[0] || await browser.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const snap = async (name) => shots && page.screenshot({ path: join(shots, `${name}.png`) });
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  await page.goto(`${base}/graphiql`);
  await page.getByRole('button', { name: 'Get a dev token' }).click();
  await page.waitForFunction(() => document.getElementById('token').value.length > 100);
  steps.token = true;

  // The Docs panel: the schema came through introspection, Query lists search.
  await page.getByRole('button', { name: /documentation explorer/i }).click();
  await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().click();
  await page.locator('.graphiql-doc-explorer .graphiql-doc-explorer-field-name', { hasText: /^search$/ }).first().waitFor();
  steps.docsListSearch = true;
  await snap('1-docs');

  // Type a query, taking `categories` from autocomplete.
  const editor = page.locator('.graphiql-query-editor .CodeMirror').first();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type('{ viewer { id } categ');
  const hint = page.locator('.CodeMirror-hints .CodeMirror-hint', { hasText: 'categories' }).first();
  await hint.waitFor();
  steps.autocomplete = await page.locator('.CodeMirror-hints .CodeMirror-hint').allTextContents();
  await snap('2-autocomplete');
  await page.keyboard.press('Enter');
  await page.keyboard.type(' { name count } }');
  const typed = await page.evaluate(() => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue());
  steps.typed = typed;

  await page.getByRole('button', { name: /execute query/i }).click();
  const result = page.locator('.result-window');
  await page.waitForFunction(() => {
    const cm = document.querySelector('.result-window .CodeMirror');
    return cm && cm.CodeMirror.getValue().includes('"viewer"');
  });
  const text = await page.evaluate(() => document.querySelector('.result-window .CodeMirror').CodeMirror.getValue());
  steps.result = JSON.parse(text);
  await snap('3-result');
  if (!result || !steps.result.data || !steps.result.data.viewer || !Array.isArray(steps.result.data.categories)) {
    throw new Error(`unexpected result ${text}`);
  }
  steps.pageErrors = consoleErrors;
} catch (e) {
  failure = String(e && e.stack ? e.stack : e);
  console.log(failure);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
report({ ...steps, failure });
process.exit(failure ? 1 : 0);
