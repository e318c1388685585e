// The date histogram of the results page: the columns of time_axis.js as one toolbar (one Tab
// stop, arrow keys between bars, Enter or Space selects), empty periods as gaps, axis labels
// placed where they fit as measured, and the selected period named in the interface language.
import { el, show } from './dom.js';
import { binSelected, selectionAfter, timeAxis } from './time_axis.js';

const LABEL_GAP = 8;  // px at least between two axis labels
const YEAR_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500];
const MONTH_STEPS = [1, 3, 6];

function monthName(ui, month, style) {
  return new Intl.DateTimeFormat(ui, { month: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)));
}

// "March 2021" / "март 2021"; "2019"; "2015–2019".
function periodLabel(bin, ui) {
  if (bin.unit === 'month') return `${monthName(ui, bin.month, 'long')} ${bin.year}`;
  return bin.group === 1 ? String(bin.start) : `${bin.start}–${bin.end}`;
}

// The selected years (runs of consecutive years joined: 2015–2019) and months, for the caption.
function selectionLabel(selection, ui) {
  const years = [...new Set(selection.year)].map(Number).filter(Number.isFinite).sort((a, b) => a - b);
  const parts = [];
  for (let i = 0; i < years.length; i++) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j] + 1) j++;
    parts.push(i === j ? String(years[i]) : `${years[i]}–${years[j]}`);
    i = j;
  }
  for (const ym of [...selection.month].sort()) {
    const [y, m] = ym.split('-').map(Number);
    parts.push(m >= 1 && m <= 12 ? `${monthName(ui, m, 'long')} ${y}` : ym);
  }
  return parts.join(', ');
}

// Widths in px of texts as axis labels, measured in the row they will go in.
function measure(row, texts) {
  const probes = texts.map((text) => el('span', { class: 'axis-label' }, text));
  row.append(...probes);
  const widths = probes.map((p) => p.getBoundingClientRect().width);
  for (const p of probes) p.remove();
  return widths;
}

// The smallest step (in columns of `unitsPerColumn`) whose labels, `widest` px each, do not touch.
function labelStep(steps, unitsPerColumn, pitch, widest) {
  return steps.find((s) => s % unitsPerColumn === 0 && (s / unitsPerColumn) * pitch >= widest + LABEL_GAP);
}

// Places labels {text, x, align: 'center'|'start'} in a row, most important first: each is kept
// inside the row and dropped if it would come closer than LABEL_GAP to one already placed.
function placeLabels(row, labels, rowWidth) {
  const placed = [];
  for (const label of labels) {
    const span = el('span', { class: 'axis-label' }, label.text);
    row.append(span);
    const w = span.getBoundingClientRect().width;
    const left = Math.max(0, Math.min(label.align === 'start' ? label.x : label.x - w / 2, rowWidth - w));
    if (w > rowWidth || placed.some((p) => left < p.right + LABEL_GAP && left + w + LABEL_GAP > p.left)) {
      span.remove();
      continue;
    }
    span.style.left = `${left}px`;
    placed.push({ left, right: left + w });
  }
}

function columnGeometry(cols, origin) {
  return cols.map((c) => {
    const r = c.getBoundingClientRect();
    return { left: r.left - origin, center: r.left - origin + r.width / 2, width: r.width };
  });
}

function yearAxis(row, axis, geo, width) {
  const texts = axis.bins.map((b) => String(b.start));
  const pitch = geo.length > 1 ? geo[1].left - geo[0].left : geo[0].width;
  const step = labelStep(YEAR_STEPS, axis.group, pitch, Math.max(...measure(row, texts)));
  const labels = [];
  axis.bins.forEach((b, i) => {
    if (step && b.start % step === 0) labels.push({ text: texts[i], x: axis.group === 1 ? geo[i].center : geo[i].left, align: axis.group === 1 ? 'center' : 'start' });
  });
  if (!labels.length) labels.push({ text: texts[0], x: geo[0].left, align: 'start' });
  placeLabels(row, labels, width);
}

// Months: short month names where they fit (every month, else every third or sixth), and a row
// of years at each January (and the first column), Januaries first.
function monthAxis(rows, axis, geo, width, ui) {
  const shortNames = axis.bins.map((b) => monthName(ui, b.month, 'short'));
  const pitch = geo.length > 1 ? geo[1].left - geo[0].left : geo[0].width;
  const step = labelStep(MONTH_STEPS, 1, pitch, Math.max(...measure(rows.months, shortNames)));
  if (step) {
    placeLabels(rows.months, axis.bins.flatMap((b, i) => ((b.month - 1) % step === 0 ? [{ text: shortNames[i], x: geo[i].center, align: 'center' }] : [])), width);
  }
  const years = axis.bins.flatMap((b, i) => (b.month === 1 ? [{ text: String(b.year), x: geo[i].left, align: 'start' }] : []));
  if (axis.bins[0].month !== 1) years.push({ text: String(axis.bins[0].year), x: geo[0].left, align: 'start' });
  placeLabels(rows.years, years, width);
}

