// Keyboard and accessibility tests of the Caravan web UI (issue 11), in Debian's headless Chromium
// against the real caravan-searchd: a keyboard-only walk from page load, the roving tabindex of
// chip rows and facet value lists (web/roving.js), and an axe-core audit of the results,
// no-results, Russian and document pages at desktop and phone sizes. Same environment as
// ui.test.mjs (CARAVAN_SEARCHD, CARAVAN_TEST_INDEX, CARAVAN_WEB, CHROMIUM).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CHROMIUM, INDEX, SEARCHD, launchChromium, startSearchd, stopSearchd } from './harness.mjs';

const STEP_TIMEOUT = 10_000;
const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_VERSION = require('axe-core/package.json').version;
// WCAG 2.1 A and AA, best practice, and WCAG 2.2 AA (target-size, among others).
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
// Skip link, brand, search box, Search, EN, RU, the two date fields (four stops each in Chromium:
// month, day, year, the picker), Apply, the country facet's filter box: the first facet checkbox
// is the 17th stop (it was past the ~90 stops of the results when the sidebar came after them).
const MAX_TABS_TO_FIRST_FACET = 17;

let server;
let browser;
let base;
const pageErrors = [];

async function openPage(url, { ui = 'en', size = DESKTOP, errors = pageErrors } = {}) {
  const context = await browser.newContext({ locale: ui === 'ru' ? 'ru-RU' : 'en-US', ...size });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  page.on('pageerror', (e) => errors.push(`${url}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${url}: console: ${m.text()}`); });
  const response = await page.goto(`${base}${url}`);
  assert.match(response.headers()['content-security-policy'] || '', /script-src 'self'/, 'the page keeps its CSP');
  return page;
}

async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('#results[aria-busy]') && document.querySelector('#result-count strong'));
}

// What has the keyboard focus, as "tag#id.class[data-focus-key]" and whether it is in the results column.
function focused(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return { what: 'body', inResults: false, key: null };
    const what = `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ''}${a.className ? `.${String(a.className).split(' ')[0]}` : ''}`;
    return { what, key: a.dataset.focusKey || null, inResults: Boolean(a.closest('#results')), type: a.type || null };
  });
}

// axe-core runs in the page itself: evaluated through the DevTools protocol, which the page's CSP
// (script-src 'self', no inline scripts) does not govern, unlike a <script> tag with content.
async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return {
      version: window.axe.version,
      passes: r.passes.length,
      violations: r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n    ')}`),
    };
  }, AXE_TAGS);
  assert.equal(result.version, AXE_VERSION, 'axe-core ran in the page');
  assert.ok(result.passes > 10, `axe-core checked the page (${result.passes} rules passed)`);
  return result.violations;
}

// Presses Tab from page load until `done(focus)` or `limit` presses; returns the stops seen.
async function tabUntil(page, done, limit) {
  const stops = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    stops.push(f);
    if (done(f)) break;
  }
  return stops;
}

const isFacetCheckbox = (f) => f.type === 'checkbox' && /^facet:/.test(f.key || '');

