// The filter box of a long sidebar facet: the values whose name starts with what is typed, in
// any language and script, counted under the current search (GET /api/facets/{name}).

const DELAY_MS = 150;
export const FILTER_SIZE = 30;

// urlFor(name, prefix): the /api/facets URL of the current search; onChange(name): the matches
// of that facet changed (arrived, failed or were cleared). matches(name) is null while nothing
// is typed, else { prefix, text, values (the previous ones, or null, while loading), error }.
export function createFacetFilters({ urlFor, onChange }) {
  const entries = new Map();

  function clear(name) {
    entries.get(name)?.controller?.abort();
    entries.delete(name);
  }

  async function fetchMatches(name, entry) {
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
    if (entries.get(name) !== entry) return;
    entry.controller = new AbortController();
    try {
      const res = await fetch(urlFor(name, entry.prefix), { signal: entry.controller.signal, headers: { Accept: 'application/json' } });
      const body = await res.json().catch(() => null);
      if (entries.get(name) !== entry) return;
      entry.values = res.ok && Array.isArray(body?.values) ? body.values : [];
      entry.error = res.ok ? null : body?.error?.message || `HTTP ${res.status}`;
    } catch (err) {
      if (err.name === 'AbortError' || entries.get(name) !== entry) return;
      entry.values = [];
      entry.error = err.message || String(err);
    }
    onChange(name);
  }

  return {
    // The text of the box changed.
    type(name, text) {
      const shown = entries.get(name)?.values ?? null;  // kept on screen until the new ones come
      clear(name);
      const prefix = text.trim();
      if (prefix) {
        const entry = { prefix, text, values: shown, error: null, controller: null };
        entries.set(name, entry);
        fetchMatches(name, entry);
      }
      onChange(name);
    },
    matches: (name) => entries.get(name) ?? null,
    // A new search: every box starts empty again.
    reset() {
      for (const name of [...entries.keys()]) clear(name);
    },
  };
}
