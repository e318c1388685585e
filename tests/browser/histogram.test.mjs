// Browser tests of the date histogram (web/histogram.js) on an index of news over 32 years
// (tests/fixtures/history), in English and Russian, at desktop and phone sizes.
//
//   cd tests/browser && CARAVAN_SEARCHD=... CARAVAN_HISTORY_INDEX=/tmp/history-idx node --test histogram.test.mjs
//
// Env: as ui.test.mjs (harness.mjs), and CARAVAN_HISTORY_INDEX: an index of tests/fixtures/history.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { CHROMIUM, SEARCHD, launchChromium, startSearchd, stopSearchd } from './harness.mjs';

const INDEX = process.env.CARAVAN_HISTORY_INDEX;
const STEP_TIMEOUT = 10_000;
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

let server;
let browser;
let base;
const errors = [];

async function open(viewport, url, { locale = 'en-US', phone = false } = {}) {
  const context = await browser.newContext({ locale, viewport, isMobile: phone, hasTouch: phone });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  await page.goto(`${base}${url}`);
  await settled(page);
  return page;
}

function settled(page) {
  return page.waitForFunction(() => !document.querySelector('#results[aria-busy]') && document.querySelector('#result-count strong'));
}

async function shownTotal(page) {
  return Number((await page.locator('#result-count strong').textContent()).replace(/\D/g, ''));
}

// The facet counts the API gives for a search: Map value -> count.
async function facetCounts(page, facet, params) {
  const body = await page.evaluate(async (url) => (await fetch(url)).json(), `api/search?${params}&size=1&facets=${facet}`);
  return new Map(body.facets[facet].filter((v) => v.count > 0).map((v) => [v.value, v.count]));
}

// Every column of the histogram, in page order, with its box.
function columns(page) {
  return page.evaluate(() => [...document.querySelectorAll('#histogram .bars > .bar-col')].map((c) => {
    const r = c.getBoundingClientRect();
    const button = c.querySelector('button.bar');
    const b = button?.getBoundingClientRect();
    return { period: c.dataset.period, empty: c.classList.contains('is-empty'), x: r.left, width: r.width, button: b ? { width: b.width, height: b.height } : null };
  }));
}

// The axis labels' boxes: none overlaps another, each inside the histogram, the page not wider than the screen.
async function assertLabelsFit(page, what) {
  const { labels, box, pageWidth, viewport, plotScroll, plotWidth } = await page.evaluate(() => {
    const rect = (n) => { const r = n.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: n.textContent }; };
    const plot = document.getElementById('histogram-bars');
    return {
      labels: [...document.querySelectorAll('#histogram .axis-label')].map(rect), box: rect(document.getElementById('histogram')),
      pageWidth: document.documentElement.scrollWidth, viewport: window.innerWidth, plotScroll: plot.scrollWidth, plotWidth: plot.clientWidth,
    };
  });
  assert.ok(labels.length >= 2, `${what}: at least two axis labels (${labels.map((l) => l.text)})`);
  for (const [i, a] of labels.entries()) {
    assert.ok(a.left >= box.left && a.right <= box.right, `${what}: label ${a.text} inside the histogram`);
    for (const b of labels.slice(i + 1)) {
      const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
      assert.ok(apart, `${what}: labels ${a.text} and ${b.text} overlap`);
    }
  }
  assert.ok(pageWidth <= viewport, `${what}: no horizontal scroll (${pageWidth} > ${viewport})`);
  assert.ok(plotScroll <= plotWidth, `${what}: the histogram does not scroll sideways`);
}

function assertHittable(cols, what) {
  for (const c of cols.filter((col) => col.button)) {
    assert.ok(c.button.width >= 24 && c.button.height >= 24, `${what}: bar ${c.period} is ${c.button.width}x${c.button.height} px`);
  }
}

// Periods on a true time axis: evenly spaced columns in order.
function assertEvenlySpaced(cols, what) {
  for (let i = 2; i < cols.length; i++) {
    assert.ok(Math.abs((cols[i].x - cols[i - 1].x) - (cols[1].x - cols[0].x)) < 1, `${what}: ${cols[i].period} is evenly spaced`);
  }
}