describe('Caravan web UI: keyboard and accessibility', { timeout: 170_000 }, () => {
  let docId;

  before(async () => {
    for (const [what, file] of [['CARAVAN_SEARCHD', SEARCHD], ['CARAVAN_TEST_INDEX', INDEX], ['CHROMIUM', CHROMIUM]]) {
      assert.ok(existsSync(file), `${what}: ${file} does not exist`);
    }
    server = await startSearchd();
    base = server.base;
    browser = await launchChromium();
    // An item without a URL, opened as its document view (/doc/{id}).
    const answer = await (await fetch(`${base}api/search?q=Miralizoda&size=10`)).json();
    docId = answer.hits.find((h) => !h.url)?.id;
    assert.ok(docId, 'the test index has an item without a URL for Miralizoda');
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await stopSearchd(server);
  });

  for (const ui of ['en', 'ru']) {
    it(`a keyboard-only walk from page load reaches the first facet checkbox in at most ${MAX_TABS_TO_FIRST_FACET} Tab presses (${ui})`, async () => {
      const page = await openPage(`?q=meeting&ui_lang=${ui}`, { ui });
      await settled(page);
      const stops = await tabUntil(page, isFacetCheckbox, 60);
      const walk = stops.map((s) => s.what).join(' → ');
      assert.ok(isFacetCheckbox(stops.at(-1)), `a facet checkbox is reached: ${walk}`);
      assert.ok(stops.length <= MAX_TABS_TO_FIRST_FACET, `${stops.length} presses: ${walk}`);
      assert.equal(stops[0].what, 'a.skip-link', 'the skip link is the first stop');
      assert.ok(stops.some((s) => s.what === 'input#from'), 'the date fields come before the facets');
      assert.ok(!stops.some((s) => s.inResults), `nothing of the results column before the sidebar: ${walk}`);

      // The facet's values are one Tab stop: arrow keys move inside, Tab leaves the list.
      const first = stops.at(-1).key;
      await page.keyboard.press('ArrowDown');
      const second = await focused(page);
      assert.ok(isFacetCheckbox(second) && second.key !== first && second.key.startsWith(first.split(':').slice(0, 2).join(':')),
        `ArrowDown moves to the next value of the same facet (${second.key})`);
      await page.keyboard.press('ArrowUp');
      assert.equal((await focused(page)).key, first, 'ArrowUp moves back');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Tab');
      const after = await focused(page);
      assert.ok(!(isFacetCheckbox(after) && after.key.startsWith('facet:country:')), `Tab leaves the country list (${after.what} ${after.key})`);
      await page.keyboard.press('Shift+Tab');
      assert.equal((await focused(page)).key, second.key, 'Shift+Tab comes back to the value last focused');

      // Space ticks it; after the new answer the focus is still on it.
      await page.keyboard.press('Space');
      await page.waitForFunction(() => new URLSearchParams(location.search).getAll('country').length === 1);
      await settled(page);
      assert.equal((await focused(page)).key, second.key, 'the ticked checkbox keeps the focus');
      assert.ok(await page.locator(`input[data-focus-key="${second.key}"]`).isChecked());

      // The skip link still jumps over the header and the sidebar, to the results.
      await page.reload();
      await settled(page);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'results', 'the skip link focuses the results');
      await page.keyboard.press('Tab');
      assert.ok((await focused(page)).inResults, 'the next Tab stays in the results');
      await page.context().close();
    });

    it(`the active-filter chips are one Tab stop with arrow keys inside; removing one focuses its neighbour (${ui})`, async () => {
      const answer = await (await fetch(`${base}api/search?q=&facets=country&facet_size=3`)).json();
      const codes = answer.facets.country.slice(0, 3).map((v) => v.value);
      assert.equal(codes.length, 3, 'three countries in the index');
      const page = await openPage(`?${codes.map((c) => `country=${c}`).join('&')}&ui_lang=${ui}`, { ui });
      await settled(page);
      const removers = page.locator('#active-filters .filter-remove');
      assert.equal(await removers.count(), 3);
      assert.deepEqual(await removers.evaluateAll((bs) => bs.map((b) => b.tabIndex)), [0, -1, -1], 'one Tab stop in the row');
      assert.equal(await page.getAttribute('#active-filters [role="toolbar"]', 'aria-label'), ui === 'ru' ? 'Выбранные фильтры' : 'Active filters');
      // Reach the row by Tab from the search box: the sidebar's stops, then the toolbar's, then the row.
      await page.focus('#q');
      const stops = await tabUntil(page, (f) => /^remove:/.test(f.key || ''), 80);
      assert.equal(stops.at(-1).key, `remove:country:${codes[0]}`, 'Tab enters the row at its first chip');
      const key = async () => (await focused(page)).key;
      await page.keyboard.press('ArrowRight');
      assert.equal(await key(), `remove:country:${codes[1]}`);
      await page.keyboard.press('End');
      assert.equal(await key(), `remove:country:${codes[2]}`);
      await page.keyboard.press('ArrowRight');
      assert.equal(await key(), `remove:country:${codes[0]}`, 'ArrowRight wraps to the first');
      await page.keyboard.press('ArrowLeft');
      assert.equal(await key(), `remove:country:${codes[2]}`, 'ArrowLeft wraps to the last');
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowRight');
      assert.deepEqual(await removers.evaluateAll((bs) => bs.map((b) => b.tabIndex)), [-1, 0, -1], 'the focused chip is the row\'s Tab stop');
      await page.keyboard.press('Tab');
      assert.ok(!/^remove:/.test(await key() || ''), 'Tab leaves the row');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await key(), `remove:country:${codes[1]}`, 'Shift+Tab returns to the chip last focused');
      // Enter removes the second filter; the chip now in its place (the third) takes the focus.
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => new URLSearchParams(location.search).getAll('country').length === 2);
      await settled(page);
      assert.equal(await removers.count(), 2);
      assert.equal(await key(), `remove:country:${codes[2]}`, 'the neighbour takes the focus');
      assert.deepEqual(await removers.evaluateAll((bs) => bs.map((b) => b.tabIndex)), [-1, 0]);
      await page.context().close();
    });
  }

  it('each result\'s chip row is one Tab stop with arrow keys inside', async () => {
    const page = await openPage('?q=meeting&ui_lang=en');
    await settled(page);
    const rows = page.locator('.hit .chip-row[role="toolbar"]');
    const counts = await rows.evaluateAll((rs) => rs.map((r) => r.querySelectorAll('.chip').length));
    const at = counts.findIndex((n) => n >= 2);
    assert.ok(at >= 0, `a result with two chips or more (${counts})`);
    const chips = rows.nth(at).locator('.chip');
    assert.deepEqual((await chips.evaluateAll((cs) => cs.map((c) => c.tabIndex))).slice(0, 2), [0, -1]);
    await chips.first().focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.focusKey), await chips.nth(1).getAttribute('data-focus-key'));
    await page.keyboard.press('Tab');
    assert.ok(!(await page.evaluate((i) => document.querySelectorAll('.hit .chip-row[role="toolbar"]')[i].contains(document.activeElement), at)),
      'Tab leaves the row');
    await page.context().close();
  });

  it('the audit runs under the page\'s own CSP, which still blocks inline scripts', async () => {
    const errors = [];
    const page = await openPage('?q=meeting&ui_lang=en', { errors });
    await settled(page);
    await page.addScriptTag({ content: 'window.inlineRan = true' }).catch(() => {});
    assert.equal(await page.evaluate(() => window.inlineRan), undefined, 'a <script> with content does not run');
    assert.ok(errors.some((e) => /Content Security Policy/.test(e)), 'Chromium reports the blocked script');
    await axeViolations(page);  // evaluated over DevTools, axe-core runs all the same (it asserts that it ran)
    await page.context().close();
  });

  const pages = [
    ['the results page', () => '?q=meeting&ui_lang=en', 'en', true],
    ['the no-results page', () => '?q=zqxwvjkqq&ui_lang=en', 'en', true],
    ['the Russian results page', () => `?q=${encodeURIComponent('наркотиков')}&country=KZ&ui_lang=ru`, 'ru', true],
    ['the document page', () => `doc/${encodeURIComponent(docId)}?ui_lang=en`, 'en', false],
    ['the Russian document page', () => `doc/${encodeURIComponent(docId)}?ui_lang=ru`, 'ru', false],
  ];
  for (const [name, url, ui, isSearch] of pages) {
    for (const [sizeName, size] of [['desktop 1280x800', DESKTOP], ['phone 390x844', PHONE]]) {
      it(`axe-core ${AXE_VERSION} finds no WCAG 2.1 A/AA, 2.2 AA or best-practice violation on ${name} (${sizeName})`, async () => {
        const page = await openPage(url(), { ui, size });
        if (isSearch) await settled(page);
        assert.deepEqual(await axeViolations(page), []);
        if (isSearch && size === PHONE) {
          await page.locator('#filters-toggle').tap();
          assert.ok(await page.locator('.sidebar').isVisible(), 'the drawer opens');
          assert.deepEqual(await axeViolations(page), [], 'with the filter drawer open');
        }
        await page.context().close();
      });
    }
  }

  it('logs no page errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});
