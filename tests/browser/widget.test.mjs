// Browser tests of the embeddable search box (web/widget.js): a real searchd with --cors-origin
// for a host page served from a second loopback origin by a tiny server here, in headless Chromium.
//
//   cd tests/browser && CARAVAN_SEARCHD=... CARAVAN_TEST_INDEX=... node --test widget.test.mjs
//
// Env: as ui.test.mjs (harness.mjs); CARAVAN_SCREENSHOTS=1 also writes docs/embed-demo.png.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { CHROMIUM, INDEX, REPO, SEARCHD, WEB, launchChromium, startSearchd, stopSearchd } from './harness.mjs';

const SIZE_BUDGET = 15_000;  // bytes, unminified: under 15 KB
const STEP_TIMEOUT = 10_000;

// Per interface language: a prefix the test index completes, a query whose titles match, and
// what the widget says in that language.
const LANGS = {
  en: { prefix: 'drug traf', query: 'meeting', label: 'Search news', count: /\d+ results?/, month: /[A-Za-z]/ },
  ru: { prefix: 'наркот', query: 'совещание', label: 'Поиск новостей', count: /\d+ результат/, month: /[а-я]/ },
};

// Serves the embed demo the way a portal embeds the box: widget.js from searchd's origin, which
// is set once searchd runs (it is started with this server's origin allowed).
function startHostServer() {
  const self = { origin: '', searchdBase: '' };
  const server = http.createServer((req, res) => {
    const searchdBase = self.searchdBase;
    const url = new URL(req.url, 'http://host');
    const lang = url.searchParams.get('lang') === 'ru' ? 'ru' : 'en';
    const send = (type, body) => { res.writeHead(200, { 'Content-Type': type }); res.end(body); };
    if (url.pathname === '/embed-demo.html') send('text/html; charset=utf-8', demoPage(searchdBase, lang));
    else if (url.pathname === '/embed-demo.css') send('text/css', readFileSync(path.join(WEB, 'embed-demo.css')));
    else if (url.pathname === '/blank.html') send('text/html; charset=utf-8', blankPage(searchdBase, lang));
    else if (url.pathname === '/strict.html') {
      // A portal with a strict CSP that names searchd only where the widget needs it.
      const searchdOrigin = new URL(searchdBase).origin;
      res.setHeader('Content-Security-Policy',
        `default-src 'self'; script-src ${searchdOrigin}; connect-src ${searchdOrigin}; style-src 'self'`);
      send('text/html; charset=utf-8', blankPage(searchdBase, lang, 'data-target="#search" data-mode="panel"'));
    }
    else { res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404); res.end(); }
  });
  self.close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    self.origin = `http://127.0.0.1:${server.address().port}`;
    resolve(self);
  }));
}

function demoPage(searchdBase, lang) {
  const html = readFileSync(path.join(WEB, 'embed-demo.html'), 'utf8');
  const page = html.replaceAll('src="widget.js"', `src="${searchdBase}widget.js"`)
    .replaceAll('data-lang="en"', `data-lang="${lang}"`).replace('<html lang="en">', `<html lang="${lang}">`);
  assert.equal(page.split(`src="${searchdBase}widget.js"`).length, 3, 'embed-demo.html embeds widget.js twice');
  return page;
}

// No host CSS at all: what the widget looks like on its own, and the JS API without data-target.
function blankPage(searchdBase, lang, attributes = '') {
  return `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>blank</title>
<div id="search"></div><script src="${searchdBase}widget.js" ${attributes}></script>`;
}

// Computed styles that a leak either way would change (not sizes, which follow the container).
const PROPS = ['font-family', 'font-size', 'font-weight', 'color', 'background-color', 'border-top-style',
  'border-top-width', 'border-top-color', 'border-top-left-radius', 'padding-top', 'padding-left', 'margin-top',
  'letter-spacing', 'text-transform', 'line-height', 'box-sizing', 'list-style-type', 'outline-style',
  'text-decoration-line', 'display'];

function stylesOf(page, selector) {
  return page.locator(selector).evaluateAll((nodes, props) => nodes.map((n) => {
    const cs = getComputedStyle(n);
    return `${n.tagName}.${n.className}: ${props.map((p) => `${p}=${cs.getPropertyValue(p)}`).join('; ')}`;
  }), PROPS);
}

