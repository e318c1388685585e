// Autocomplete for the search box: an ARIA combobox over /api/suggest (words, countries,
// organizations). Suggestion text only ever becomes text nodes.
import { el } from './dom.js';

const DELAY_MS = 150;

// input: the search field; onQuery(text): search this query; onFacet(name, value): add a filter;
// uiLang(): the interface language; langs(): the selected language filter, so completions come
// from those items; kindLabel(kind): "country"/"organization" in the interface language.
export function attachSuggest(input, { onQuery, onFacet, uiLang, langs = () => [], kindLabel }) {
  const list = el('ul', { id: 'suggestions', class: 'suggestions', role: 'listbox', hidden: true });
  input.after(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', 'suggestions');
  input.setAttribute('aria-expanded', 'false');
  let items = [];
  let active = -1;
  let timer = null;
  let seq = 0;

  const close = () => {
    items = [];
    active = -1;
    list.replaceChildren();
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };
  const pick = (item) => {
    close();
    if (item.kind === 'query') {
      input.value = item.text;
      onQuery(item.text);
    } else {
      input.value = '';
      onFacet(item.kind, item.value);
    }
  };
  const highlight = (index) => {
    active = index;
    [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) input.setAttribute('aria-activedescendant', `suggestion-${index}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const render = (suggestions) => {
    items = suggestions;
    list.replaceChildren(...suggestions.map((item, i) => el('li', {
      id: `suggestion-${i}`, role: 'option', 'aria-selected': 'false', class: `suggestion suggestion-${item.kind}`,
      onmousedown: (e) => { e.preventDefault(); pick(item); },
    }, item.text, item.kind !== 'query' ? el('span', { class: 'suggestion-kind' }, kindLabel(item.kind)) : null)));
    list.hidden = suggestions.length === 0;
    input.setAttribute('aria-expanded', String(suggestions.length > 0));
    active = -1;
  };
  const fetchSuggestions = async () => {
    const q = input.value;
    if (q.trim().length < 2) { close(); return; }
    const mine = ++seq;
    try {
      const params = new URLSearchParams({ q, ui_lang: uiLang() });
      for (const lang of langs()) params.append('lang', lang);
      const res = await fetch(`api/suggest?${params}`);
      if (!res.ok || mine !== seq) return;
      const data = await res.json();
      if (mine === seq && input.value === q) render(data.suggestions || []);
    } catch {
      close();
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, DELAY_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      // From no selection, ArrowUp goes to the last one (it went to the last but one).
      const n = items.length;
      const down = e.key === 'ArrowDown';
      highlight(active < 0 ? (down ? 0 : n - 1) : (active + (down ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      pick(items[active]);
    } else if (e.key === 'Escape') {
      e.preventDefault();  // a search input would also clear the text
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.form?.addEventListener('submit', () => { ++seq; close(); });
}
