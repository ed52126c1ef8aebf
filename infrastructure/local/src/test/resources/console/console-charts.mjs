// Drives the local cloud's console in headless Chromium with playwright-core (no browser download: the
// system's Chromium). Opens the console, waits until each chart named in CHART_IDS draws a series with points,
// takes a screenshot, and prints every chart the page shows, with its series and their points, as one line of JSON.
//
//   node console-charts.mjs CONSOLE_URL SCREENSHOT.png CHROMIUM CHART_IDS
//
// CHART_IDS: a JSON array of chart ids, e.g. '["queue-visible","function-duration"]'.
import { onConsolePage } from './console-page.mjs';

const [url, screenshot, executablePath, ids = '[]'] = process.argv.slice(2);
if (!url || !screenshot || !executablePath) {
  console.error('usage: node console-charts.mjs CONSOLE_URL SCREENSHOT.png CHROMIUM CHART_IDS');
  process.exit(2);
}
const wanted = JSON.parse(ids);
const summary = { url, wanted };

/** Every chart as the page draws it (runs in the page). */
function read() {
  const text = e => (e ? e.textContent.replace(/\s+/g, ' ').trim() : null);
  return [...document.querySelectorAll('figure[data-chart]')].map(figure => ({
    id: figure.dataset.chart,
    caption: text(figure.querySelector('figcaption')),
    axisLabels: [...figure.querySelectorAll('svg > text')].map(text),
    legend: [...figure.querySelectorAll('[data-legend]')].map(li => li.dataset.legend),
    empty: !!figure.querySelector('.none'),
    series: [...figure.querySelectorAll('g[data-series]')].map(g => ({
      label: g.dataset.series, statistic: g.dataset.statistic, color: g.getAttribute('stroke'),
      points: g.querySelectorAll('circle').length, lines: g.querySelectorAll('polyline').length,
      values: [...g.querySelectorAll('circle')].map(c => Number(c.dataset.v)),
      firstPoint: text(g.querySelector('circle title')),
    })),
  }));
}

await onConsolePage({ url, executablePath, timeout: 60000, summary }, async page => {
  await page.waitForSelector('figure[data-chart]');
  await page.waitForFunction(ids => ids.every(id =>
    document.querySelector(`figure[data-chart="${CSS.escape(id)}"] g[data-series] circle`)), wanted);
  summary.charts = await page.evaluate(read);
  await page.locator('#charts').screenshot({ path: screenshot });
});
