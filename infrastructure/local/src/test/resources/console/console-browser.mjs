// Drives the local cloud's console in headless Chromium with playwright-core (no browser download: the
// system's Chromium, e.g. Debian's /usr/bin/chromium). Opens the console, waits until it shows the queues,
// a DLQ message and every table's items, takes a screenshot, clicks the DLQ's "Start DLQ redrive" button,
// waits until the page shows the DLQ empty, and prints what it saw as one line of JSON.
//
//   node console.mjs CONSOLE_URL SCREENSHOT.png [CHROMIUM]
//
// chromium.launch gives the browser a fresh temporary profile (user-data dir) under TMPDIR, removed on close.
import { chromium } from 'playwright-core';

const [url, screenshot, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);
if (!url || !screenshot) {
  console.error('usage: node console.mjs CONSOLE_URL SCREENSHOT.png [CHROMIUM]');
  process.exit(2);
}
const origin = new URL(url).origin;
const summary = { url, offsite: [], errors: [] };

/** What the page shows, read from its data attributes (runs in the page). */
function read() {
  const text = e => (e ? e.textContent.replace(/\s+/g, ' ').trim() : null);
  const field = (e, name) => text(e.querySelector(`[data-field="${name}"]`));
  return {
    updated: text(document.getElementById('updated')),
    queues: [...document.querySelectorAll('tr[data-queue]')].map(row => ({
      name: row.dataset.queue, logicalId: row.dataset.logicalId, visible: field(row, 'visible'),
      inFlight: field(row, 'inFlight'), dlq: field(row, 'dlq'), dlqDepth: field(row, 'dlqDepth'),
    })),
    dlqs: [...document.querySelectorAll('[data-dlq]')].map(section => ({
      name: section.dataset.dlq, depth: field(section, 'depth'),
      redriveEnabled: !section.querySelector('button[data-redrive]').disabled,
      messages: [...section.querySelectorAll('tr[data-message-id]')].map(row => ({
        id: row.dataset.messageId, body: field(row, 'body'), text: text(row),
      })),
      text: text(section),
    })),
    tables: [...document.querySelectorAll('[data-table]')].map(table => ({
      logicalId: table.dataset.table, open: table.open, count: field(table, 'count'),
      columns: [...table.querySelectorAll('th')].map(text),
      items: [...table.querySelectorAll('tr[data-item]')].map(row => ({
        key: JSON.parse(row.dataset.key),
        cells: Object.fromEntries([...row.querySelectorAll('td[data-attribute]')].map(c => [c.dataset.attribute, text(c)])),
      })),
    })),
    functions: [...document.querySelectorAll('tr[data-function]')].map(row => ({
      logicalId: row.dataset.function, instances: field(row, 'instances'), coldStarts: field(row, 'coldStarts'),
      lastInitDurationMs: field(row, 'lastInitDurationMs'), invocations: field(row, 'invocations'), errors: field(row, 'errors'),
    })),
    functionsText: text(document.querySelector('#functions tbody')),
  };
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  // Nothing may load from the network: a request off the console's origin is refused and reported.
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
  await page.waitForSelector('tr[data-queue]');
  await page.waitForSelector('[data-dlq] tr[data-message-id]');
  await page.waitForSelector('button[data-redrive]:not([disabled])');
  await page.waitForFunction(() => {
    const tables = [...document.querySelectorAll('[data-table]')];
    return tables.length > 0 && tables.every(table => table.querySelector('tr[data-item]'));
  });
  summary.before = await page.evaluate(read);
  await page.screenshot({ path: screenshot, fullPage: true });

  const dlq = summary.before.dlqs.find(d => d.redriveEnabled);
  summary.clicked = dlq.name;
  await page.click(`button[data-redrive="${dlq.name}"]`);
  await page.waitForSelector('#notice:not([hidden])');
  summary.notice = (await page.textContent('#notice')).trim();
  await page.waitForFunction(
    name => document.querySelector(`[data-dlq="${name}"] [data-field="depth"]`)?.textContent.trim() === '0', dlq.name);
  summary.after = await page.evaluate(read);
  summary.afterText = (await page.innerText(`[data-dlq="${dlq.name}"]`)).replace(/\s+/g, ' ').trim();
  await page.screenshot({ path: screenshot.replace(/\.png$/, '') + '-after.png', fullPage: true });
} catch (error) {
  summary.failure = String(error && error.stack || error);
  process.exitCode = 1;
} finally {
  await browser.close();
}
console.log(JSON.stringify(summary));
