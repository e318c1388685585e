// The periods of the date histogram, from the API's month and year facets: every month (or year,
// or group of years) between the first and the last, empty ones included, as coarse as needed for
// each column to be a 24 px target; and what a click on one does to the year and month filters.

export const MIN_PITCH = 24;  // px per column: the WCAG 2.2 2.5.8 target size; the whole column is the target
const YEAR_GROUPS = [1, 2, 5, 10, 20, 50, 100];

const MONTH_VALUE = /^\d{4}-(0[1-9]|1[0-2])$/;
const YEAR_VALUE = /^\d{4}$/;

function countsOf(facet, pattern) {
  const counts = new Map();
  for (const v of facet || []) if (pattern.test(v.value)) counts.set(v.value, (counts.get(v.value) || 0) + v.count);
  return counts;
}

function nextMonth(ym) {
  let [y, m] = ym.split('-').map(Number);
  if (++m > 12) { m = 1; y += 1; }
  return `${y}-${String(m).padStart(2, '0')}`;
}

function monthsBetween(first, last) {
  const [y0, m0] = first.split('-').map(Number);
  const [y1, m1] = last.split('-').map(Number);
  return (y1 - y0) * 12 + (m1 - m0) + 1;
}

function monthBins(months) {
  const keys = [...months.keys()].sort();
  const bins = [];
  for (let k = keys[0]; k <= keys[keys.length - 1]; k = nextMonth(k)) {
    bins.push({ unit: 'month', key: k, year: Number(k.slice(0, 4)), month: Number(k.slice(5)), count: months.get(k) || 0, years: [], months: [k] });
  }
  return bins;
}

// Groups of `group` years aligned on multiples of it (2015-2019 for 5), from the first year to the last.
function yearBins(years, group) {
  const all = [...years.keys()].map(Number).sort((a, b) => a - b);
  const bins = [];
  for (let start = Math.floor(all[0] / group) * group; start <= all[all.length - 1]; start += group) {
    const end = start + group - 1;
    const inside = all.filter((y) => y >= start && y <= end);
    bins.push({
      unit: 'year', key: group === 1 ? String(start) : `${start}-${end}`, start, end, group,
      count: inside.reduce((sum, y) => sum + years.get(String(y)), 0),
      years: inside.filter((y) => years.get(String(y)) > 0).map(String), months: [],
    });
  }
  return bins;
}

function yearsOfMonths(months) {
  const years = new Map();
  for (const [ym, count] of months) years.set(ym.slice(0, 4), (years.get(ym.slice(0, 4)) || 0) + count);
  return years;
}

// The histogram's columns for a search answer's facets, the selected years and months, and the
// width in px it has. Months when they all fit; else years, grouped by 2, 5, 10 ... until they
// fit. While a year is selected the columns are years: the year facet ignores its own selection
// (the month facet does not), so it still shows every year; otherwise year counts are summed from
// the month facet, which ignores a selected month.
export function timeAxis({ monthFacet, yearFacet, selectedYears = [], width }) {
  const fit = Math.max(1, Math.floor(width / MIN_PITCH));
  let years;
  if (!selectedYears.length) {
    const months = countsOf(monthFacet, MONTH_VALUE);
    if (!months.size) return { unit: 'month', group: 1, bins: [] };
    const keys = [...months.keys()].sort();
    if (monthsBetween(keys[0], keys[keys.length - 1]) <= fit) return { unit: 'month', group: 1, bins: monthBins(months) };
    years = yearsOfMonths(months);
  } else {
    years = countsOf(yearFacet, YEAR_VALUE);
    for (const y of selectedYears) if (YEAR_VALUE.test(y) && !years.has(y)) years.set(y, 0);
    if (!years.size) return { unit: 'year', group: 1, bins: [] };
  }
  let bins = [];
  for (const group of YEAR_GROUPS) {
    bins = yearBins(years, group);
    if (bins.length <= fit) return { unit: 'year', group, bins };
  }
  return { unit: 'year', group: YEAR_GROUPS[YEAR_GROUPS.length - 1], bins };
}

// Whether a year ('2019') or month ('2019-03') filter value falls inside a column.
export function binHolds(bin, value) {
  if (bin.unit === 'month') return value === bin.key;
  const year = Number(String(value).slice(0, 4));
  return year >= bin.start && year <= bin.end;
}

export function binSelected(bin, selection) {
  return [...selection.year, ...selection.month].some((v) => binHolds(bin, v));
}

// The year and month filters after a click on a column. A click narrows to the column (a second
// click, when it is all that is selected, clears it); an additive click (Ctrl, Shift, ⌘) adds it
// to the selection or takes it out. A column of years selects its years with items (OR within
// the year facet) and clears months, which would AND with them.
export function selectionAfter(bin, selection, additive) {
  const outside = { year: selection.year.filter((v) => !binHolds(bin, v)), month: selection.month.filter((v) => !binHolds(bin, v)) };
  const selected = binSelected(bin, selection);
  if (additive && selected) return outside;
  if (!additive && selected && !outside.year.length && !outside.month.length) return { year: [], month: [] };
  const own = bin.unit === 'month' ? { year: [], month: bin.months } : { year: bin.years, month: [] };
  if (!additive) return own;
  if (bin.unit === 'month') return { year: selection.year, month: [...selection.month, ...own.month] };
  return { year: [...new Set([...selection.year, ...own.year])].sort(), month: [] };
}
