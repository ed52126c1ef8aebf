// What both console scripts share: headless Chromium (the system's, through playwright-core) on one page of
// the console, where nothing may load from off the console's origin (a request there is refused and reported)
// and every page error is reported. work(page) does the script's part; whatever it throws is the failure.
// The summary is printed as one line of JSON at the end, whatever happened.
//
// chromium.launch gives the browser a fresh temporary profile (user-data dir) under TMPDIR, removed on close.
import { chromium } from 'playwright-core';

export async function onConsolePage({ url, executablePath, timeout, summary }, work) {
  const origin = new URL(url).origin;
  summary.offsite = [];
  summary.errors = [];
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    await page.route('**/*', route => {
      const requested = route.request().url();
      if (new URL(requested).origin === origin) {
        return route.continue();
      }
      summary.offsite.push(requested);
      return route.abort();
    });
    page.on('pageerror', error => summary.errors.push(String(error)));
    page.on('console', message => {
      if (message.type() === 'error') summary.errors.push(message.text());
    });
    await page.goto(url);
    await work(page);
  } catch (error) {
    summary.failure = String(error && error.stack || error);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(summary));
}
