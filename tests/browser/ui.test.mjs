// Browser tests of the Caravan web UI: the real caravan-searchd serving web/, driven in Debian's
// headless Chromium through playwright-core (which never downloads a browser).
//
//   cd tests/browser && npm ci && \
//   CARAVAN_SEARCHD=../../build/searchd/caravan-searchd CARAVAN_TEST_INDEX=/tmp/ui-idx node --test
//
// Env: CARAVAN_SEARCHD (binary), CARAVAN_TEST_INDEX (an index built from data/demo and
// tests/fixtures/news), CARAVAN_WEB (default: the repo's web/), CARAVAN_GAZETTEERS and
// CARAVAN_STOPWORDS (passed when set), CHROMIUM (default /usr/bin/chromium), CARAVAN_SCREENSHOTS=1
// (also write the README's screenshots of a results page, docs/results-*.png; `make screenshots`).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM, INDEX, REPO, SEARCHD, launchChromium, startSearchd, stopSearchd } from './harness.mjs';

const STEP_TIMEOUT = 10_000;

let server;
let browser;
let page;
let base;
const consoleErrors = [];

// The total shown in the aria-live result line ("1,234 results" -> 1234).
async function shownTotal() {
  const text = await page.locator('#result-count strong').textContent();
  return Number(text.replace(/\D/g, ''));
}

async function waitForResults() {
  await page.waitForFunction(() => !document.querySelector('#results[aria-busy]') && document.querySelector('#result-count strong'));
}

async function search(q) {
  await page.fill('#q', q);
  await page.press('#q', 'Enter');
  await page.waitForFunction((want) => new URLSearchParams(location.search).get('q') === want, q);
  await waitForResults();
}

