// Caravan search UI. Talks to caravan-searchd over /api only; the URL holds the whole state
// (state.js); untrusted text only enters the page through dom.js.
import { STRINGS } from './i18n.js';
import { el, markedText, safeUrl, show } from './dom.js';
import { FACETS, MAX_PAGE, PAGE_SIZE, docHref, hrefFor, queryString, rememberUiLang, stateFromUrl } from './state.js';
import { FILTER_SIZE, createFacetFilters } from './facet_filter.js';
import { attachSuggest } from './suggest.js';
import { createHistogram } from './histogram.js';
import { controlAt, rovingRow } from './roving.js';

const FACET_SIZE = 100;
const FACET_SHOWN = 8;

const $ = (id) => document.getElementById(id);
let state;
let lastData = null;
let stats = null;
let requestSeq = 0;
let inflight = null;
let refocusFilterAt = null;  // the position of the active-filter chip just removed, for its neighbour to take focus
const expanded = new Set();
const facetFilters = createFacetFilters({
  urlFor: (name, prefix) => `api/facets/${encodeURIComponent(name)}?${queryString({ ...state, page: 1 }, { prefix, size: FILTER_SIZE })}`,
  onChange: (name) => renderFacetBody(name),
});
const histogram = createHistogram({
  section: $('histogram'), plot: $('histogram-bars'), title: $('histogram-title'),
  t: (key, vars) => t(key, vars), ui: () => state.ui,
  onSelect: ({ year, month }) => update({ f: { ...state.f, year, month } }),
  keepFocus: (fn) => withFocusKept(fn),
});

// ---- strings --------------------------------------------------------------------------------

function t(key, vars = {}) {
  let s = STRINGS[state.ui][key] ?? STRINGS.en[key] ?? key;
  if (typeof s === 'object') {
    s = s[new Intl.PluralRules(state.ui).select(vars.n)] ?? s.other;
  }
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? formatVar(vars[name]) : m));
}

function formatVar(v) {
  return typeof v === 'number' ? new Intl.NumberFormat(state.ui).format(v) : String(v);
}

// ---- state <-> URL ----------------------------------------------------------------------------

function navigate(next, { push = true } = {}) {
  state = next;
  rememberUiLang(state.ui);
  facetFilters.reset();
  if (push) history.pushState(null, '', hrefFor(state));
  else history.replaceState(null, '', hrefFor(state));
  load();
}

// Any change of query or filters starts again from the first page.
function update(change) {
  navigate({ ...state, page: 1, ...change });
}

function setFacet(name, values) {
  update({ f: { ...state.f, [name]: values } });
}

function toggleFacet(name, value) {
  const cur = state.f[name];
  setFacet(name, cur.includes(value) ? cur.filter((v) => v !== value) : [...cur, value]);
}

function hasFilters(s) {
  return Boolean(s.from || s.to || FACETS.some((name) => s.f[name].length));
}

// ---- focus --------------------------------------------------------------------------------------

// Keeps keyboard focus on "the same" control when a region is re-rendered.
function withFocusKept(renderFn) {
  const before = document.activeElement;
  const key = before?.dataset?.focusKey;
  renderFn();
  if (!key) return;
  const again = document.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
  if (again === before) return;
  if (again) {
    again.focus();
    // A re-made text box: the caret goes after the text, where the typing was.
    if (again.type === 'search') again.setSelectionRange(again.value.length, again.value.length);
  } else if (!document.activeElement || document.activeElement === document.body) $('results').focus();
}

// ---- labels -----------------------------------------------------------------------------------

function labelMaps(data) {
  const maps = {};
  for (const name of FACETS) {
    maps[name] = new Map((data?.facets?.[name] || []).map((v) => [v.value, v.label || v.value]));
  }
  return maps;
}

function displayName(type, code) {
  try {
    return new Intl.DisplayNames([state.ui], { type }).of(code) || code;
  } catch {
    return code;
  }
}

