// Roving tabindex (the WAI-ARIA toolbar keyboard pattern): a row of controls is one Tab stop, and
// the arrow keys, Home and End move between its controls. Rows are re-made on every render, so
// the control focused last in each named row is remembered by its data-focus-key.

const lastFocused = new Map();  // row name -> data-focus-key of the control focused last in it

const NEXT = new Set(['ArrowRight', 'ArrowDown']);
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp']);

function controlsOf(row, selector) {
  return [...row.querySelectorAll(selector)].filter((c) => !c.disabled);
}

function makeCurrent(controls, current) {
  for (const c of controls) c.tabIndex = c === current ? 0 : -1;
}

function targetOf(key, controls, from) {
  if (key === 'Home') return controls[0];
  if (key === 'End') return controls[controls.length - 1];
  const at = controls.indexOf(from);
  if (NEXT.has(key)) return controls[(at + 1) % controls.length];
  if (PREVIOUS.has(key)) return controls[(at - 1 + controls.length) % controls.length];
  return null;
}

// row: the element holding the controls; name: what the row is across renders ("active-filters");
// selector: its controls. Returns row.
export function rovingRow(row, name, selector) {
  const controls = controlsOf(row, selector);
  makeCurrent(controls, controls.find((c) => c.dataset.focusKey === lastFocused.get(name)) || controls[0]);
  row.addEventListener('focusin', (e) => {
    const all = controlsOf(row, selector);
    if (!all.includes(e.target)) return;
    makeCurrent(all, e.target);
    lastFocused.set(name, e.target.dataset.focusKey);
  });
  row.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const all = controlsOf(row, selector);
    if (!all.includes(e.target)) return;
    const target = targetOf(e.key, all, e.target);
    if (!target) return;
    e.preventDefault();
    target.focus();
  });
  return row;
}

// The control of the row to focus in place of one that went away (a removed filter): the one
// now at its position, else the last; null when the row is empty.
export function controlAt(row, selector, index) {
  const controls = controlsOf(row, selector);
  return controls[Math.min(index, controls.length - 1)] || null;
}
