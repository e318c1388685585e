// The search state and its URL form: the URL holds the whole state (query, page, sort, filters,
// strict all-words matching and interface language); the API takes the same parameters.
import { UI_LANGS } from './i18n.js';

export const FACETS = ['country', 'organization', 'lang', 'year', 'month'];
export const PARAM = { country: 'country', organization: 'org', lang: 'lang', year: 'year', month: 'month' };
export const PAGE_SIZE = 10;
export const MAX_PAGE = Math.floor(10000 / PAGE_SIZE);

const UI_LANG_KEY = 'caravan.ui_lang';

// The interface language of the last visit, when storage is allowed.
export function storedUiLang() {
  try {
    const v = localStorage.getItem(UI_LANG_KEY);
    return UI_LANGS.includes(v) ? v : null;
  } catch {
    return null;
  }
}

export function rememberUiLang(ui) {
  try {
    if (localStorage.getItem(UI_LANG_KEY) !== ui) localStorage.setItem(UI_LANG_KEY, ui);
  } catch {
    // Storage disabled or full: the URL still carries the language.
  }
}

// The best of the browser's languages (navigator.languages mirrors Accept-Language), else English.
export function browserUiLang() {
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language || 'en'];
  for (const l of langs) {
    const base = String(l).toLowerCase().split('-')[0];
    if (UI_LANGS.includes(base)) return base;
  }
  return 'en';
}

export function stateFromUrl(search) {
  const p = new URLSearchParams(search);
  const page = parseInt(p.get('page'), 10);
  const ui = p.get('ui_lang');
  const f = {};
  for (const name of FACETS) f[name] = [...new Set(p.getAll(PARAM[name]).filter(Boolean))];
  return {
    q: p.get('q') || '',
    page: page >= 1 ? Math.min(page, MAX_PAGE) : 1,
    sort: p.get('sort') === 'date' ? 'date' : 'relevance',
    from: p.get('from') || '',
    to: p.get('to') || '',
    relax: p.get('relax') !== '0',
    ui: UI_LANGS.includes(ui) ? ui : storedUiLang() || browserUiLang(),
    f,
  };
}

export function queryString(s, extra = {}) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const name of FACETS) for (const v of s.f[name]) p.append(PARAM[name], v);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.sort !== 'relevance') p.set('sort', s.sort);
  if (s.page > 1) p.set('page', String(s.page));
  if (s.relax === false) p.set('relax', '0');
  p.set('ui_lang', s.ui);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}

export const hrefFor = (s) => `?${queryString(s)}`;

// The document view searchd serves for an item without a URL (relative, like the API).
export const docHref = (id, ui) => `doc/${encodeURIComponent(id)}?ui_lang=${encodeURIComponent(ui)}`;