// The histogram under #histogram: render(facets, selection) after each answer; it re-renders
// itself when its width changes. t: the UI's strings; ui(): the interface language;
// onSelect({year, month}): the filters a click asks for; keepFocus(fn): runs fn keeping focus.
export function createHistogram({ section, plot, title, t, ui, onSelect, keepFocus }) {
  let last = null;
  let lastWidth = 0;
  let stopKey = null;  // the bar that is the toolbar's Tab stop

  function bar(bin, selection, max) {
    const label = periodLabel(bin, ui());
    const pressed = binSelected(bin, selection);
    const fill = el('span', { class: 'bar-fill' });
    fill.style.setProperty('--h', String(bin.count / max));
    return el('button', {
      type: 'button', class: 'bar', tabindex: '-1', 'aria-pressed': String(pressed), 'data-period': bin.key,
      'aria-label': t('histogramBar', { label, count: t('results', { n: bin.count }) }), title: `${label}: ${bin.count}`,
      'data-focus-key': `bar:${bin.key}`,
      onclick: (e) => onSelect(selectionAfter(bin, last.selection, e.ctrlKey || e.metaKey || e.shiftKey)),
    }, fill);
  }

  function column(bin, selection, max) {
    if (bin.count === 0 && !binSelected(bin, selection)) {
      return el('div', { class: 'bar-col is-empty', 'data-period': bin.key, 'aria-hidden': 'true', title: `${periodLabel(bin, ui())}: 0` }, el('span', { class: 'bar-gap' }));
    }
    return el('div', { class: 'bar-col', 'data-period': bin.key }, bar(bin, selection, max));
  }

  function setStop(bars) {
    const stop = bars.find((b) => b.dataset.period === stopKey) || bars.find((b) => b.getAttribute('aria-pressed') === 'true') || bars[0];
    for (const b of bars) b.tabIndex = b === stop ? 0 : -1;
    stopKey = stop?.dataset.period ?? null;
  }

  function onKey(e, toolbar) {
    const bars = [...toolbar.querySelectorAll('button.bar')];
    const i = bars.indexOf(document.activeElement);
    const to = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: bars.length - 1 }[e.key];
    if (i < 0 || to === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    const target = bars[Math.max(0, Math.min(bars.length - 1, to))];
    stopKey = target.dataset.period;
    setStop(bars);
    target.focus();
  }

  function draw() {
    const { facets, selection } = last;
    const width = plot.clientWidth;
    lastWidth = width;
    const axis = timeAxis({ monthFacet: facets.month, yearFacet: facets.year, selectedYears: selection.year, width });
    const max = Math.max(1, ...axis.bins.map((b) => b.count));
    const toolbar = el('div', {
      class: 'bars', role: 'toolbar', 'aria-labelledby': 'histogram-title', title: t('histogramHint'),
      onkeydown: (e) => onKey(e, toolbar),
      onfocusin: (e) => { if (e.target.matches('button.bar')) { stopKey = e.target.dataset.period; setStop([...toolbar.querySelectorAll('button.bar')]); } },
    }, axis.bins.map((b) => column(b, selection, max)));
    const rows = { months: el('div', { class: 'axis-row axis-months' }), years: el('div', { class: 'axis-row axis-years' }) };
    const axisBox = el('div', { class: 'bar-axis', 'aria-hidden': 'true' }, ...(axis.unit === 'month' ? [rows.months, rows.years] : [rows.years]));
    title.textContent = t(axis.unit === 'month' ? 'histogramTitle' : 'histogramTitleYears');
    const picked = selection.year.length || selection.month.length;
    const caption = picked ? el('p', { class: 'histogram-selected' }, t('histogramSelected', { period: selectionLabel(selection, ui()) })) : null;
    plot.replaceChildren(toolbar, axisBox, ...(caption ? [caption] : []));
    setStop([...toolbar.querySelectorAll('button.bar')]);
    if (!axis.bins.length) return;
    const origin = toolbar.getBoundingClientRect().left;
    const geo = columnGeometry([...toolbar.children], origin);
    if (axis.unit === 'month') monthAxis(rows, axis, geo, width, ui());
    else yearAxis(rows.years, axis, geo, width);
  }

  function render(facets, selection) {
    last = { facets: facets || {}, selection };
    const dated = (facets?.month || []).length + (facets?.year || []).length;
    const visible = dated > 0 && (new Set((facets?.month || []).map((v) => v.value)).size > 1 || selection.year.length > 0 || selection.month.length > 0);
    show(section, visible);
    if (visible) draw();
  }

  function hide() {
    last = null;
    show(section, false);
  }

  new ResizeObserver(() => {
    if (last && !section.hidden && plot.clientWidth !== lastWidth) keepFocus(draw);
  }).observe(plot);

  return { render, hide };
}