const nextMonth = (ym) => {
  const [y, m] = ym.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

describe('date histogram over 32 years', { timeout: 90_000 }, () => {
  before(async () => {
    assert.ok(INDEX, 'CARAVAN_HISTORY_INDEX is set');
    for (const [what, file] of [['CARAVAN_SEARCHD', SEARCHD], ['CARAVAN_HISTORY_INDEX', INDEX], ['CHROMIUM', CHROMIUM]]) {
      assert.ok(existsSync(file), `${what}: ${file} does not exist`);
    }
    server = await startSearchd([], { index: INDEX });
    base = server.base;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await stopSearchd(server);
  });

  it('shows every year from the first to the last, a year without items as a gap between its neighbours', async () => {
    const page = await open(DESKTOP, '?ui_lang=en');
    const years = await facetCounts(page, 'year', 'ui_lang=en');
    const numbers = [...years.keys()].map(Number);
    const [first, last] = [Math.min(...numbers), Math.max(...numbers)];
    assert.ok(last - first + 1 >= 30, `the fixture spans 30 years or more (${first}-${last})`);
    assert.equal(await page.locator('#histogram-title').textContent(), 'Publications by year');
    const cols = await columns(page);
    assert.deepEqual(cols.map((c) => c.period), Array.from({ length: last - first + 1 }, (_, i) => String(first + i)), 'one column per year');
    const gaps = cols.filter((c) => !years.has(c.period));
    assert.ok(gaps.length >= 2, 'the fixture has years without items');
    for (const gap of gaps) {
      const i = cols.indexOf(gap);
      assert.ok(gap.empty, `${gap.period} is an empty column`);
      assert.ok(cols[i - 1].x < gap.x && gap.x < cols[i + 1].x, `${gap.period} sits between ${cols[i - 1].period} and ${cols[i + 1].period}`);
    }
    for (const c of cols.filter((col) => years.has(col.period))) assert.ok(c.button, `${c.period} is a bar`);
    assertEvenlySpaced(cols, 'desktop');
    assertHittable(cols, 'desktop');
    await assertLabelsFit(page, 'desktop, years');
    await page.context().close();
  });

  it('on a phone groups the years so that bars stay hittable, nothing scrolls sideways or is cut off', async () => {
    for (const ui of ['en', 'ru']) {
      const page = await open(PHONE, `?ui_lang=${ui}`, { locale: ui === 'ru' ? 'ru-RU' : 'en-US', phone: true });
      const years = [...(await facetCounts(page, 'year', `ui_lang=${ui}`)).keys()].map(Number);
      const cols = await columns(page);
      assert.ok(cols.length >= 2 && cols.length <= Math.floor(PHONE.width / 24), `${ui}: ${cols.length} columns fit 390 px`);
      // Groups of years, contiguous from the first year to the last.
      const spans = cols.map((c) => c.period.split('-').map(Number));
      assert.ok(spans[0][0] <= Math.min(...years) && spans.at(-1).at(-1) >= Math.max(...years), `${ui}: the groups cover every year`);
      for (let i = 1; i < spans.length; i++) assert.equal(spans[i][0], spans[i - 1].at(-1) + 1, `${ui}: ${cols[i].period} follows ${cols[i - 1].period}`);
      assertEvenlySpaced(cols, `phone ${ui}`);
      assertHittable(cols, `phone ${ui}`);
      await assertLabelsFit(page, `phone ${ui}`);
      const hist = await page.locator('#histogram').boundingBox();
      assert.ok(hist.x >= 0 && hist.x + hist.width <= PHONE.width, `${ui}: the histogram fits the screen`);
      // A group with a year without items selects the years of the group that have some.
      const counts = await facetCounts(page, 'year', `ui_lang=${ui}`);
      const group = spans.find(([a, b]) => b > a && Array.from({ length: b - a + 1 }, (_, i) => a + i).some((y) => !counts.has(String(y))));
      assert.ok(group, `${ui}: a group holds a year without items`);
      const inGroup = [...counts.keys()].filter((y) => y >= group[0] && y <= group[1]).sort();
      await page.locator(`#histogram button.bar[data-period="${group.join('-')}"]`).tap();
      await page.waitForFunction((want) => new URLSearchParams(location.search).getAll('year').join() === want, inGroup.join());
      await settled(page);
      assert.equal(await shownTotal(page), inGroup.reduce((sum, y) => sum + counts.get(y), 0));
      const runs = [];
      for (const y of inGroup.map(Number)) {
        if (runs.length && runs.at(-1)[1] === y - 1) runs.at(-1)[1] = y;
        else runs.push([y, y]);
      }
      const named = runs.map(([a, b]) => (a === b ? String(a) : `${a}–${b}`)).join(', ');
      assert.equal(await page.locator('.histogram-selected').textContent(), `${ui === 'ru' ? 'Выбрано' : 'Selected'}: ${named}`);
      await page.context().close();
    }
  });

  it('is one Tab stop; arrow keys move between the bars and Enter selects one, which filters the results', async () => {
    const page = await open(DESKTOP, '?ui_lang=en');
    const all = await shownTotal(page);
    const periods = (await columns(page)).map((c) => c.period);
    await page.focus('#sort');
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => (document.activeElement.matches('#histogram button.bar') ? document.activeElement.dataset.period : null));
    const bars = await page.locator('#histogram button.bar').evaluateAll((bs) => bs.map((b) => b.dataset.period));
    assert.equal(await focused(), bars[0], 'Tab reaches the first bar');
    assert.equal(await page.locator('#histogram button.bar[tabindex="0"]').count(), 1, 'one bar is in the Tab order');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), null, 'the next Tab leaves the histogram');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), bars[0]);
    await page.keyboard.press('End');
    assert.equal(await focused(), bars.at(-1));
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(), bars[2], 'arrows skip the gaps and move one bar at a time');
    const year = bars[2];
    const count = (await facetCounts(page, 'year', 'ui_lang=en')).get(year);
    await page.keyboard.press('Enter');
    await page.waitForFunction((y) => new URLSearchParams(location.search).getAll('year').join() === y, year);
    await settled(page);
    assert.equal(await shownTotal(page), count, `the results are those of ${year}`);
    assert.equal(await focused(), year, 'focus stays on the selected bar');
    assert.equal(await page.locator(`#histogram button.bar[data-period="${year}"]`).getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('.histogram-selected').textContent(), `Selected: ${year}`);
    assert.deepEqual((await columns(page)).map((c) => c.period), periods, 'every year is still shown (the year facet ignores its own selection)');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), bars[3], 'the Tab stop is the bar last moved to');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press(' ');
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('year'));
    await settled(page);
    assert.equal(await shownTotal(page), all, 'selecting it again clears it');
    assert.equal(await page.locator('.histogram-selected').count(), 0);
    await page.context().close();
  });

  // A search whose items lie within about a year: months, the empty ones as gaps; the selected
  // month is named in the interface language.
  for (const [ui, q, title, selected] of [
    ['en', 'quarantine', 'Publications by month', 'Selected: March 2021'],
    ['ru', 'карантин', 'Публикации по месяцам', 'Выбрано: март 2021'],
  ]) {
    it(`a short span is months; keyboard selection of a month names it (${ui})`, async () => {
      const page = await open(DESKTOP, `?q=${encodeURIComponent(q)}&ui_lang=${ui}`, { locale: ui === 'ru' ? 'ru-RU' : 'en-US' });
      const months = await facetCounts(page, 'month', `q=${encodeURIComponent(q)}&ui_lang=${ui}`);
      const keys = [...months.keys()].sort();
      const expected = [];
      for (let k = keys[0]; k <= keys.at(-1); k = nextMonth(k)) expected.push(k);
      assert.ok(expected.length > keys.length, 'some months between have no items');
      assert.equal(await page.locator('#histogram-title').textContent(), title);
      const cols = await columns(page);
      assert.deepEqual(cols.map((c) => c.period), expected, 'one column per month, empty ones included');
      for (const c of cols) assert.equal(c.empty, !months.has(c.period), `${c.period} is a gap exactly when it has no items`);
      assertEvenlySpaced(cols, `months ${ui}`);
      assertHittable(cols, `months ${ui}`);
      await assertLabelsFit(page, `desktop months ${ui}`);

      await page.focus('#sort');
      await page.keyboard.press('Tab');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      const month = keys.at(-1);
      await page.waitForFunction((m) => new URLSearchParams(location.search).getAll('month').join() === m, month);
      await settled(page);
      assert.equal(await shownTotal(page), months.get(month));
      assert.equal(await page.locator('.histogram-selected').textContent(), selected);
      await page.setViewportSize(PHONE);
      await page.waitForFunction(() => document.querySelectorAll('#histogram .bar-col').length > 0);
      assertHittable(await columns(page), `phone months ${ui}`);
      await assertLabelsFit(page, `phone months ${ui}`);
      assert.equal(await page.locator('.histogram-selected').textContent(), selected, 'the selection survives the resize');
      await page.context().close();
    });
  }

  it('logs no console errors', () => {
    assert.deepEqual(errors, []);
  });
});
