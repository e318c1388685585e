// Caravan's embeddable search box: a <script> tag or Caravan.mount() puts a search box with
// suggestions, isolated in a Shadow DOM, on a page of any origin; it leads to searchd's results
// page or shows the top results in a panel. No dependencies; under 15 KB (tests/browser).
(() => {
  'use strict';
  const SCRIPT = document.currentScript;
  const DEFAULT_BASE = SCRIPT && SCRIPT.src ? new URL('./', SCRIPT.src).href : '';
  const DELAY_MS = 150;
  const FILTER_PARAM = { country: 'country', organization: 'org' };

  const STRINGS = {
    en: {
      label: 'Search news', button: 'Search', suggestions: 'Suggestions',
      country: 'country', organization: 'organization', panel: 'Search results', searching: 'Searching…',
      results: { one: '{n} result', other: '{n} results' }, none: 'No news found.', all: 'All results',
      error: 'The search service cannot be reached.',
    },
    ru: {
      label: 'Поиск новостей', button: 'Найти', suggestions: 'Подсказки',
      country: 'страна', organization: 'организация', panel: 'Результаты поиска', searching: 'Поиск…',
      results: { one: '{n} результат', few: '{n} результата', many: '{n} результатов', other: '{n} результата' },
      none: 'Ничего не найдено.', all: 'Все результаты', error: 'Сервис поиска недоступен.',
    },
  };

  // The host page themes through custom properties only: `all: initial` cuts every other inherited
  // value at the host, and its selectors cannot reach inside.
  const CSS = `
:host { all: initial !important; display: block !important; }
.box { --r: var(--caravan-radius, 8px); --bg: var(--caravan-background, #fff); --fg: var(--caravan-text, #1d2430);
  --line: var(--caravan-border, #c9d3de); --accent: var(--caravan-accent, #0f4c81);
  position: relative; font-family: var(--caravan-font, system-ui, sans-serif);
  font-size: var(--caravan-font-size, 16px); line-height: 1.4; color: var(--fg); text-align: start; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.field { display: flex; }
input { flex: 1; min-width: 0; margin: 0; padding: .55em .8em; font: inherit; color: inherit; background: var(--bg);
  border: 1px solid var(--line); border-radius: var(--r) 0 0 var(--r); outline: none; }
:focus-visible { outline: 2px solid var(--caravan-focus, #2f7de1); outline-offset: 1px; }
button { margin: 0; padding: .55em 1.1em; font: inherit; font-weight: 600; cursor: pointer;
  color: var(--caravan-accent-text, #fff); background: var(--accent); border: 1px solid var(--accent); border-radius: 0 var(--r) var(--r) 0; }
.drop { position: absolute; top: 100%; left: 0; right: 0; z-index: var(--caravan-z-index, 1000); margin: 4px 0 0;
  background: var(--bg); border: 1px solid var(--line); border-radius: var(--r);
  box-shadow: 0 8px 24px rgba(16, 40, 70, .18); max-height: 26em; overflow-y: auto; }
ul, ol { list-style: none; margin: 0; padding: 4px 0; }
.option, .hit { padding: .45em .9em; }
.option { display: flex; justify-content: space-between; gap: 1em; cursor: pointer; }
.option[aria-selected="true"], .option:hover { background: var(--caravan-highlight, #e7f0f8); }
.kind, .date, .count { color: var(--caravan-muted, #5b6576); font-size: .85em; }
.count { margin: 0; padding: .6em .9em .2em; }
a { color: var(--caravan-link, #0f4c81); text-decoration: none; }
a:hover { text-decoration: underline; }
.title { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; font-weight: 600; }
mark { background: var(--caravan-mark, #fff0b3); color: inherit; padding: 0 .1em; }
.all { display: block; padding: .5em .9em .7em; font-size: .9em; }
`;

  // What searchd escapes in title_html (searcher.cc html_escaped, Xapian's snippets).
  const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'" };

  // el('a', {href, onclick}, 'text', child...): attributes, listeners and text nodes only.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : v);
    }
    node.append(...children.filter((c) => c != null));
    return node;
  }

  const decodeEntities = (s) => s.replace(/&(amp|lt|gt|quot|apos|#39);/g, (m) => ENTITIES[m]);

  // Server-escaped text with <mark> around matches -> text nodes and <mark> elements, nothing else.
  function markedText(html) {
    const frag = document.createDocumentFragment();
    let target = frag;
    for (const part of String(html || '').split(/(<\/?mark>)/i)) {
      if (/^<mark>$/i.test(part)) { if (target === frag) frag.append((target = el('mark'))); }
      else if (/^<\/mark>$/i.test(part)) target = frag;
      else target.append(decodeEntities(part));
    }
    return frag;
  }

  function safeUrl(url) {
    try {
      const u = new URL(url);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch {
      return null;
    }
  }

  function pickLang(wanted) {
    const tags = [wanted, document.documentElement.lang, ...(navigator.languages || [])];
    for (const tag of tags) {
      const base = String(tag || '').toLowerCase().split('-')[0];
      if (STRINGS[base]) return base;
    }
    return 'en';
  }

  function readOptions(options) {
    const mode = options.mode || 'page';
    if (mode !== 'page' && mode !== 'panel') throw new Error(`Caravan widget: mode must be "page" or "panel", not "${mode}"`);
    const results = options.results == null ? 5 : Number(options.results);
    if (!(Number.isInteger(results) && results >= 1 && results <= 20)) throw new Error(`Caravan widget: results must be 1 to 20, not "${options.results}"`);
    const base = options.base ? new URL(options.base, location.href).href : DEFAULT_BASE;
    if (!base) throw new Error('Caravan widget: no searchd address; pass options.base');
    return { mode, results, base: base.endsWith('/') ? base : `${base}/`, lang: pickLang(options.lang), placeholder: options.placeholder };
  }

  // Mounts a search box at the end of target (an element or a selector); returns {host, unmount}.
  function mount(target, options = {}) {
    const parent = typeof target === 'string' ? document.querySelector(target) : target;
    if (!(parent instanceof Element)) throw new Error(`Caravan widget: no element ${target}`);
    const opts = readOptions(options);
    for (const old of parent.querySelectorAll(':scope > caravan-search')) old.remove();
    const host = document.createElement('caravan-search');
    const root = host.attachShadow({ mode: 'open' });
    addStyles(root);
    const box = new SearchBox(root, opts);
    parent.append(host);
    return { host, unmount: () => { box.stop(); host.remove(); } };
  }

  function addStyles(root) {
    if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);  // not a <style>: a host CSP without 'unsafe-inline' allows it
      root.adoptedStyleSheets = [sheet];
    } else {
      root.append(el('style', {}, CSS));
    }
  }

  class SearchBox {
    constructor(root, opts) {
      this.opts = opts;
      this.strings = STRINGS[opts.lang];
      this.items = [];
      this.active = -1;
      this.seq = 0;
      this.timer = null;
      this.build(root);
      this.onOutside = (e) => { if (!e.composedPath().includes(root.host)) this.closeAll(); };
      document.addEventListener('pointerdown', this.onOutside);
    }

    resultCount(n) {
      const forms = this.strings.results;
      const s = forms[new Intl.PluralRules(this.opts.lang).select(n)] || forms.other;
      return s.replace('{n}', new Intl.NumberFormat(this.opts.lang).format(n));
    }

    build(root) {
      const s = this.strings;
      this.input = el('input', {
        type: 'search', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
        'aria-autocomplete': 'list', 'aria-controls': 'list', 'aria-expanded': 'false', 'aria-label': s.label,
        placeholder: this.opts.placeholder || s.label,
        oninput: () => { clearTimeout(this.timer); this.timer = setTimeout(() => this.suggest(), DELAY_MS); }, onkeydown: (e) => this.onKey(e), onblur: () => setTimeout(() => this.closeList(), 100),
      });
      this.list = el('ul', { id: 'list', class: 'drop', role: 'listbox', 'aria-label': s.suggestions, hidden: true });
      this.count = el('p', { class: 'count', 'aria-live': 'polite' });
      this.hits = el('ol', { class: 'hits' });
      this.all = el('a', { class: 'all' }, s.all);
      this.panel = el('div', { class: 'drop panel', role: 'region', 'aria-label': s.panel, hidden: true }, this.count, this.hits, this.all);
      const form = el('form', { class: 'box', role: 'search', lang: this.opts.lang, onsubmit: (e) => { e.preventDefault(); this.submit(); } },
        el('div', { class: 'field' }, this.input, el('button', { type: 'submit' }, s.button)), this.list, this.panel);
      root.append(form);
    }

    stop() {
      clearTimeout(this.timer);
      ++this.seq;
      document.removeEventListener('pointerdown', this.onOutside);
    }

    api(path, params) {
      const url = new URL(path, this.opts.base);
      for (const [k, v] of params) url.searchParams.append(k, v);
      return url.href;
    }

    // The results page on searchd for a query or a filter, in the widget's language.
    resultsUrl(params) {
      return this.api('./', [...params, ['ui_lang', this.opts.lang]]);
    }

    async suggest() {
      const q = this.input.value;
      if (q.trim().length < 2) { this.closeList(); return; }
      const mine = ++this.seq;
      try {
        const res = await fetch(this.api('api/suggest', [['q', q], ['ui_lang', this.opts.lang]]));
        if (!res.ok || mine !== this.seq) return;
        const data = await res.json();
        if (mine === this.seq && this.input.value === q) this.renderList(data.suggestions || []);
      } catch {
        this.closeList();  // searchd down, or this origin not in --cors-origin: submitting still works
      }
    }

    renderList(suggestions) {
      this.items = suggestions;
      this.active = -1;
      this.list.replaceChildren(...suggestions.map((item, i) => el('li', {
        id: `option-${i}`, role: 'option', 'aria-selected': 'false', class: `option option-${item.kind}`,
        onmousedown: (e) => { e.preventDefault(); this.pick(item); },
      }, item.text, FILTER_PARAM[item.kind] ? el('span', { class: 'kind' }, this.strings[item.kind]) : null)));
      this.list.hidden = suggestions.length === 0;
      if (!this.list.hidden) this.panel.hidden = true;
      this.input.setAttribute('aria-expanded', String(!this.list.hidden));
      this.input.removeAttribute('aria-activedescendant');
    }

    highlight(index) {
      this.active = index;
      [...this.list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
      this.input.setAttribute('aria-activedescendant', `option-${index}`);
    }

    closeList() {
      this.items = [];
      this.active = -1;
      this.list.replaceChildren();
      this.list.hidden = true;
      this.input.setAttribute('aria-expanded', 'false');
      this.input.removeAttribute('aria-activedescendant');
    }

    // Also drops a suggestion still on its way (debounce timer or request), which would reopen the list.
    closeAll() {
      clearTimeout(this.timer);
      ++this.seq;
      this.closeList();
      this.panel.hidden = true;
    }

    onKey(e) {
      const open = !this.list.hidden;
      if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
        const n = this.items.length;
        const down = e.key === 'ArrowDown';
        this.highlight(this.active < 0 ? (down ? 0 : n - 1) : (this.active + (down ? 1 : n - 1)) % n);
      } else if (open && e.key === 'Enter' && this.active >= 0) {
        e.preventDefault();
        this.pick(this.items[this.active]);
      } else if (e.key === 'Escape') {
        if (open || !this.panel.hidden) e.preventDefault();  // a search input would also clear the text
        this.closeAll();
      }
    }

    // A query suggestion searches its text; a country or organization one searches that filter.
    pick(item) {
      const param = FILTER_PARAM[item.kind];
      this.input.value = param ? '' : item.text;
      this.go(param ? [[param, item.value]] : [['q', item.text]]);
    }

    submit() {
      const q = this.input.value.trim();
      if (q) this.go([['q', q]]);
    }

    go(params) {
      clearTimeout(this.timer);
      ++this.seq;
      this.closeList();
      if (this.opts.mode === 'panel') this.showResults(params);
      else location.assign(this.resultsUrl(params));
    }

    async showResults(params) {
      const mine = ++this.seq;
      this.all.href = this.resultsUrl(params);
      this.count.textContent = this.strings.searching;
      this.hits.replaceChildren();
      this.panel.hidden = false;
      try {
        const res = await fetch(this.api('api/search', [...params, ['size', this.opts.results], ['facets', ''], ['ui_lang', this.opts.lang]]));
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const data = await res.json();
        if (mine === this.seq) this.renderHits(data, params);
      } catch {
        if (mine === this.seq) this.count.textContent = this.strings.error;
      }
    }

    renderHits(data, params) {
      const hits = data.hits || [];
      this.count.textContent = hits.length ? this.resultCount(data.total) : this.strings.none;
      this.hits.replaceChildren(...hits.map((hit) => el('li', { class: 'hit', lang: hit.lang || null },
        el('a', { class: 'title', href: safeUrl(hit.url) || this.resultsUrl(params) }, hit.title_html ? markedText(hit.title_html) : hit.title || hit.id),
        hit.date ? el('time', { class: 'date', datetime: hit.date }, this.formatDate(hit.date)) : null)));
      this.all.hidden = hits.length === 0;
    }

    formatDate(day) {
      const date = new Date(`${day}T00:00:00Z`);
      return isNaN(date) ? day : new Intl.DateTimeFormat(this.opts.lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
    }
  }

  window.Caravan = Object.assign(window.Caravan || {}, { mount });

  // <script src=".../widget.js" data-target="#search" data-lang="ru" data-mode="panel" async>
  const data = SCRIPT ? SCRIPT.dataset : {};
  if (data.target) {
    const run = () => mount(data.target, { lang: data.lang, mode: data.mode, results: data.results, placeholder: data.placeholder });
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
    else run();
  }
})();