function labelFor(name, value) {
  const known = labelMaps(lastData)[name].get(value);
  if (known) return known;
  if (name === 'country') return displayName('region', value);
  if (name === 'lang') return displayName('language', value);
  if (name === 'month') return monthLabel(value);
  return value;
}

function formatDate(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(state.ui, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

function monthLabel(ym) {
  const d = new Date(`${ym}-01T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return ym;
  return new Intl.DateTimeFormat(state.ui, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

// ---- loading ----------------------------------------------------------------------------------

async function load() {
  const seq = ++requestSeq;
  inflight?.abort();
  inflight = new AbortController();
  renderStatic();
  $('results').setAttribute('aria-busy', 'true');
  const url = `api/search?${queryString(state, { size: PAGE_SIZE, facets: FACETS.join(','), facet_size: FACET_SIZE })}`;
  try {
    const res = await fetch(url, { signal: inflight.signal, headers: { Accept: 'application/json' } });
    const body = await res.json().catch(() => null);
    if (seq !== requestSeq) return;
    if (!res.ok || !body || body.error) {
      renderError(body?.error?.message || `HTTP ${res.status}`);
    } else {
      lastData = body;
      withFocusKept(() => renderResults(body));
    }
  } catch (err) {
    if (err.name !== 'AbortError' && seq === requestSeq) renderError(t('networkError'));
  } finally {
    if (seq === requestSeq) $('results').removeAttribute('aria-busy');
  }
}

async function loadStats() {
  try {
    const res = await fetch('api/stats', { headers: { Accept: 'application/json' } });
    if (res.ok) stats = await res.json();
  } catch {
    stats = null;
  }
  renderStats();
}

// ---- rendering --------------------------------------------------------------------------------

function renderStatic() {
  document.documentElement.lang = state.ui;
  document.title = state.q ? `${state.q} — Caravan` : t('pageTitle');
  for (const n of document.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n);
  for (const n of document.querySelectorAll('[data-i18n-placeholder]')) n.placeholder = t(n.dataset.i18nPlaceholder);
  for (const n of document.querySelectorAll('[data-i18n-aria-label]')) n.setAttribute('aria-label', t(n.dataset.i18nAriaLabel));
  for (const b of document.querySelectorAll('[data-ui-lang]')) b.setAttribute('aria-pressed', String(b.dataset.uiLang === state.ui));
  if (document.activeElement !== $('q')) $('q').value = state.q;
  $('sort').value = state.sort;
  for (const input of [$('from'), $('to')]) {
    input.lang = state.ui;
    input.value = state[input.id];
  }
  renderStats();
}

function renderStats() {
  $('stats').textContent = stats ? t('documents', { n: stats.documents }) : '';
}

// The Atom feed of the current search (its words, filters and dates; newest first), linked in
// the toolbar and as the page's alternate, so that feed readers find it.
function renderFeedLinks() {
  const href = `feed.atom?${queryString({ ...state, page: 1, sort: 'relevance' })}`;
  $('feed-link').href = href;
  $('feed-alternate').href = href;
}

function renderResults(data) {
  const labels = labelMaps(data);
  const count = t(data.exact === false ? 'resultsApprox' : 'results', { n: data.total });
  $('result-count').replaceChildren(el('strong', {}, count), el('span', { class: 'took' }, t('tookMs', { ms: Math.round(data.took_ms ?? 0) })));
  $('drawer-count').textContent = count;
  renderFeedLinks();
  renderDidYouMean(data.corrected);
  renderMatchNote(data.relaxed);
  renderActiveFilters();
  histogram.render(data.facets, { year: state.f.year, month: state.f.month });
  $('hits').replaceChildren(...data.hits.map((hit) => renderHit(hit, labels)));
  const last = lastPage(data.total);
  if (data.hits.length) renderMessage(null);
  else if (data.total > 0 && state.page > last) renderMessage(pastLastMessage(last));
  else renderMessage(emptyMessage());
  renderPagination(data.total);
  renderFacets();
}

function renderError(message) {
  lastData = null;
  $('result-count').replaceChildren();
  $('drawer-count').textContent = '';
  $('hits').replaceChildren();
  histogram.hide();
  show($('pagination'), false);
  show($('did-you-mean'), false);
  show($('match-note'), false);
  renderActiveFilters();
  renderMessage(el('div', { role: 'alert' }, el('p', { class: 'message-title' }, t('errorTitle')), el('p', {}, message)), 'error');
}

function renderMessage(content, kind = 'empty') {
  const box = $('message');
  box.className = `message message-${kind}`;
  box.replaceChildren(...(content ? [content] : []));
  show(box, Boolean(content));
}

function emptyMessage() {
  const strict = state.q && !state.relax;
  const title = strict ? t('noStrictResults', { q: state.q }) : state.q ? t('noResults', { q: state.q }) : t('noResultsFiltered');
  const clear = hasFilters(state) ? el('button', { type: 'button', class: 'link-button', onclick: clearFilters }, t('clearFilters')) : null;
  return el('div', {}, el('p', { class: 'message-title' }, title), el('p', {}, t('noResultsHint')), clear);
}

// A page number beyond the results (an old link, a hand-edited URL): say so and link the last page.
function pastLastMessage(last) {
  const next = { ...state, page: last };
  return el('div', {},
    el('p', { class: 'message-title' }, t('pastLastPage', { page: state.page, last })),
    el('p', {}, el('a', { href: hrefFor(next), onclick: linkTo(next), class: 'last-page-link' }, t('goToLastPage', { last }))));
}

// Says when the list is not all-words matching (searchd relaxed the query) and links the other way.
function renderMatchNote(relaxed) {
  const box = $('match-note');
  const strictAsked = Boolean(state.q) && !state.relax;
  if (!relaxed && !strictAsked) return show(box, false);
  const next = { ...state, page: 1, relax: strictAsked };
  const link = el('a', { href: hrefFor(next), onclick: linkTo(next), class: strictAsked ? 'relaxed-link' : 'strict-link' },
    t(strictAsked ? 'relaxedLink' : 'strictLink'));
  box.replaceChildren(`${t(strictAsked ? 'strictNote' : 'relaxedNote')} `, link);
  show(box, true);
}

function renderDidYouMean(corrected) {
  const box = $('did-you-mean');
  if (!corrected || corrected === state.q) return show(box, false);
  const next = { ...state, q: corrected, page: 1, relax: true };
  const link = el('a', { href: hrefFor(next), onclick: linkTo(next) }, corrected);
  box.replaceChildren(`${t('didYouMean')}: `, link, '?');
  show(box, true);
}

function renderHit(hit, labels) {
  const url = safeUrl(hit.url);
  const title = hit.title_html != null ? markedText(hit.title_html) : hit.title || hit.url || hit.id;
  const lang = labels.lang.get(hit.lang) || displayName('language', hit.lang);
  const meta = el('p', { class: 'hit-meta' },
    hit.date ? el('time', { datetime: hit.date }, formatDate(hit.date)) : null,
    hit.lang ? el('span', { class: 'hit-lang' }, lang) : null,
    url ? el('span', { class: 'hit-source' }, url.hostname) : null);
  const chips = [
    ...(hit.countries || []).map((c) => chip('country', c, labels.country.get(c) || displayName('region', c), hit.id)),
    ...(hit.organizations || []).map((o) => chip('organization', o, labels.organization.get(o) || o, hit.id)),
  ];
  return el('li', { class: 'hit' },
    el('h2', { class: 'hit-title' }, titleLink(url, hit, title)),
    meta,
    hit.snippet ? el('p', { class: 'hit-snippet', lang: hit.lang || null }, markedText(hit.snippet)) : null,
    chips.length ? chipRow(`chips:${hit.id}`, t('itemFilters'), chips) : null);
}

// A row of chip buttons as one Tab stop, the arrow keys inside (web/roving.js).
function chipRow(name, label, chips) {
  const row = el('div', { class: 'chip-row', role: 'toolbar', 'aria-label': label }, el('ul', { class: 'chips' }, chips.map((c) => el('li', {}, c))));
  return rovingRow(row, name, '.chip');
}

// The item's own page when it has a URL, else its document view on searchd (/doc/{id}).
function titleLink(url, hit, title) {
  if (url) return el('a', { href: url.href, rel: 'noopener noreferrer' }, title);
  if (hit.id) return el('a', { href: docHref(hit.id, state.ui), class: 'hit-doc' }, title);
  return el('span', {}, title);
}

function chip(name, value, label, hitId) {
  const selected = state.f[name].includes(value);
  return el('button', {
    type: 'button', class: `chip chip-${name}`, 'aria-pressed': String(selected),
    title: t('filterBy', { f: label }), 'data-focus-key': `chip:${hitId}:${name}:${value}`,
    onclick: () => (selected ? null : setFacet(name, [...state.f[name], value])),
  }, label);
}

function activeFilterList() {
  const list = [];
  for (const name of FACETS) {
    for (const v of state.f[name]) {
      list.push({ key: `${name}:${v}`, text: `${t(`facet_${name}`)}: ${labelFor(name, v)}`, remove: () => toggleFacet(name, v) });
    }
  }
  if (state.from) list.push({ key: 'from', text: `${t('facet_date')}: ${t('fromDate', { d: formatDate(state.from) })}`, remove: () => update({ from: '' }) });
  if (state.to) list.push({ key: 'to', text: `${t('facet_date')}: ${t('toDate', { d: formatDate(state.to) })}`, remove: () => update({ to: '' }) });
  return list;
}

function renderActiveFilters() {
  const box = $('active-filters');
  const list = activeFilterList();
  const items = list.map((f, i) => el('li', { class: 'filter-chip' },
    el('span', {}, f.text),
    el('button', {
      type: 'button', class: 'filter-remove', 'aria-label': t('removeFilter', { f: f.text }), title: t('removeFilter', { f: f.text }),
      'data-focus-key': `remove:${f.key}`, onclick: () => { refocusFilterAt = i; f.remove(); },
    }, '×')));
  const clear = list.length > 1 ? el('button', { type: 'button', class: 'link-button', onclick: clearFilters }, t('clearFilters')) : null;
  const row = rovingRow(el('div', { class: 'chip-row', role: 'toolbar', 'aria-label': t('activeFilters') }, el('ul', {}, items)), 'active-filters', '.filter-remove');
  box.replaceChildren(el('h2', { class: 'visually-hidden' }, t('activeFilters')), row, ...(clear ? [clear] : []));
  show(box, list.length > 0);
  focusAfterRemoval(row);
  $('filters-toggle-count').textContent = list.length ? `(${formatVar(list.length)})` : '';
}

// A removed filter's chip went away with the focus on it: its neighbour in the row takes the focus.
function focusAfterRemoval(row) {
  const at = refocusFilterAt;
  refocusFilterAt = null;
  if (at == null || (document.activeElement && document.activeElement !== document.body)) return;
  controlAt(row, '.filter-remove', at)?.focus();
}

function clearFilters() {
  update({ from: '', to: '', f: Object.fromEntries(FACETS.map((name) => [name, []])) });
}

function pageNumbers(cur, last) {
  const pages = [...new Set([1, cur - 2, cur - 1, cur, cur + 1, cur + 2, last])].filter((p) => p >= 1 && p <= last).sort((a, b) => a - b);
  const out = [];
  pages.forEach((p, i) => {
    if (i && p - pages[i - 1] > 1) out.push(null);
    out.push(p);
  });
  return out;
}

function linkTo(next) {
  return (e) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    const elsewhere = next.page !== state.page || next.q !== state.q;
    navigate(next);
    if (elsewhere) $('results').scrollIntoView({ block: 'start' });
  };
}

function pageLink(page, text, cls, extra = {}) {
  const next = { ...state, page };
  return el('a', { href: hrefFor(next), class: cls, onclick: (e) => { linkTo(next)(e); if (e.defaultPrevented) $('results').focus(); }, ...extra }, text);
}

function lastPage(total) {
  return Math.min(MAX_PAGE, Math.ceil(total / PAGE_SIZE));
}

function renderPagination(total) {
  const nav = $('pagination');
  const last = lastPage(total);
  if (last <= 1 || state.page > last) return show(nav, false);
  const cur = Math.min(state.page, last);
  const items = pageNumbers(cur, last).map((p) => el('li', {}, p == null
    ? el('span', { class: 'page-gap', 'aria-hidden': 'true' }, '…')
    : pageLink(p, String(p), 'page-link', { 'aria-current': p === cur ? 'page' : null, 'aria-label': t('pageN', { n: p }) })));
  const prev = cur > 1 ? pageLink(cur - 1, `← ${t('previous')}`, 'page-step', { rel: 'prev' }) : el('span', { class: 'page-step', 'aria-disabled': 'true' }, `← ${t('previous')}`);
  const next = cur < last ? pageLink(cur + 1, `${t('next')} →`, 'page-step', { rel: 'next' }) : el('span', { class: 'page-step', 'aria-disabled': 'true' }, `${t('next')} →`);
  nav.replaceChildren(prev, el('ol', { class: 'pages' }, items), next);
  show(nav, true);
}

function renderFacets() {
  const groups = FACETS.map((name) => renderFacet(name)).filter(Boolean);
  $('facets').replaceChildren(...groups);
}

function facetOption(name, v) {
  const selected = state.f[name];
  return el('li', {},
    el('label', { class: 'facet-option' },
      el('input', { type: 'checkbox', checked: selected.includes(v.value), 'data-focus-key': `facet:${name}:${v.value}`, onchange: () => toggleFacet(name, v.value) }),
      el('span', { class: 'facet-label' }, v.label || v.value),
      el('span', { class: 'facet-count' }, formatVar(v.count))));
}

// Every value of the facet in this answer, the selected ones with no items included.
function facetValues(name) {
  const all = [...(lastData?.facets?.[name] || [])];
  for (const v of state.f[name]) if (!all.some((x) => x.value === v)) all.push({ value: v, label: labelFor(name, v), count: 0, selected: true });
  return all;
}

// The options of a facet: the matches of its filter box while something is typed, else the
// first FACET_SHOWN values (all when expanded) and the selected ones.
function facetBody(name) {
  const filter = facetFilters.matches(name);
  if (filter?.values) {
    if (filter.error) return [el('p', { class: 'facet-none', role: 'alert' }, filter.error)];
    if (!filter.values.length) return [el('p', { class: 'facet-none', role: 'status' }, t('facetFilterNone', { p: filter.prefix }))];
    return [facetValueList(name, el('ul', { class: 'facet-options facet-matches' }, filter.values.map((v) => facetOption(name, v))))];
  }
  const all = facetValues(name);
  const selected = state.f[name];
  const open = expanded.has(name);
  const shown = open ? all : all.filter((v, i) => i < FACET_SHOWN || selected.includes(v.value));
  const more = all.length > FACET_SHOWN
    ? el('button', { type: 'button', class: 'link-button', 'aria-expanded': String(open), 'data-focus-key': `more:${name}`, onclick: () => toggleExpanded(name) }, open ? t('showFewer') : t('showAll', { n: all.length }))
    : null;
  return [facetValueList(name, el('ul', { class: 'facet-options' }, shown.map((v) => facetOption(name, v)))), more];
}

// A facet's checkboxes as one Tab stop, the arrow keys inside (web/roving.js).
function facetValueList(name, list) {
  const group = el('div', { class: 'facet-values', role: 'toolbar', 'aria-orientation': 'vertical', 'aria-label': t(`facet_${name}`) }, list);
  return rovingRow(group, `facet:${name}`, 'input[type="checkbox"]');
}

function renderFacetBody(name) {
  const body = document.querySelector(`[data-facet="${CSS.escape(name)}"] .facet-body`);
  if (body) withFocusKept(() => body.replaceChildren(...facetBody(name).filter(Boolean)));
}

function renderFacet(name) {
  const all = facetValues(name);
  if (!all.length) return null;
  // A long facet gets a box that finds any of its values, not only the ones listed.
  const box = all.length > FACET_SHOWN
    ? el('input', {
      type: 'search', class: 'facet-filter', autocomplete: 'off', spellcheck: 'false',
      value: facetFilters.matches(name)?.text ?? '', placeholder: t('facetFilterPlaceholder'),
      'aria-label': t('facetFilterLabel', { f: t(`facet_${name}`) }), 'data-focus-key': `filter:${name}`,
      oninput: (e) => facetFilters.type(name, e.target.value),
    })
    : null;
  return el('fieldset', { class: 'facet', 'data-facet': name }, el('legend', {}, t(`facet_${name}`)), box,
    el('div', { class: 'facet-body' }, ...facetBody(name).filter(Boolean)));
}

function toggleExpanded(name) {
  if (expanded.has(name)) expanded.delete(name);
  else expanded.add(name);
  if (lastData) withFocusKept(() => renderFacets());
}

// ---- the filter drawer of narrow screens --------------------------------------------------------

// Up to 820 px the sidebar is a drawer the "Filters" button opens (style.css hides both otherwise);
// the active-filter chips move to its top while it is open, and back above the results after.
const narrowScreen = matchMedia('(max-width: 820px)');

function setDrawerOpen(open) {
  if ($('sidebar').classList.contains('is-open') === open) return;
  const sidebar = $('sidebar');
  sidebar.classList.toggle('is-open', open);
  document.body.classList.toggle('drawer-open', open);
  $('filters-toggle').setAttribute('aria-expanded', String(open));
  // Open, it is a modal dialog: the page behind it is out of reach for keyboard and screen readers.
  sidebar.setAttribute('role', open ? 'dialog' : 'complementary');
  if (open) sidebar.setAttribute('aria-modal', 'true');
  else sidebar.removeAttribute('aria-modal');
  for (const behind of document.querySelectorAll('.site-header, .results-column, .site-footer, .skip-link')) behind.inert = open;
  if (open) $('drawer-filters').append($('active-filters'));
  else $('match-note').after($('active-filters'));
  if (narrowScreen.matches) $(open ? 'drawer-close' : 'filters-toggle').focus();
}

function bindDrawer() {
  $('filters-toggle').addEventListener('click', () => setDrawerOpen(true));
  $('drawer-close').addEventListener('click', () => setDrawerOpen(false));
  $('sidebar').addEventListener('keydown', (e) => {
    if (e.key === 'Escape') setDrawerOpen(false);
  });
  narrowScreen.addEventListener('change', () => { if (!narrowScreen.matches) setDrawerOpen(false); });
}

// ---- events -----------------------------------------------------------------------------------

function bindEvents() {
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    update({ q: $('q').value.trim(), relax: true });
  });
  $('sort').addEventListener('change', () => update({ sort: $('sort').value }));
  const applyDates = (e) => {
    e.preventDefault?.();
    if ($('from').value !== state.from || $('to').value !== state.to) update({ from: $('from').value, to: $('to').value });
  };
  $('date-range').addEventListener('submit', applyDates);
  $('from').addEventListener('change', applyDates);
  $('to').addEventListener('change', applyDates);
  for (const b of document.querySelectorAll('[data-ui-lang]')) {
    b.addEventListener('click', () => navigate({ ...state, ui: b.dataset.uiLang }));
  }
  bindDrawer();
  window.addEventListener('popstate', () => {
    state = stateFromUrl(location.search);
    rememberUiLang(state.ui);
    $('q').value = state.q;
    load();
  });
}

function init() {
  state = stateFromUrl(location.search);
  bindEvents();
  attachSuggest($('q'), {
    onQuery: (q) => update({ q, relax: true }),
    // The typed text named the country or organization: it becomes the filter, not words to match.
    onFacet: (kind, value) => update({ q: '', relax: true, f: { ...state.f, [kind]: [...new Set([...state.f[kind], value])] } }),
    uiLang: () => state.ui,
    langs: () => state.f.lang,
    kindLabel: (kind) => t(kind === 'country' ? 'facet_country' : 'facet_organization'),
  });
  navigate(state, { push: false });
  loadStats();
}

init();
