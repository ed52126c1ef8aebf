// Drives the local cloud's console in headless Chromium with playwright-core (no browser download: the
// system's Chromium, e.g. Debian's /usr/bin/chromium). Opens the console, waits until it shows the queues,
// a DLQ message and every table's items, takes a screenshot, clicks the DLQ's "Start DLQ redrive" button,
// waits until the page shows the DLQ empty, and prints what it saw as one line of JSON.
//
//   node console.mjs CONSOLE_URL SCREENSHOT.png [CHROMIUM]
import { onConsolePage } from './console-page.mjs';

const [url, screenshot, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);
if (!url || !screenshot) {
  console.error('usage: node console.mjs CONSOLE_URL SCREENSHOT.png [CHROMIUM]');
  process.exit(2);
}
const summary = { url };

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

await onConsolePage({ url, executablePath, timeout: 30000, summary }, async page => {
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
});