describe('Caravan embeddable search box', { timeout: 120_000 }, () => {
  let searchd;
  let host;
  let stranger;  // an origin not in --cors-origin
  let browser;
  let context;
  const consoleErrors = [];

  async function newPage(ctx = context) {
    const page = await ctx.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    if (ctx === context) {
      page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`console: ${m.text()}`); });
      page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    }
    return page;
  }

  async function openDemo(page, lang, origin = host.origin) {
    await page.goto(`${origin}/embed-demo.html?lang=${lang}`);
    await page.locator('#search input[role=combobox]').waitFor();
    await page.locator('#search-panel input[role=combobox]').waitFor();
  }

  before(async () => {
    for (const [what, file] of [['CARAVAN_SEARCHD', SEARCHD], ['CARAVAN_TEST_INDEX', INDEX], ['CHROMIUM', CHROMIUM]]) {
      assert.ok(existsSync(file), `${what}: ${file} does not exist`);
    }
    host = await startHostServer();
    stranger = await startHostServer();
    searchd = await startSearchd(['--cors-origin', host.origin]);
    host.searchdBase = stranger.searchdBase = searchd.base;
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await host?.close();
    await stranger?.close();
    await stopSearchd(searchd);
  });

  it('serves widget.js as JavaScript, within its size budget', async () => {
    const bytes = statSync(path.join(WEB, 'widget.js')).size;
    assert.ok(bytes < SIZE_BUDGET, `web/widget.js is ${bytes} bytes, over the budget of ${SIZE_BUDGET}`);
    const res = await fetch(`${searchd.base}widget.js`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /javascript/);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=300', 'portal pages need not fetch it on every view');
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
    const ui = await fetch(`${searchd.base}app.js`);
    assert.equal(ui.headers.get('cross-origin-resource-policy'), null, 'only the widget is for other origins');
    assert.equal((await res.arrayBuffer()).byteLength, bytes);
  });

  it('answers CORS only to an allowed origin, preflights included', async () => {
    const suggest = `${searchd.base}api/suggest?q=me`;
    const allowed = await fetch(suggest, { headers: { Origin: host.origin } });
    assert.equal(allowed.headers.get('access-control-allow-origin'), host.origin);
    const preflight = await fetch(suggest, { method: 'OPTIONS', headers: {
      Origin: host.origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'content-type' } });
    assert.equal(preflight.headers.get('access-control-allow-origin'), host.origin);
    assert.match(preflight.headers.get('access-control-allow-headers'), /content-type/i);
    assert.ok(Number(preflight.headers.get('access-control-max-age')) > 0);
    for (const method of ['GET', 'OPTIONS']) {
      const other = await fetch(suggest, { method, headers: { Origin: stranger.origin, 'Access-Control-Request-Method': 'GET' } });
      for (const name of [...other.headers.keys()]) assert.ok(!name.startsWith('access-control-'), `${method} from ${stranger.origin} got ${name}`);
    }
  });

  for (const [lang, t] of Object.entries(LANGS)) {
    it(`${lang}: arrows, Escape and Enter pick a suggestion, which lands on searchd's results page`, async () => {
      const page = await newPage();
      await openDemo(page, lang);
      const input = page.locator('#search input[role=combobox]');
      assert.equal(await input.getAttribute('aria-label'), t.label);
      await input.pressSequentially(t.prefix, { delay: 20 });
      const options = page.locator('#search [role=listbox] [role=option]');
      await options.first().waitFor();
      assert.equal(await input.getAttribute('aria-expanded'), 'true');
      const n = await options.count();
      await input.press('ArrowUp');
      assert.equal(await options.nth(n - 1).getAttribute('aria-selected'), 'true', 'ArrowUp wraps to the last');
      assert.equal(await input.getAttribute('aria-activedescendant'), await options.nth(n - 1).getAttribute('id'));
      await input.press('Escape');
      assert.ok(await page.locator('#search [role=listbox]').isHidden(), 'Escape closes the list');
      assert.equal(await input.getAttribute('aria-expanded'), 'false');
      assert.equal(await input.inputValue(), t.prefix, 'Escape keeps the text');
      // Escape while the next suggestion is still on its way: it must not reopen the list.
      await input.press('Backspace');
      await options.first().waitFor();
      await input.pressSequentially(t.prefix.slice(-1));
      await input.press('Escape');
      await page.waitForTimeout(600);
      assert.ok(await page.locator('#search [role=listbox]').isHidden(), 'a suggestion arriving after Escape stays closed');
      await input.press('Backspace');
      await options.first().waitFor();
      const queries = page.locator('#search [role=option].option-query');
      const picked = await queries.first().textContent();
      assert.ok(picked.startsWith(t.prefix.slice(0, -1)), `"${picked}" completes "${t.prefix.slice(0, -1)}"`);
      const index = await options.evaluateAll((nodes) => nodes.findIndex((o) => o.classList.contains('option-query')));
      for (let i = 0; i <= index; i++) await input.press('ArrowDown');
      assert.equal(await queries.first().getAttribute('aria-selected'), 'true');
      await input.press('Enter');
      await page.waitForURL((u) => u.origin === new URL(searchd.base).origin && u.searchParams.get('q') === picked);
      assert.equal(new URL(page.url()).searchParams.get('ui_lang'), lang);
      await page.waitForFunction(() => !document.querySelector('#results[aria-busy]') && document.querySelector('#result-count strong'));
      assert.ok(Number((await page.locator('#result-count strong').textContent()).replace(/\D/g, '')) > 0, 'the results page has results');
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      await page.close();
    });

    it(`${lang}: data-mode="panel" shows the top results, titles highlighted, with dates`, async () => {
      const page = await newPage();
      await openDemo(page, lang);
      const input = page.locator('#search-panel input[role=combobox]');
      await input.fill(t.query);
      await input.press('Enter');
      const hits = page.locator('#search-panel .hit');
      await hits.first().waitFor();
      assert.ok(await hits.count() <= 5, 'data-results="5" caps the panel');
      assert.match(await page.locator('#search-panel .count').textContent(), t.count);
      assert.ok(await page.locator('#search-panel .hit .title mark').count() > 0, 'matches in titles are marked');
      const date = page.locator('#search-panel .hit time').first();
      assert.match(await date.getAttribute('datetime'), /^\d{4}-\d{2}-\d{2}$/);
      assert.match(await date.textContent(), t.month, `the date is written in ${lang}`);
      const all = new URL(await page.locator('#search-panel a.all').getAttribute('href'));
      assert.equal(all.origin, new URL(searchd.base).origin);
      assert.equal(all.searchParams.get('q'), t.query);
      assert.equal(all.searchParams.get('ui_lang'), lang);
      assert.equal(new URL(page.url()).origin, host.origin, 'the host page stays');
      await input.press('Escape');
      assert.ok(await page.locator('#search-panel [role=region]').isHidden(), 'Escape closes the panel');
      await page.close();
    });
  }

  it('no style leaks: the host page looks the same with the widget, the widget the same on the host page', async () => {
    const page = await newPage();
    const hostElements = 'body, body > *, .portal-main *, #search, #search-panel';
    await page.route('**/widget.js', (route) => route.fulfill({ contentType: 'text/javascript', body: '' }));
    await page.goto(`${host.origin}/embed-demo.html?lang=en`);
    const without = await stylesOf(page, hostElements);
    await page.unroute('**/widget.js');
    await openDemo(page, 'en');
    const widget = page.locator('#search input[role=combobox]');
    await widget.pressSequentially(LANGS.en.prefix, { delay: 20 });
    await page.locator('#search [role=option]').first().waitFor();
    assert.deepEqual(await stylesOf(page, hostElements), without, 'the widget changes no host element');

    const inside = '#search form, #search input, #search button, #search [role=listbox], #search [role=option]';
    const onHost = await stylesOf(page, inside);
    assert.ok(onHost.length >= 5);
    const cs = (await stylesOf(page, '#search input'))[0];
    for (const leak of ['Comic', 'rgb(122, 0, 0)', 'dashed', 'uppercase', 'rgb(255, 255, 60)']) {
      assert.ok(!cs.includes(leak), `host CSS reached the widget's input (${leak}): ${cs}`);
    }
    const blank = await newPage();
    await blank.goto(`${host.origin}/blank.html?lang=en`);
    await blank.evaluate(() => window.Caravan.mount('#search', { lang: 'en' }));
    await blank.locator('#search input').pressSequentially(LANGS.en.prefix, { delay: 20 });
    await blank.locator('#search [role=option]').first().waitFor();
    assert.deepEqual(await stylesOf(blank, inside), onHost, 'the widget looks the same on a page without CSS');

    // The documented custom properties do reach in (the demo's sidebar box sets them).
    const themed = await page.locator('#search-panel button').evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(themed, 'rgb(124, 45, 18)', '--caravan-accent themes the button');
    await blank.close();
    await page.close();
  });

  it('panel: server text only becomes text, <mark> excepted, and only http(s) links', async () => {
    const page = await newPage();
    await openDemo(page, 'en');
    await page.route(`${searchd.base}api/search?*`, (route) => route.fulfill({
      contentType: 'application/json', headers: { 'Access-Control-Allow-Origin': host.origin },
      body: JSON.stringify({ total: 1, hits: [{ id: 'evil', url: 'javascript:alert(1)', date: '2020-01-02', lang: 'en',
        title_html: '<img src=x onerror=alert(2)><mark>x</mark> &amp; &lt;b&gt;y' }] }),
    }));
    const input = page.locator('#search-panel input[role=combobox]');
    await input.fill('evil');
    await input.press('Enter');
    const title = page.locator('#search-panel .hit .title');
    await title.waitFor();
    assert.equal(await page.locator('#search-panel img, #search-panel b').count(), 0, 'no element from server text');
    assert.equal(await title.textContent(), '<img src=x onerror=alert(2)>x & <b>y');
    assert.equal(await title.locator('mark').textContent(), 'x');
    assert.match(await title.getAttribute('href'), /^http:\/\/127\.0\.0\.1:\d+\/\?q=evil&ui_lang=en$/, 'a javascript: URL is not linked');
    await page.close();
  });

  it('works under a host CSP with no unsafe-inline, naming searchd in script-src and connect-src', async () => {
    const page = await newPage();
    await page.goto(`${host.origin}/strict.html?lang=ru`);
    const input = page.locator('#search input[role=combobox]');
    await input.fill(LANGS.ru.query);
    await input.press('Enter');
    await page.locator('#search .hit').first().waitFor();
    const styled = await page.locator('#search button').evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(styled, 'rgb(15, 76, 129)', 'the widget\'s stylesheet applies under style-src \'self\'');
    await page.close();
  });

  it('Caravan.mount(): options, unmount, and clear errors for bad input', async () => {
    const page = await newPage();
    await page.goto(`${host.origin}/blank.html?lang=en`);
    const errors = await page.evaluate(() => ['#nowhere', { mode: 'popup' }, { results: 0 }].map((bad) => {
      try {
        window.Caravan.mount(typeof bad === 'string' ? bad : '#search', typeof bad === 'string' ? {} : bad);
        return 'no error';
      } catch (e) {
        return e.message;
      }
    }));
    assert.match(errors[0], /no element #nowhere/);
    assert.match(errors[1], /mode must be "page" or "panel", not "popup"/);
    assert.match(errors[2], /results must be 1 to 20/);
    await page.evaluate(() => { window.box = window.Caravan.mount(document.getElementById('search'), { mode: 'panel', lang: 'ru', results: 2 }); });
    const input = page.locator('#search input');
    assert.equal(await input.getAttribute('aria-label'), LANGS.ru.label);
    await input.fill(LANGS.ru.query);
    await page.locator('#search button').click();
    await page.locator('#search .hit').first().waitFor();
    assert.ok(await page.locator('#search .hit').count() <= 2);
    assert.equal(await page.locator('#search button').textContent(), 'Найти');
    await page.evaluate(() => window.box.unmount());
    assert.equal(await page.locator('#search caravan-search').count(), 0, 'unmount removes the box');
    await page.close();
  });

  it('from an origin not in --cors-origin: no suggestions or results, but Enter still leads to the results page', async () => {
    const other = await browser.newContext({ locale: 'en-US' });
    try {
      const page = await newPage(other);
      const blocked = (what) => page.waitForEvent('requestfailed', (r) => r.url().startsWith(`${searchd.base}api/${what}`));
      await openDemo(page, 'en', stranger.origin);
      const panel = page.locator('#search-panel input[role=combobox]');
      const suggestBlocked = blocked('suggest');
      await panel.pressSequentially(LANGS.en.prefix, { delay: 20 });
      await suggestBlocked;
      assert.equal(await page.locator('[role=option]').count(), 0, 'no suggestion came through');
      const searchBlocked = blocked('search');
      await panel.press('Enter');
      await searchBlocked;
      await page.locator('#search-panel .count', { hasText: 'cannot be reached' }).waitFor();
      assert.equal(await page.locator('#search-panel .hit').count(), 0);
      const box = page.locator('#search input[role=combobox]');
      await box.fill(LANGS.en.query);
      await box.press('Enter');
      await page.waitForURL((u) => u.origin === new URL(searchd.base).origin && u.searchParams.get('q') === LANGS.en.query);
    } finally {
      await other.close();
    }
  });

  it('renders the embed demo (CARAVAN_SCREENSHOTS=1 writes docs/embed-demo.png)', async () => {
    const page = await newPage();
    await openDemo(page, 'en');
    const panel = page.locator('#search-panel input[role=combobox]');
    await panel.fill(LANGS.en.query);
    await panel.press('Enter');
    await page.locator('#search-panel .hit').first().waitFor();
    await page.locator('#search input[role=combobox]').pressSequentially(LANGS.en.prefix, { delay: 20 });
    await page.locator('#search [role=option]').first().waitFor();
    assert.ok(await page.locator('#search-panel .hit').first().isVisible(), 'the panel stays open while typing elsewhere');
    if (process.env.CARAVAN_SCREENSHOTS === '1') await page.screenshot({ path: path.join(REPO, 'docs/embed-demo.png') });
    await page.close();
  });

  it('logs no console errors on the allowed origin', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
