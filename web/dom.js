// Safe DOM building for the Caravan UI: untrusted text only ever becomes text nodes; <mark> is the
// one element built from server-highlighted strings.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  node.append(...children.flat().filter((c) => c != null && c !== false));
  return node;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (m, e) => {
    if (e[0] !== '#') return Object.hasOwn(ENTITIES, e.toLowerCase()) ? ENTITIES[e.toLowerCase()] : m;
    const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

// Server-escaped text with <mark>…</mark> around matches -> text nodes and <mark> elements.
// Anything else that looks like a tag stays visible text: nothing here is parsed as HTML.
export function markedText(html) {
  const frag = document.createDocumentFragment();
  let target = frag;
  for (const part of String(html ?? '').split(/(<\/?mark>)/i)) {
    if (/^<mark>$/i.test(part)) {
      if (target === frag) frag.append((target = el('mark')));
    } else if (/^<\/mark>$/i.test(part)) {
      target = frag;
    } else if (part) {
      target.append(decodeEntities(part));
    }
  }
  return frag;
}

// Only absolute http(s) links: no javascript:, data: or page-relative targets from the index.
export function safeUrl(url) {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

export function show(node, visible) {
  node.hidden = !visible;
  return node;
}