describe('Caravan web UI', { timeout: 150_000 }, () => {
  before(async () => {
    for (const [what, file] of [['CARAVAN_SEARCHD', SEARCHD], ['CARAVAN_TEST_INDEX', INDEX], ['CHROMIUM', CHROMIUM]]) {
      assert.ok(existsSync(file), `${what}: ${file} does not exist`);
    }
    server = await startSearchd();
    base = server.base;
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => { consoleErrors.push(`dialog: ${d.message()}`); d.dismiss(); });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await stopSearchd(server);
  });

  it('searches on Enter and highlights matches', async () => {
    await page.goto(`${base}?ui_lang=en`);
    await waitForResults();
    await search('meeting');
    assert.ok(await page.locator('.hit').count() > 0, 'results are listed');
    assert.ok(await page.locator('.hit-snippet mark').count() > 0, 'snippets have <mark> highlights');
    assert.match((await page.locator('.hit-snippet mark').first().textContent()).toLowerCase(), /meet/);
    assert.equal(await page.getAttribute('#result-count', 'aria-live'), 'polite');
    assert.match(await page.locator('#result-count').textContent(), /\d+ results?/);
  });

  it('highlights matches through an organization\'s other names and through the other script', async () => {
    const marks = async () => page.locator('.hit-title mark, .hit-snippet mark').allTextContents();
    await page.goto(`${base}?q=CARICC&lang=ru&ui_lang=en`);
    await waitForResults();
    assert.ok((await marks()).includes('ЦАРИКЦ'), 'the Russian name of CARICC is marked');
    await page.goto(`${base}?q=Tashkent&lang=ru&ui_lang=ru`);
    await waitForResults();
    assert.ok((await marks()).some((m) => /^Ташкент/.test(m)), 'the Cyrillic spelling of Tashkent is marked');
  });

  it('links the Atom feed of the current search, in the toolbar and as the page\'s alternate', async () => {
    await page.goto(`${base}?q=meeting&country=KZ&ui_lang=ru`);
    await waitForResults();
    const href = await page.locator('#feed-link').getAttribute('href');
    assert.equal(await page.locator('#feed-alternate').getAttribute('href'), href);
    const params = new URL(href, base).searchParams;
    assert.equal(params.get('q'), 'meeting');
    assert.equal(params.get('country'), 'KZ');
    assert.equal(await page.locator('#feed-link').textContent(), 'Лента этого поиска');
    const feed = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { type: res.headers.get('content-type'), text: await res.text() };
    }, href);
    assert.match(feed.type, /application\/atom\+xml/);
    assert.match(feed.text, /<entry[ >]/);
  });

  it('suggests completions while typing; arrow keys and Enter pick one', async () => {
    await page.goto(`${base}?ui_lang=en`);
    await waitForResults();
    await page.fill('#q', '');
    await page.type('#q', 'drug traf', { delay: 20 });
    await page.waitForSelector('#suggestions:not([hidden]) [role=option]');
    assert.equal(await page.getAttribute('#q', 'aria-expanded'), 'true');
    const first = await page.locator('#suggestions [role=option]').first().textContent();
    assert.match(first, /^drug traffick/);
    const n = await page.locator('#suggestions [role=option]').count();
    await page.press('#q', 'ArrowUp');
    assert.equal(await page.getAttribute(`#suggestion-${n - 1}`, 'aria-selected'), 'true', 'ArrowUp wraps to the last');
    assert.equal(await page.getAttribute('#q', 'aria-activedescendant'), `suggestion-${n - 1}`);
    await page.press('#q', 'Escape');
    assert.ok(await page.locator('#suggestions').isHidden(), 'Escape closes the list');
    assert.equal(await page.getAttribute('#q', 'aria-expanded'), 'false');
    assert.equal(await page.inputValue('#q'), 'drug traf', 'Escape keeps the text');
    await page.type('#q', 'f', { delay: 20 });
    await page.waitForSelector('#suggestions:not([hidden]) [role=option]');
    await page.press('#q', 'ArrowDown');
    assert.equal(await page.getAttribute('#suggestion-0', 'aria-selected'), 'true');
    await page.press('#q', 'Enter');
    await page.waitForFunction(() => /^drug traffick/.test(new URLSearchParams(location.search).get('q') || ''));
    await waitForResults();
    assert.ok(await shownTotal() > 0);
    assert.ok(await page.locator('#suggestions').isHidden(), 'the list closes after a pick');
  });

  it('a country suggestion becomes a filter', async () => {
    await page.fill('#q', '');
    await page.type('#q', 'kaz', { delay: 20 });
    await page.waitForSelector('#suggestions .suggestion-country');
    await page.locator('#suggestions .suggestion-country').first().click();
    await page.waitForFunction(() => new URLSearchParams(location.search).getAll('country').includes('KZ'));
    await waitForResults();
    assert.equal(new URL(page.url()).searchParams.get('q'), null, 'the typed name became the filter, not words');
    assert.equal(await page.locator('.filter-chip').count(), 1);
    assert.ok(await shownTotal() > 0);
  });

  it('offers "did you mean" for a misspelled query and searches the correction', async () => {
    await page.goto(`${base}?ui_lang=en`);
    await waitForResults();
    await search('meetnig');
    await page.waitForSelector('#did-you-mean a');
    assert.equal(await page.locator('#did-you-mean a').textContent(), 'meeting');
    await page.locator('#did-you-mean a').click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'meeting');
    await waitForResults();
    assert.ok(await shownTotal() > 0);
  });

  it('narrows by a country facet and puts it in the URL', async () => {
    const total = await shownTotal();
    const options = page.locator('[data-facet="country"] .facet-option');
    const n = await options.count();
    assert.ok(n > 0, 'the country facet lists values');
    let pick = null;
    for (let i = 0; i < n && !pick; i++) {
      const count = Number((await options.nth(i).locator('.facet-count').textContent()).replace(/\D/g, ''));
      if (count < total) pick = { i, count };
    }
    assert.ok(pick, `a country with fewer than ${total} matches exists`);
    await options.nth(pick.i).locator('input').check();
    await page.waitForURL(/[?&]country=[A-Z]{2}/);
    await waitForResults();
    assert.equal(await shownTotal(), pick.count, 'the total equals the facet count');
    assert.ok(await shownTotal() < total, 'the total narrowed');
    assert.ok(await options.nth(pick.i).locator('input').isChecked());
    assert.equal(await page.locator('.filter-chip').count(), 1, 'an active-filter chip is shown');
  });

  it('keeps the state on reload and restores the previous one on back', async () => {
    const url = page.url();
    const total = await shownTotal();
    await page.reload();
    await waitForResults();
    assert.equal(page.url(), url);
    assert.equal(await page.inputValue('#q'), 'meeting');
    assert.equal(await shownTotal(), total);
    assert.equal(await page.locator('[data-facet="country"] input:checked').count(), 1);

    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('country') && u.searchParams.get('q') === 'meeting');
    await waitForResults();
    assert.ok(await shownTotal() > total, 'back shows the unfiltered total again');
    assert.equal(await page.locator('[data-facet="country"] input:checked').count(), 0);
    assert.equal(await page.locator('.filter-chip').count(), 0);

    await page.goForward();
    await page.waitForURL(/[?&]country=/);
    await waitForResults();
    assert.equal(await shownTotal(), total, 'forward restores the filtered page');
  });

  it('selects a period from the histogram and pages through results', async () => {
    await page.goto(`${base}?ui_lang=en`);
    await waitForResults();
    // Months or years, whichever keeps the bars 24 px wide (histogram.test.mjs tests which).
    const bar = page.locator('#histogram button.bar').first();
    await bar.click();
    await page.waitForURL(/[?&](month=\d{4}-\d{2}|year=\d{4})/);
    await waitForResults();
    assert.equal(await page.locator('.bar[aria-pressed="true"]').count(), 1);
    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('month') && !u.searchParams.has('year'));
    await waitForResults();
    if (await page.locator('#pagination a[rel="next"]').count()) {
      await page.click('#pagination a[rel="next"]');
      await page.waitForURL(/[?&]page=2/);
      await waitForResults();
      assert.equal(await page.locator('#pagination [aria-current="page"]').textContent(), '2');
      assert.ok(await page.evaluate(() => document.getElementById('results').getBoundingClientRect().top >= -1),
        'the new page is shown from its top');
    }
  });

  it('switches the interface and the facet labels to Russian', async () => {
    await page.goto(`${base}?q=meeting&ui_lang=en`);
    await waitForResults();
    assert.equal(await page.textContent('.search-button'), 'Search');
    await page.click('button[data-ui-lang="ru"]');
    await page.waitForURL(/ui_lang=ru/);
    await waitForResults();
    assert.equal(await page.getAttribute('html', 'lang'), 'ru');
    assert.equal(await page.textContent('.search-button'), 'Найти');
    assert.equal(await page.textContent('[data-facet="country"] legend'), 'Страна');
    assert.match(await page.locator('#result-count strong').textContent(), /результат/);
    assert.match(await page.locator('[data-facet="country"] .facet-label').first().textContent(), /[А-Яа-яЁё]/,
      'country labels come in Russian');
    await page.reload();
    await waitForResults();
    assert.equal(await page.textContent('.search-button'), 'Найти', 'the language survives a reload');

    const ruContext = await browser.newContext({ locale: 'ru-RU' });
    try {
      const ruPage = await ruContext.newPage();
      await ruPage.goto(base);
      await ruPage.waitForURL(/ui_lang=ru/);
      assert.equal(await ruPage.getAttribute('html', 'lang'), 'ru', 'the default comes from navigator.language');
    } finally {
      await ruContext.close();
    }
  });

  it('never turns a query or server text into markup', async () => {
    await page.goto(`${base}?ui_lang=en`);
    await waitForResults();
    const evil = '<img src=x onerror="document.title=\'pwned\'"> meeting';
    await search(evil);
    assert.equal(await page.locator('img').count(), 0, 'no <img> was created');
    assert.notEqual(await page.title(), 'pwned');
    assert.equal(await page.inputValue('#q'), evil);

    // Even if the server ever returned raw tags, only <mark> may become an element.
    await page.route('**/api/search?*', (route) => route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        query: 'x', corrected: '<img src=x onerror=alert(2)>', total: 1, exact: true, page: 1, size: 10, took_ms: 1,
        hits: [{
          id: 'evil', url: 'javascript:alert(3)', title: 't', date: '2020-01-02', lang: 'en', score: 1,
          title_html: '<img src=x onerror=alert(4)><mark>x</mark>',
          snippet: 'a <mark>b</mark> <script>alert(5)</script><img src=x onerror=alert(6)> &amp; c',
          countries: ['<img src=x onerror=alert(7)>'], organizations: [],
        }],
        facets: { country: [{ value: '<b>', label: '<img src=x onerror=alert(8)>', count: 1, selected: false }] },
      }),
    }));
    await search('evil');
    await page.unroute('**/api/search?*');
    assert.equal(await page.locator('img, script:not([src]), b').count(), 0, 'no element from server text');
    assert.equal(await page.locator('.hit-snippet mark').textContent(), 'b', '<mark> still highlights');
    assert.match(await page.locator('.hit-snippet').textContent(), /<script>alert\(5\)<\/script><img src=x onerror=alert\(6\)> & c/);
    assert.equal(await page.locator('.hit-title a[href^="javascript"]').count(), 0, 'a javascript: URL is not linked');
    assert.equal(await page.getAttribute('.hit-title a', 'href'), 'doc/evil?ui_lang=en', 'it opens the document view instead');
    assert.match(await page.locator('#did-you-mean').textContent(), /<img src=x onerror=alert\(2\)>/, 'did-you-mean shows text');
  });

  it('renders the result page at desktop and narrow widths', async () => {
    await page.goto(`${base}?q=meeting&ui_lang=en`);
    await waitForResults();
    const box = async (sel) => page.locator(sel).boundingBox();
    assert.ok((await box('.sidebar')).x < (await box('#hits')).x, 'the sidebar is drawn left of the results');
    assert.ok(await page.locator('#filters-toggle').isHidden(), 'no drawer button while the sidebar fits');
    // One column from 820 px down: the sidebar, first in the keyboard order, waits in the drawer
    // rather than being drawn under the results.
    await page.setViewportSize({ width: 760, height: 900 });
    assert.ok(await page.locator('.sidebar').isHidden(), 'at one column the sidebar waits behind the Filters button');
    assert.ok(await page.locator('#filters-toggle').isVisible());
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok(await page.locator('.sidebar').isHidden(), 'on a phone the sidebar waits behind the Filters button');
    assert.ok(await page.locator('#filters-toggle').isVisible());
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  // The README's screenshots: a results page at 1280x800 and on a 390x844 phone, with the filter
  // drawer closed and open. Only CARAVAN_SCREENSHOTS=1 (make screenshots) writes them to docs/.
  it('renders the results page for the README screenshots (CARAVAN_SCREENSHOTS=1 writes docs/results-*.png)', async () => {
    const write = process.env.CARAVAN_SCREENSHOTS === '1';
    const shoot = async (p, name) => { if (write) await p.screenshot({ path: path.join(REPO, 'docs', name) }); };
    const url = `${base}?q=meeting&ui_lang=en`;
    for (const [name, options] of [
      ['results-desktop.png', { viewport: { width: 1280, height: 800 } }],
      ['results-phone.png', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
    ]) {
      const context = await browser.newContext({ locale: 'en-US', ...options });
      try {
        const p = await context.newPage();
        p.setDefaultTimeout(STEP_TIMEOUT);
        p.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
        await p.goto(url);
        await p.waitForFunction(() => !document.querySelector('#results[aria-busy]') && document.querySelector('#result-count strong'));
        assert.ok(await p.locator('#histogram button.bar').first().isVisible(), `${name}: the histogram is shown`);
        assert.ok(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name}: no horizontal scroll`);
        await shoot(p, name);
        if (!options.isMobile) continue;
        // click, not tap: a tap leaves the touch highlight in the picture.
        await p.locator('#filters-toggle').click();
        assert.ok(await p.locator('.sidebar').isVisible(), 'the drawer opens');
        await shoot(p, 'results-phone-filters.png');
      } finally {
        await context.close();
      }
    }
  });

  it('opens an item without a URL as its document view and follows a country link back', async () => {
    await page.goto(`${base}?ui_lang=en`);
    await waitForResults();
    await search('Miralizoda');
    const link = page.locator('.hit-title a.hit-doc').first();
    assert.ok(await link.count() > 0, 'an item without a URL links to its document view');
    const title = (await link.textContent()).trim();
    await link.click();
    await page.waitForURL(/\/doc\/[^/?]+\?ui_lang=en$/);
    assert.equal((await page.locator('h1.doc-title').textContent()).trim(), title);
    assert.equal(await page.title(), `${title} — Caravan`);
    assert.ok(await page.locator('.doc-body p').count() > 0, 'the text is shown as paragraphs');
    assert.ok(await page.locator('.related-items li a').count() > 0, 'related items are listed');
    const country = page.locator('.doc-meta a.chip-country').first();
    const code = await country.getAttribute('data-value');
    await country.click();
    await page.waitForURL((u) => u.pathname === '/' && u.searchParams.getAll('country').includes(code));
    await waitForResults();
    assert.ok(await shownTotal() > 0);
    assert.equal(await page.locator('.filter-chip').count(), 1, 'the country became the filter');
    assert.ok(await page.locator(`[data-facet="country"] input[data-focus-key="facet:country:${code}"]`).isChecked());
    // A related item opens in the same view, in Russian with the switch.
    await page.goBack();
    await page.waitForURL(/\/doc\//);
    await page.click('.lang-switch a[lang="ru"]');
    await page.waitForURL(/ui_lang=ru$/);
    assert.equal(await page.getAttribute('html', 'lang'), 'ru');
    assert.equal(await page.textContent('.related h2'), 'Похожие материалы');
    await page.locator('.related-items li a').first().click();
    await page.waitForURL(/\/doc\/[^/?]+\?ui_lang=ru$/);
    assert.ok((await page.locator('h1.doc-title').textContent()).trim().length > 0);
  });

  // Types into the sidebar filter box of a long facet and ticks a value the list does not show.
  async function filterAndTick(ui, name, typed, label, value) {
    await page.goto(`${base}?ui_lang=${ui}`);
    await waitForResults();
    const facet = page.locator(`[data-facet="${name}"]`);
    const shown = await facet.locator('.facet-label').allTextContents();
    assert.ok(!shown.includes(label), `${label} is not among the ${shown.length} values shown`);
    await facet.locator('.facet-filter').fill(typed);
    const match = facet.locator('.facet-matches .facet-option', { hasText: label });
    await match.waitFor();
    const count = Number((await match.locator('.facet-count').textContent()).replace(/\D/g, ''));
    // click, not check: ticking re-renders the sidebar, so the ticked box is replaced by a new one.
    await match.locator('input').click();
    await page.waitForURL((u) => u.searchParams.getAll(name === 'organization' ? 'org' : name).includes(value));
    await waitForResults();
    assert.equal(await shownTotal(), count, 'the total is the count the filter box showed');
    assert.equal(await page.locator('.filter-chip').count(), 1);
    assert.ok(await facet.locator(`input[data-focus-key="facet:${name}:${value}"]`).isChecked());
    assert.equal(await facet.locator('.facet-filter').inputValue(), '', 'the box is empty again');
  }

  it('finds a country beyond the shown ones in the facet filter box, in English and Russian', async () => {
    await filterAndTick('en', 'country', 'ukr', 'Ukraine', 'UA');
    await filterAndTick('ru', 'country', 'укр', 'Украина', 'UA');
    // Any script finds it: Cyrillic in the English interface, Latin in the Russian one.
    await filterAndTick('en', 'country', 'Укра', 'Ukraine', 'UA');
    await filterAndTick('ru', 'country', 'ukr', 'Украина', 'UA');
  });

  it('the facet filter box searches under the current query, and says when nothing matches', async () => {
    await page.goto(`${base}?ui_lang=en`);
    await waitForResults();
    const facet = page.locator('[data-facet="organization"]');
    await facet.locator('.facet-filter').fill('zzzz');
    await facet.locator('.facet-none').waitFor();
    assert.match(await facet.locator('.facet-none').textContent(), /zzzz/);
    await facet.locator('.facet-filter').fill('');
    await facet.locator('.facet-options:not(.facet-matches)').waitFor();
    await page.goto(`${base}?ui_lang=ru&lang=ru`);
    await waitForResults();
    const ru = page.locator('[data-facet="organization"]');
    await ru.locator('.facet-filter').fill('унп');
    const match = ru.locator('.facet-matches .facet-option').first();
    await match.waitFor();
    const count = Number((await match.locator('.facet-count').textContent()).replace(/\D/g, ''));
    assert.ok(count > 0 && count <= await shownTotal(), 'counted within the Russian items');
  });

  // A word the index has and one it cannot have: no item has both, so searchd relaxes the query.
  async function relaxedThenStrict(ui, word, expect) {
    const q = `${word} zqxwvjk`;
    await page.goto(`${base}?q=${encodeURIComponent(q)}&ui_lang=${ui}`);
    await waitForResults();
    assert.ok(await page.locator('.hit').count() > 0, `items with "${word}" are shown`);
    assert.match(await page.locator('#match-note').textContent(), expect.relaxed);
    const strict = page.locator('#match-note a.strict-link');
    assert.match(await strict.textContent(), expect.strictLink);
    await strict.click();
    await page.waitForURL((u) => u.searchParams.get('relax') === '0' && u.searchParams.get('q') === q);
    await waitForResults();
    assert.equal(await shownTotal(), 0);
    assert.equal(await page.locator('.hit').count(), 0);
    assert.equal(await page.locator('#message .message-title').textContent(), expect.none(q));
    // The strict page survives a reload (the URL carries it) and links back to the relaxed one.
    await page.reload();
    await waitForResults();
    assert.equal(await shownTotal(), 0);
    await page.locator('#match-note a.relaxed-link').click();
    await page.waitForURL((u) => !u.searchParams.has('relax'));
    await waitForResults();
    assert.ok(await shownTotal() > 0);
    // A new query is matched the usual way again.
    await page.goto(`${base}?q=${encodeURIComponent(q)}&relax=0&ui_lang=${ui}`);
    await waitForResults();
    await search(word);
    assert.equal(new URL(page.url()).searchParams.get('relax'), null);
  }

  it('says when not every word matched and offers the strict query, in English and Russian', async () => {
    await relaxedThenStrict('en', 'meeting', {
      relaxed: /^No item has all the words; showing items with some of them\./,
      strictLink: /^Show only items with all the words$/,
      none: (q) => `No item has every word of “${q}”.`,
    });
    await relaxedThenStrict('ru', 'наркотиков', {
      relaxed: /^Нет новостей со всеми словами запроса; показаны новости с некоторыми из них\./,
      strictLink: /^Показать только новости со всеми словами$/,
      none: (q) => `Нет новостей, в которых есть все слова запроса «${q}».`,
    });
  });

  it('a page past the last one says so and links the last page, in English and Russian', async () => {
    for (const [ui, said, link] of [
      ['en', (p, l) => `Page ${p} is past the last page (${l}).`, (l) => `Go to page ${l}`],
      ['ru', (p, l) => `Страница ${p} — дальше последней (${l}).`, (l) => `Перейти на страницу ${l}`],
    ]) {
      await page.goto(`${base}?ui_lang=${ui}`);
      await waitForResults();
      const last = Math.ceil(await shownTotal() / 10);
      assert.ok(last > 1, 'the index has more than one page of items');
      const past = last + 47;
      await page.goto(`${base}?page=${past}&ui_lang=${ui}`);
      await waitForResults();
      assert.equal(await page.locator('#message .message-title').textContent(), said(past, last));
      assert.equal(await page.locator('.hit').count(), 0);
      assert.ok(await page.locator('#pagination').isHidden(), 'no pagination claims a current page');
      const toLast = page.locator('#message a.last-page-link');
      assert.equal(await toLast.textContent(), link(last));
      await toLast.click();
      await page.waitForURL((u) => u.searchParams.get('page') === String(last));
      await waitForResults();
      assert.ok(await page.locator('.hit').count() > 0, 'the last page lists items');
      assert.equal(await page.locator('#pagination [aria-current="page"]').textContent(), String(last));
      assert.ok(await page.locator('#message').isHidden());
    }
  });

  it('remembers the interface language; a first visit follows the browser; the URL wins', async () => {
    const visit = async (context, url) => {
      const p = await context.newPage();
      await p.goto(url);
      await p.waitForFunction(() => new URLSearchParams(location.search).has('ui_lang'));
      await p.waitForFunction(() => !document.querySelector('#results[aria-busy]') && document.querySelector('#result-count strong'));
      return p;
    };
    const en = await browser.newContext({ locale: 'en-US' });
    const ru = await browser.newContext({ locale: 'ru-RU' });
    try {
      let p = await visit(en, base);
      assert.equal(await p.getAttribute('html', 'lang'), 'en', 'en-US browser: English');
      await p.click('button[data-ui-lang="ru"]');
      await p.waitForURL(/ui_lang=ru/);
      assert.equal(await p.getAttribute('#from', 'lang'), 'ru', 'the date fields follow the interface');
      assert.equal(await p.getAttribute('#to', 'lang'), 'ru');
      assert.equal(await p.textContent('label:has(#from) span'), 'С');
      await p.close();
      p = await visit(en, base);
      assert.equal(new URL(p.url()).searchParams.get('ui_lang'), 'ru', 'the choice is remembered');
      assert.equal(await p.textContent('.search-button'), 'Найти');
      await p.close();
      p = await visit(en, `${base}?ui_lang=en`);
      assert.equal(await p.getAttribute('html', 'lang'), 'en', 'the URL wins');
      assert.equal(await p.getAttribute('#from', 'lang'), 'en');
      await p.close();
      p = await visit(ru, base);
      assert.equal(await p.getAttribute('html', 'lang'), 'ru', 'ru-RU browser: Russian');
      assert.equal(await p.getAttribute('#from', 'lang'), 'ru');
    } finally {
      await en.close();
      await ru.close();
    }
  });

  it('on a phone the Filters button opens the sidebar as a drawer where two countries can be ticked', async () => {
    const phone = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const p = await phone.newPage();
      p.setDefaultTimeout(STEP_TIMEOUT);
      p.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
      const settled = () => p.waitForFunction(() => !document.querySelector('#results[aria-busy]') && document.querySelector('#result-count strong'));
      const total = async () => Number((await p.locator('#result-count strong').textContent()).replace(/\D/g, ''));
      await p.goto(`${base}?ui_lang=en`);
      await settled();
      const all = await total();
      const toggle = p.locator('#filters-toggle');
      assert.equal((await toggle.textContent()).trim(), 'Filters');
      assert.ok(await p.locator('.sidebar').isHidden());
      await toggle.tap();
      assert.ok(await p.locator('.sidebar').isVisible(), 'the drawer opens');
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      assert.equal(await p.locator('#drawer-count').textContent(), `${all} results`, 'the result count is in the drawer');
      assert.equal(await p.getAttribute('.sidebar', 'role'), 'dialog');
      assert.ok(await p.evaluate(() => document.querySelector('.results-column').inert && document.querySelector('.site-header').inert),
        'the page behind the drawer is inert');
      assert.equal(await p.evaluate(() => document.activeElement.id), 'drawer-close', 'focus moves into the drawer');
      const sidebar = await p.locator('.sidebar').boundingBox();
      assert.ok(sidebar.x >= 0 && sidebar.width <= 390, 'the drawer fits the screen');

      const options = p.locator('[data-facet="country"] .facet-option');
      const picks = [];
      for (let i = 0; picks.length < 2 && i < await options.count(); i++) {
        const value = (await options.nth(i).locator('input').getAttribute('data-focus-key')).split(':')[2];
        const count = Number((await options.nth(i).locator('.facet-count').textContent()).replace(/\D/g, ''));
        if (count < all) picks.push({ value, count });
      }
      assert.equal(picks.length, 2, 'two countries narrower than everything');
      for (const [n, pick] of picks.entries()) {
        await p.locator(`[data-facet="country"] input[data-focus-key="facet:country:${pick.value}"]`).tap();
        await p.waitForFunction((k) => new URLSearchParams(location.search).getAll('country').length === k, n + 1);
        await settled();
        assert.ok(await p.locator('.sidebar').isVisible(), 'the drawer stays open while ticking');
        assert.equal(await p.locator('#drawer-filters .filter-chip').count(), n + 1, 'the drawer shows the active filters');
      }
      const narrowed = await total();
      assert.ok(narrowed >= Math.max(...picks.map((x) => x.count)) && narrowed <= picks[0].count + picks[1].count,
        'either country (OR within a facet)');
      assert.equal(await p.locator('#drawer-count').textContent(), `${narrowed} results`);
      for (const pick of picks) assert.ok(await p.locator(`input[data-focus-key="facet:country:${pick.value}"]`).isChecked());
      await p.locator('#drawer-close').tap();
      assert.ok(await p.locator('.sidebar').isHidden(), 'the drawer closes');
      assert.ok(await p.evaluate(() => !document.querySelector('.results-column').inert), 'the page is live again');
      assert.equal(await p.evaluate(() => document.activeElement.id), 'filters-toggle', 'focus returns to the button');
      assert.ok(await p.locator('#hits .hit').first().isVisible());
      assert.equal((await toggle.textContent()).replace(/\s+/g, ' ').trim(), 'Filters (2)');
      assert.equal(await p.locator('#active-filters .filter-chip').count(), 2);
      // Russian labels, and Escape closes the drawer.
      await p.goto(`${base}?ui_lang=ru`);
      await settled();
      assert.equal((await toggle.textContent()).trim(), 'Фильтры');
      await toggle.tap();
      assert.equal(await p.locator('#drawer-close').textContent(), 'Показать результаты');
      assert.match(await p.locator('#drawer-count').textContent(), /^\d+ (результат|результата|результатов)$/);
      await p.keyboard.press('Escape');
      assert.ok(await p.locator('.sidebar').isHidden());
    } finally {
      await phone.close();
    }
  });

  it('logs no console errors', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
