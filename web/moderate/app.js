// Loupe moderation page. Plain ES module, no framework, no bundler.
// Comment data is untrusted: the DOM is built with createElement/textContent/append only
// (never innerHTML), class names from data are whitelisted, links get an href only for http(s).

const REJECT_REASONS = ['misinformation', 'hate', 'spam', 'partisan_campaign', 'off_topic', 'other'];
const STATUSES = ['flagged', 'pending', 'approved', 'rejected', 'escalated'];
const REASON_CODES = ['link.listed', 'link.lookalike', 'link.shortener', 'text.shouting', 'text.vote_call', 'text.partisan_rhetoric'];
const CATEGORIES = new Set(['state_media', 'disinformation', 'conspiracy', 'pseudoscience', 'hyperpartisan', 'satire', 'unreliable', 'platform', 'shortener']);
const SPAN_CLASSES = { 'text.shouting': 'hl-shout', 'text.vote_call': 'hl-vote', 'text.partisan_rhetoric': 'hl-partisan' };
const COUNTS_EVERY_MS = 5000;
const PAGE_SIZE = 50;
const BATCH_SIZE = 10;

const MESSAGES = {
  de: {
    title: 'Loupe – Moderation',
    signIn: 'Anmelden',
    email: 'E-Mail',
    password: 'Passwort',
    wrongLogin: 'E-Mail-Adresse oder Passwort ist falsch.',
    tooMany: 'Zu viele Versuche. Bitte später erneut versuchen.',
    signOut: 'Abmelden',
    help: 'Hilfe (?)',
    status: { flagged: 'Markiert', pending: 'Ausstehend', approved: 'Freigegeben', rejected: 'Abgelehnt', escalated: 'Eskaliert', review: 'Prüfen' },
    suggested: { review: 'Automatisch: prüfen', reject: 'Automatisch: ablehnen', approve: 'Automatisch: freigeben' },
    filters: 'Filter',
    reason: 'Grund',
    anyReason: 'Alle Gründe',
    domain: 'Domain',
    entity: 'Entität',
    search: 'Textsuche',
    minScore: 'Mindestwert',
    from: 'Von',
    to: 'Bis',
    site: 'Seite',
    allSites: 'Alle Seiten',
    sort: 'Sortierung',
    sorts: { score: 'Höchster Wert zuerst', oldest: 'Älteste zuerst', newest: 'Neueste zuerst' },
    apply: 'Anwenden',
    reset: 'Zurücksetzen',
    article: 'Artikel',
    author: 'Autor',
    anonymous: 'unbekannt',
    score: 'Wert',
    noArticle: 'ohne Artikel',
    filterArticle: 'Nur dieser Artikel',
    filterAuthor: 'Nur dieser Autor',
    removeFilter: 'Filter entfernen',
    codes: {
      'link.listed': 'Gelisteter Link',
      'link.lookalike': 'Nachgeahmte Domain',
      'link.shortener': 'Kurzlink',
      'text.shouting': 'Schreien',
      'text.vote_call': 'Wahlaufruf',
      'text.partisan_rhetoric': 'Parteipolitische Rhetorik',
    },
    categories: {
      state_media: 'Staatsmedium',
      disinformation: 'Desinformation',
      conspiracy: 'Verschwörung',
      pseudoscience: 'Pseudowissenschaft',
      hyperpartisan: 'Hyperparteiisch',
      satire: 'Satire',
      unreliable: 'Unzuverlässig',
      platform: 'Plattform',
      shortener: 'Kurzlink-Dienst',
    },
    rejectReasons: {
      misinformation: 'Falschinformation',
      hate: 'Hass',
      spam: 'Spam',
      partisan_campaign: 'Parteipolitische Kampagne',
      off_topic: 'Themenfremd',
      other: 'Sonstiges',
    },
    links: 'Links',
    linkCols: ['Domain', 'Kategorie', 'Entität', 'Liste', 'Quelle (Eintrag)', 'Link'],
    unlisted: 'nicht gelistet',
    approve: 'Freigeben (a)',
    reject: 'Ablehnen (r)',
    escalate: 'Eskalieren (e)',
    select: 'Auswählen (x)',
    selected: (n) => `${n} ausgewählt`,
    clearSelection: 'Auswahl aufheben',
    chooseReason: 'Grund der Ablehnung wählen (1–6, Esc bricht ab)',
    cancel: 'Abbrechen',
    loadMore: 'Mehr laden',
    empty: 'Keine Kommentare für diese Filter.',
    loading: 'Lädt …',
    claimed: 'Von anderer Person in Bearbeitung',
    claim: 'Nächste 10 übernehmen (c)',
    backToQueue: 'Zurück zur Warteschlange (c)',
    batch: (n, until) => `Mein Stapel: ${n} Kommentare, reserviert bis ${until}.`,
    nothingToClaim: 'Nichts zu übernehmen: alle passenden Kommentare sind entschieden oder vergeben.',
    decided: { approve: 'Freigegeben.', reject: 'Abgelehnt.', escalate: 'Eskaliert.' },
    bulkDone: (ok, failed) => `${ok} entschieden${failed ? `, ${failed} nicht möglich` : ''}.`,
    undoHint: 'u macht es rückgängig.',
    undone: 'Rückgängig gemacht.',
    nothingToUndo: 'Nichts zum Rückgängigmachen.',
    conflict: 'Jemand anderes bearbeitet diesen Kommentar gerade.',
    notFound: 'Kommentar nicht gefunden.',
    failed: 'Das hat nicht geklappt:',
    offline: 'Keine Verbindung zum Server.',
    legend: 'Legende',
    legendItems: { link: 'Link (Farbe nach Kategorie)', shout: 'Schreien', vote: 'Wahlaufruf', partisan: 'Rhetorik' },
    helpTitle: 'Tastatur',
    keys: [
      ['j / k', 'nächster / vorheriger Kommentar'],
      ['a', 'freigeben'],
      ['r, dann 1–6', 'ablehnen mit Grund'],
      ['e', 'eskalieren'],
      ['x', 'auswählen (a/r/e gelten dann für die Auswahl)'],
      ['u', 'eigene letzte Entscheidung rückgängig'],
      ['c', 'nächste 10 übernehmen (nur ich bearbeite sie) / zurück zur Warteschlange'],
      ['Esc', 'Auswahl aufheben, Dialog schließen, Stapel verlassen'],
      ['?', 'diese Hilfe'],
    ],
    close: 'Schließen',
    language: 'English',
    languageHref: '?lang=en',
    keyHint: 'Tastatur: j/k bewegen · a freigeben · r ablehnen · e eskalieren · x auswählen · u rückgängig · c Stapel · ? Hilfe',
  },
  en: {
    title: 'Loupe – Moderation',
    signIn: 'Sign in',
    email: 'E-mail',
    password: 'Password',
    wrongLogin: 'The e-mail address or the password is wrong.',
    tooMany: 'Too many attempts. Please try again later.',
    signOut: 'Sign out',
    help: 'Help (?)',
    status: { flagged: 'Flagged', pending: 'Pending', approved: 'Approved', rejected: 'Rejected', escalated: 'Escalated', review: 'Review' },
    suggested: { review: 'Automatic: review', reject: 'Automatic: reject', approve: 'Automatic: approve' },
    filters: 'Filters',
    reason: 'Reason',
    anyReason: 'Any reason',
    domain: 'Domain',
    entity: 'Entity',
    search: 'Text search',
    minScore: 'Min. score',
    from: 'From',
    to: 'To',
    site: 'Site',
    allSites: 'All sites',
    sort: 'Sort',
    sorts: { score: 'Highest score first', oldest: 'Oldest first', newest: 'Newest first' },
    apply: 'Apply',
    reset: 'Reset',
    article: 'Article',
    author: 'Author',
    anonymous: 'unknown',
    score: 'Score',
    noArticle: 'no article',
    filterArticle: 'Only this article',
    filterAuthor: 'Only this author',
    removeFilter: 'Remove filter',
    codes: {
      'link.listed': 'Listed link',
      'link.lookalike': 'Lookalike domain',
      'link.shortener': 'Short link',
      'text.shouting': 'Shouting',
      'text.vote_call': 'Vote call',
      'text.partisan_rhetoric': 'Partisan rhetoric',
    },
    categories: {
      state_media: 'State media',
      disinformation: 'Disinformation',
      conspiracy: 'Conspiracy',
      pseudoscience: 'Pseudoscience',
      hyperpartisan: 'Hyperpartisan',
      satire: 'Satire',
      unreliable: 'Unreliable',
      platform: 'Platform',
      shortener: 'Shortener',
    },
    rejectReasons: {
      misinformation: 'Misinformation',
      hate: 'Hate',
      spam: 'Spam',
      partisan_campaign: 'Partisan campaign',
      off_topic: 'Off topic',
      other: 'Other',
    },
    links: 'Links',
    linkCols: ['Domain', 'Category', 'Entity', 'List', 'Source (entry)', 'Link'],
    unlisted: 'not listed',
    approve: 'Approve (a)',
    reject: 'Reject (r)',
    escalate: 'Escalate (e)',
    select: 'Select (x)',
    selected: (n) => `${n} selected`,
    clearSelection: 'Clear selection',
    chooseReason: 'Choose the reason for rejecting (1–6, Esc cancels)',
    cancel: 'Cancel',
    loadMore: 'Load more',
    empty: 'No comments for these filters.',
    loading: 'Loading …',
    claimed: 'Being handled by someone else',
    claim: 'Claim next 10 (c)',
    backToQueue: 'Back to queue (c)',
    batch: (n, until) => `My batch: ${n} comments, reserved until ${until}.`,
    nothingToClaim: 'Nothing to claim: every matching comment is decided or taken.',
    decided: { approve: 'Approved.', reject: 'Rejected.', escalate: 'Escalated.' },
    bulkDone: (ok, failed) => `${ok} decided${failed ? `, ${failed} not possible` : ''}.`,
    undoHint: 'u undoes it.',
    undone: 'Undone.',
    nothingToUndo: 'Nothing to undo.',
    conflict: 'Someone else is handling this comment right now.',
    notFound: 'Comment not found.',
    failed: 'That did not work:',
    offline: 'No connection to the server.',
    legend: 'Legend',
    legendItems: { link: 'Link (colour by category)', shout: 'Shouting', vote: 'Vote call', partisan: 'Rhetoric' },
    helpTitle: 'Keyboard',
    keys: [
      ['j / k', 'next / previous comment'],
      ['a', 'approve'],
      ['r, then 1–6', 'reject with a reason'],
      ['e', 'escalate'],
      ['x', 'select (a/r/e then act on the selection)'],
      ['u', 'undo your last decision'],
      ['c', 'claim the next 10 (only you review them) / back to the queue'],
      ['Esc', 'clear selection, close dialog, leave the batch'],
      ['?', 'this help'],
    ],
    close: 'Close',
    language: 'Deutsch',
    languageHref: '?lang=de',
    keyHint: 'Keyboard: j/k move · a approve · r reject · e escalate · x select · u undo · c batch · ? help',
  },
};

/** `?lang=de|en` wins; else the browser's first German or English preference; else German. */
function pickLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'de' || asked === 'en') return asked;
  const preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
  for (const tag of preferred) {
    const primary = String(tag).slice(0, 2).toLowerCase();
    if (primary === 'de' || primary === 'en') return primary;
  }
  return 'de';
}

const lang = pickLanguage();
const t = MESSAGES[lang];

const EMPTY_FILTERS = { status: 'flagged', site: '', reason: '', domain: '', entity: '', q: '', minScore: '', from: '', to: '', sort: 'score', articleUrl: '', authorId: '' };

const state = {
  user: null,
  csrf: null,
  filters: { ...EMPTY_FILTERS },
  items: [],
  nextCursor: null,
  counts: null,
  focus: 0,
  selected: new Set(),
  /** Own decisions of this session, newest last; each entry is one key press (one or many comments). */
  history: [],
  rejectTargets: null,
  helpOpen: false,
  busy: false,
  sites: new Map(),
  timer: null,
  generation: 0,
  /** While working on a claimed batch: { expiresAt }; state.items then holds only the claimed comments. */
  batch: null,
};

const view = { root: null, list: null, counts: null, message: null, bulk: null, batch: null, claim: null, reasonPicker: null, help: null, more: null, byId: new Map() };

// ---------------------------------------------------------------- DOM helpers

/** createElement with properties; children are nodes or strings (strings become text nodes). */
function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'hidden' || key === 'disabled' || key === 'checked' || key === 'required') el[key] = Boolean(value);
    else if (key === 'value') el.value = value;
    else if (key === 'style' || key.startsWith('on')) throw new Error(`refusing attribute ${key}`);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** An href only for http(s) URLs: a comment may carry `javascript:` or `data:` links. */
function safeHref(url) {
  try {
    const parsed = new URL(String(url));
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function categoryClass(category) {
  return CATEGORIES.has(category) ? `cat-${category.replace('_', '-')}` : 'cat-other';
}

function formatDate(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { timeStyle: 'short' }).format(date);
}

function formatScore(score) {
  return typeof score === 'number' && Number.isFinite(score) ? score.toFixed(2) : '–';
}

// ---------------------------------------------------------------- API

async function call(method, path, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && state.csrf) headers['x-csrf-token'] = state.csrf;
  let res;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    return { status: 0, ok: false, body: null };
  }
  const text = await res.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (res.status === 401 && state.user && !path.startsWith('/v1/auth/session')) {
    signedOut();
  }
  return { status: res.status, ok: res.ok, body: parsed };
}

function problemText(res) {
  if (res.status === 0) return t.offline;
  if (res.status === 404) return t.notFound;
  if (res.status === 409 && res.body && res.body.code === 'review/claimed') return t.conflict;
  const detail = res.body && typeof res.body.detail === 'string' ? res.body.detail : `HTTP ${res.status}`;
  return `${t.failed} ${detail}`;
}

/** The API's filter object for the form's state: the queue query and claims must select the same comments. */
function apiFilter() {
  const filter = {};
  const f = state.filters;
  for (const key of ['site', 'status', 'reason', 'domain', 'entity', 'q', 'articleUrl', 'authorId', 'sort']) {
    if (f[key]) filter[key] = f[key];
  }
  if (f.minScore !== '' && Number.isFinite(Number(f.minScore))) filter.minScore = Number(f.minScore);
  for (const key of ['from', 'to']) {
    const date = f[key] ? new Date(f[key]) : null;
    if (date && !Number.isNaN(date.getTime())) filter[key] = date.toISOString();
  }
  return filter;
}

function queueQuery(extra) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...apiFilter(), ...extra })) params.set(key, String(value));
  return `/v1/review/queue?${params}`;
}

// ---------------------------------------------------------------- session

async function start() {
  document.documentElement.lang = lang;
  document.title = t.title;
  view.root = document.getElementById('app');
  document.addEventListener('keydown', onKey);
  const me = await call('GET', '/v1/auth/me');
  if (me.ok && me.body && me.body.user) {
    signedIn(me.body.user, me.body.csrfToken);
  } else {
    renderLogin();
  }
}

function signedIn(user, csrfToken) {
  state.user = user;
  state.csrf = csrfToken || null;
  renderShell();
  void loadQueue();
  clearInterval(state.timer);
  state.timer = setInterval(() => {
    if (!document.hidden) void refreshCounts();
  }, COUNTS_EVERY_MS);
}

function signedOut() {
  state.user = null;
  state.csrf = null;
  state.batch = null;
  clearInterval(state.timer);
  state.items = [];
  state.selected.clear();
  state.history = [];
  renderLogin();
}

function renderLogin(message) {
  const error = h('p', { class: 'error', role: 'alert', hidden: !message }, message || '');
  const email = h('input', { type: 'email', name: 'email', id: 'login-email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', name: 'password', id: 'login-password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit' }, t.signIn);
  const form = h(
    'form',
    { class: 'login', id: 'login-form', onsubmit: async (event) => {
      event.preventDefault();
      submit.disabled = true;
      const res = await call('POST', '/v1/auth/session', { email: email.value, password: password.value });
      submit.disabled = false;
      if (res.ok && res.body) {
        signedIn(res.body.user, res.body.csrfToken);
        return;
      }
      error.hidden = false;
      error.textContent = res.status === 401 ? t.wrongLogin : res.status === 429 ? t.tooMany : problemText(res);
      password.value = '';
      password.focus();
    } },
    h('h1', {}, 'Loupe'),
    h('label', { for: 'login-email' }, t.email),
    email,
    h('label', { for: 'login-password' }, t.password),
    password,
    submit,
    error,
    h('a', { class: 'lang', href: t.languageHref }, t.language),
  );
  view.root.replaceChildren(form);
  email.focus();
}

async function signOut() {
  await endBatch();
  await call('POST', '/v1/auth/logout');
  signedOut();
}

// ---------------------------------------------------------------- shell

function renderShell() {
  view.counts = h('nav', { class: 'counts', 'aria-label': t.filters });
  view.message = h('p', { class: 'message', role: 'status', id: 'message' });
  view.bulk = h('div', { class: 'bulk', id: 'bulk', hidden: true });
  view.batch = h('div', { class: 'batch', id: 'batch', hidden: true });
  view.claim = h('button', { type: 'button', id: 'claim', onclick: () => void toggleBatch() }, t.claim);
  view.list = h('ol', { class: 'queue', id: 'queue' });
  view.more = h('button', { type: 'button', class: 'more', hidden: true, onclick: () => void loadQueue(true) }, t.loadMore);
  view.reasonPicker = renderReasonPicker();
  view.help = renderHelp();
  const header = h(
    'header',
    { class: 'top' },
    h('h1', {}, 'Loupe'),
    view.counts,
    h(
      'div',
      { class: 'who' },
      view.claim,
      h('span', { class: 'user', id: 'user' }, state.user.email),
      h('a', { class: 'lang', href: t.languageHref }, t.language),
      h('button', { type: 'button', onclick: () => toggleHelp(true) }, t.help),
      h('button', { type: 'button', id: 'logout', onclick: () => void signOut() }, t.signOut),
    ),
  );
  view.root.replaceChildren(header, renderFilters(), renderLegend(), view.batch, view.bulk, view.message, view.list, view.more, view.reasonPicker, view.help);
  renderCounts();
  say(t.keyHint);
}

function renderCounts() {
  const counts = state.counts || {};
  view.counts.replaceChildren(
    ...STATUSES.map((status) =>
      h(
        'button',
        {
          type: 'button',
          class: `count${state.filters.status === status ? ' active' : ''}`,
          'data-status': status,
          'aria-pressed': String(state.filters.status === status),
          onclick: () => {
            state.filters.status = status;
            void loadQueue();
          },
        },
        t.status[status],
        ' ',
        h('span', { class: 'n', 'data-count': status }, typeof counts[status] === 'number' ? String(counts[status]) : '…'),
      ),
    ),
  );
}

function renderFilters() {
  const f = state.filters;
  const field = (name, label, input) => h('label', { class: 'field' }, h('span', {}, label), input);
  const input = (name, type, extra) => h('input', { type, name, value: f[name], ...extra });
  const reason = h('select', { name: 'reason' }, h('option', { value: '' }, t.anyReason), REASON_CODES.map((code) => h('option', { value: code }, t.codes[code])));
  reason.value = f.reason;
  const sort = h('select', { name: 'sort' }, Object.entries(t.sorts).map(([value, label]) => h('option', { value }, label)));
  sort.value = f.sort;
  const site = h('select', { name: 'site' }, h('option', { value: '' }, t.allSites), [...state.sites].map(([id, name]) => h('option', { value: id }, name || id)));
  site.value = f.site;
  const chips = [];
  if (f.articleUrl) chips.push(chip(`${t.article}: ${f.articleUrl}`, () => { state.filters.articleUrl = ''; void loadQueue(); }));
  if (f.authorId) chips.push(chip(`${t.author}: ${f.authorId}`, () => { state.filters.authorId = ''; void loadQueue(); }));
  const form = h(
    'form',
    { class: 'filters', id: 'filters', onsubmit: (event) => {
      event.preventDefault();
      const data = new FormData(form);
      for (const key of ['site', 'reason', 'domain', 'entity', 'q', 'minScore', 'from', 'to', 'sort']) state.filters[key] = String(data.get(key) ?? '').trim();
      void loadQueue();
    } },
    field('site', t.site, site),
    field('reason', t.reason, reason),
    field('domain', t.domain, input('domain', 'text', { placeholder: 'rt.com' })),
    field('entity', t.entity, input('entity', 'text', { placeholder: 'RT DE' })),
    field('q', t.search, input('q', 'search', {})),
    field('minScore', t.minScore, input('minScore', 'number', { min: '0', max: '1', step: '0.05' })),
    field('from', t.from, input('from', 'datetime-local', {})),
    field('to', t.to, input('to', 'datetime-local', {})),
    field('sort', t.sort, sort),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit' }, t.apply),
      h('button', { type: 'button', onclick: () => {
        state.filters = { ...EMPTY_FILTERS, status: state.filters.status };
        void loadQueue();
      } }, t.reset),
    ),
    chips,
  );
  return form;
}

function chip(label, remove) {
  return h('span', { class: 'chip' }, label, ' ', h('button', { type: 'button', 'aria-label': t.removeFilter, title: t.removeFilter, onclick: remove }, '×'));
}

function renderLegend() {
  const li = t.legendItems;
  return h(
    'div',
    { class: 'legend', 'aria-label': t.legend },
    h('mark', { class: 'hl-link cat-state-media' }, `${li.link}: ${t.categories.state_media}`),
    h('mark', { class: 'hl-link cat-disinformation' }, t.categories.disinformation),
    h('mark', { class: 'hl-link cat-conspiracy' }, t.categories.conspiracy),
    h('mark', { class: 'hl-link cat-unreliable' }, t.categories.unreliable),
    h('mark', { class: 'hl-link cat-platform' }, t.categories.platform),
    h('span', { class: 'hl-shout' }, li.shout),
    h('span', { class: 'hl-vote' }, li.vote),
    h('span', { class: 'hl-partisan' }, li.partisan),
  );
}

function renderReasonPicker() {
  return h(
    'div',
    { class: 'overlay', id: 'reason-picker', hidden: true, role: 'dialog', 'aria-modal': 'true', 'aria-label': t.chooseReason },
    h(
      'div',
      { class: 'panel' },
      h('h2', {}, t.chooseReason),
      h('ol', { class: 'reasons-pick' }, REJECT_REASONS.map((reason, i) =>
        h('li', {}, h('button', { type: 'button', 'data-reason': reason, onclick: () => chooseRejectReason(i) }, h('kbd', {}, String(i + 1)), ' ', t.rejectReasons[reason])),
      )),
      h('button', { type: 'button', onclick: () => closeReasonPicker() }, t.cancel),
    ),
  );
}

function renderHelp() {
  return h(
    'div',
    { class: 'overlay', id: 'help', hidden: true, role: 'dialog', 'aria-modal': 'true', 'aria-label': t.helpTitle },
    h(
      'div',
      { class: 'panel' },
      h('h2', {}, t.helpTitle),
      h('dl', { class: 'keys' }, t.keys.map(([key, what]) => [h('dt', {}, h('kbd', {}, key)), h('dd', {}, what)])),
      h('button', { type: 'button', onclick: () => toggleHelp(false) }, t.close),
    ),
  );
}

function say(text, kind) {
  if (!view.message) return;
  view.message.textContent = text;
  view.message.className = `message${kind ? ` ${kind}` : ''}`;
}

// ---------------------------------------------------------------- queue

async function loadQueue(more) {
  const generation = ++state.generation;
  if (!more) {
    // Any other view of the queue (filters, status, back) ends the batch: give the rest back.
    void endBatch();
    state.items = [];
    state.nextCursor = null;
    state.focus = 0;
    state.selected.clear();
    view.list.replaceChildren(h('li', { class: 'empty' }, t.loading));
    renderCounts();
    renderBulk();
  }
  const res = await call('GET', queueQuery(more && state.nextCursor ? { limit: PAGE_SIZE, cursor: state.nextCursor } : { limit: PAGE_SIZE }));
  if (generation !== state.generation || !state.user) return;
  if (!res.ok || !res.body) {
    if (!more) view.list.replaceChildren();
    say(problemText(res), 'error');
    return;
  }
  const items = Array.isArray(res.body.items) ? res.body.items : [];
  state.items = more ? state.items.concat(items) : items;
  state.nextCursor = res.body.nextCursor || null;
  state.counts = res.body.counts || state.counts;
  const knownSites = state.sites.size;
  for (const item of items) if (item.siteId) state.sites.set(item.siteId, item.siteName || item.siteId);
  // New sites extend the site filter; never rebuild the form under a moderator typing in it.
  if (state.sites.size !== knownSites && !view.root.querySelector('#filters')?.contains(document.activeElement)) rebuildFilters();
  renderCounts();
  renderList();
  document.body.dataset.loaded = String(state.generation);
}

// ---------------------------------------------------------------- claimed batch

function toggleBatch() {
  return state.batch ? loadQueue() : claimBatch();
}

/** Leases the next comments of the current filter, so no other moderator reviews them meanwhile. */
async function claimBatch() {
  const generation = ++state.generation;
  const res = await call('POST', '/v1/review/claim', { filter: apiFilter(), count: BATCH_SIZE });
  if (generation !== state.generation || !state.user) return;
  if (!res.ok || !res.body) return say(problemText(res), 'error');
  const items = Array.isArray(res.body.items) ? res.body.items : [];
  if (!items.length) return say(t.nothingToClaim);
  state.batch = { expiresAt: res.body.expiresAt };
  state.items = items;
  state.nextCursor = null;
  state.focus = 0;
  state.selected.clear();
  renderBulk();
  renderBatch();
  renderList();
  say(t.keyHint);
}

/** Releases the batch's undecided comments (decisions already cleared their claims). */
async function endBatch() {
  if (!state.batch) return;
  const ids = state.items.filter((item) => !isDecided(item)).map((item) => item.id);
  state.batch = null;
  renderBatch();
  if (ids.length) await call('POST', '/v1/review/release', { ids });
}

function renderBatch() {
  view.claim.textContent = state.batch ? t.backToQueue : t.claim;
  view.batch.hidden = !state.batch;
  view.batch.replaceChildren(
    state.batch ? h('span', { class: 'batch-info' }, t.batch(state.items.length, formatTime(state.batch.expiresAt))) : null,
    state.batch ? h('button', { type: 'button', class: 'back', onclick: () => void loadQueue() }, t.backToQueue) : null,
  );
}

async function refreshCounts() {
  if (!state.user) return;
  const res = await call('GET', queueQuery({ limit: 1 }));
  if (res.ok && res.body && res.body.counts) {
    state.counts = res.body.counts;
    renderCounts();
  }
}

function renderList() {
  view.byId.clear();
  if (!state.items.length) {
    view.list.replaceChildren(h('li', { class: 'empty' }, t.empty));
  } else {
    view.list.replaceChildren(...state.items.map((item) => renderItem(item)));
  }
  view.more.hidden = !state.nextCursor;
  setFocus(Math.min(state.focus, Math.max(0, state.items.length - 1)), false);
}

/** A verdict nobody has confirmed yet reads as the machine's suggestion, not as a decision. */
function statusLabel(item) {
  const action = item.verdict && item.verdict.action;
  if (!item.decidedAt && (item.status === 'review' || item.status === 'rejected') && t.suggested[action]) return t.suggested[action];
  return t.status[item.status] || String(item.status);
}

function isDecided(item) {
  return Boolean(item.decidedAt) || item.status === 'escalated';
}

function renderItem(item) {
  const text = typeof item.text === 'string' ? item.text : '';
  const reasons = item.verdict && Array.isArray(item.verdict.reasons) ? item.verdict.reasons : [];
  const links = Array.isArray(item.links) ? item.links : [];
  const claimedByOther = item.claimedBy && state.user && item.claimedBy !== state.user.id && (!item.claimExpiresAt || new Date(item.claimExpiresAt).getTime() > Date.now());
  const selected = state.selected.has(item.id);
  const articleHref = item.articleUrl ? safeHref(item.articleUrl) : null;
  const authorId = item.author && item.author.id;
  const authorName = (item.author && (item.author.name || item.author.id)) || t.anonymous;
  const classes = ['item', `status-${STATUSES.includes(item.status) || item.status === 'review' ? item.status : 'other'}`];
  if (isDecided(item)) classes.push('decided');
  if (selected) classes.push('selected');
  if (claimedByOther) classes.push('claimed');

  const checkbox = h('input', { type: 'checkbox', class: 'pick', 'aria-label': t.select, checked: selected, onchange: () => toggleSelected(item.id) });
  const li = h(
    'li',
    { class: classes.join(' '), 'data-id': item.id, tabindex: '-1', onclick: (event) => {
      if (event.target instanceof Element && event.target.closest('a, button, input')) return;
      setFocus(state.items.indexOf(item), false);
    } },
    h(
      'div',
      { class: 'head' },
      checkbox,
      h('span', { class: 'score', title: t.score }, formatScore(item.score)),
      h('span', { class: 'badge status', 'data-status': item.status }, statusLabel(item)),
      item.siteName ? h('span', { class: 'site' }, item.siteName) : null,
      h('time', { datetime: item.receivedAt || '' }, formatDate(item.receivedAt)),
      claimedByOther ? h('span', { class: 'badge claimed-by' }, t.claimed) : null,
    ),
    h(
      'div',
      { class: 'meta' },
      h('span', { class: 'article' }, `${t.article}: `,
        articleHref ? h('a', { href: articleHref, target: '_blank', rel: 'noopener noreferrer' }, item.articleUrl) : h('span', {}, item.articleUrl || t.noArticle),
        item.articleUrl ? h('button', { type: 'button', class: 'link-button', onclick: () => { state.filters.articleUrl = item.articleUrl; void loadQueue(); rebuildFilters(); } }, t.filterArticle) : null,
      ),
      h('span', { class: 'author' }, `${t.author}: `, h('span', { class: 'author-name' }, authorName),
        authorId ? h('button', { type: 'button', class: 'link-button', onclick: () => { state.filters.authorId = authorId; void loadQueue(); rebuildFilters(); } }, t.filterAuthor) : null,
      ),
    ),
    h('p', { class: 'text', lang: item.language || null }, renderText(text, reasons, links)),
    reasons.length ? h('ul', { class: 'reasons' }, reasons.map((reason) => renderReason(text, reason))) : null,
    links.length ? renderLinks(links, reasons) : null,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'approve', onclick: () => void decide([item.id], 'approve') }, t.approve),
      h('button', { type: 'button', class: 'reject', onclick: () => openReasonPicker([item.id]) }, t.reject),
      h('button', { type: 'button', class: 'escalate', onclick: () => void decide([item.id], 'escalate') }, t.escalate),
    ),
  );
  view.byId.set(item.id, li);
  return li;
}

function rebuildFilters() {
  const old = view.root.querySelector('#filters');
  if (old) old.replaceWith(renderFilters());
}

/** Keeps an offset off the middle of a surrogate pair and inside the text. */
function clampOffset(text, value) {
  let n = Number.isFinite(value) ? Math.trunc(value) : 0;
  n = Math.max(0, Math.min(text.length, n));
  if (n > 0 && n < text.length) {
    const before = text.charCodeAt(n - 1);
    const after = text.charCodeAt(n);
    if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) n -= 1;
  }
  return n;
}

/**
 * The comment text with its evidence marked. Links become one <mark> each (whole, coloured by
 * list category); other reason spans (shouting, vote call, rhetoric) may overlap each other and
 * links, so the text is cut at every span boundary and each piece carries the classes of the
 * spans covering it. Every piece is a text node.
 */
function renderText(text, reasons, links) {
  const marks = [];
  for (const link of links) {
    const start = clampOffset(text, link.start);
    const end = clampOffset(text, link.end);
    if (end > start) marks.push({ start, end, category: link.category || null, title: [link.domain, link.entity, link.category && t.categories[link.category]].filter(Boolean).join(' · ') });
  }
  for (const reason of reasons) {
    if (!String(reason.code).startsWith('link.')) continue;
    const start = clampOffset(text, reason.start);
    const end = clampOffset(text, reason.end);
    const details = reason.details && typeof reason.details === 'object' ? reason.details : {};
    const same = marks.find((m) => m.start < end && start < m.end);
    if (same) {
      if (!same.category && typeof details.category === 'string') same.category = details.category;
    } else if (end > start) {
      marks.push({ start, end, category: typeof details.category === 'string' ? details.category : null, title: String(reason.message || '') });
    }
  }
  marks.sort((a, b) => a.start - b.start || b.end - a.end);
  const linkMarks = [];
  let covered = 0;
  for (const mark of marks) {
    if (mark.start >= covered) {
      linkMarks.push(mark);
      covered = mark.end;
    }
  }
  const spans = [];
  for (const reason of reasons) {
    const code = String(reason.code);
    if (code.startsWith('link.')) continue;
    const start = clampOffset(text, reason.start);
    const end = clampOffset(text, reason.end);
    if (end > start) spans.push({ start, end, cls: SPAN_CLASSES[code] || 'hl-other', title: String(reason.message || '') });
  }
  const cuts = new Set([0, text.length]);
  for (const s of linkMarks.concat(spans)) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  let openMark = null;
  let openEl = null;
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i];
    const end = points[i + 1];
    if (end <= start) continue;
    const piece = text.slice(start, end);
    const covering = spans.filter((s) => s.start <= start && s.end >= end);
    const node = covering.length
      ? h('span', { class: [...new Set(covering.map((s) => s.cls))].join(' '), title: covering.map((s) => s.title).filter(Boolean).join('\n') || null }, piece)
      : document.createTextNode(piece);
    const mark = linkMarks.find((m) => m.start <= start && m.end >= end);
    if (mark) {
      if (mark !== openMark) {
        openMark = mark;
        openEl = h('mark', { class: `hl-link ${categoryClass(mark.category)}`, 'data-category': CATEGORIES.has(mark.category) ? mark.category : 'other', title: mark.title || null });
        out.push(openEl);
      }
      openEl.append(node);
    } else {
      openMark = null;
      out.push(node);
    }
  }
  return out;
}

function renderReason(text, reason) {
  const code = String(reason.code);
  const start = clampOffset(text, reason.start);
  const end = clampOffset(text, reason.end);
  let evidence = text.slice(start, end);
  if (evidence.length > 140) evidence = `${evidence.slice(0, 140)}…`;
  const severity = typeof reason.severity === 'number' ? ` ${reason.severity.toFixed(2)}` : '';
  const cls = code.startsWith('link.') ? 'hl-link' : SPAN_CLASSES[code] || 'hl-other';
  return h(
    'li',
    { class: 'reason', 'data-code': code },
    h('span', { class: `code ${cls}` }, t.codes[code] || code),
    h('span', { class: 'severity' }, severity),
    ' ',
    h('span', { class: 'reason-message' }, String(reason.message || '')),
    evidence ? h('q', { class: 'evidence' }, evidence) : null,
  );
}

function renderLinks(links, reasons) {
  const listVersion = (link) => {
    const reason = reasons.find((r) => r.details && r.details.url === link.url && r.details.listVersion);
    return reason ? ` ${reason.details.listVersion}` : '';
  };
  return h(
    'table',
    { class: 'links' },
    h('caption', {}, t.links),
    h('thead', {}, h('tr', {}, t.linkCols.map((col) => h('th', { scope: 'col' }, col)))),
    h('tbody', {}, links.map((link) => {
      const href = safeHref(link.url);
      return h(
        'tr',
        { class: link.listId ? 'listed' : 'unlisted' },
        h('td', { class: 'domain' }, link.domain || link.host || ''),
        h('td', {}, link.category ? h('span', { class: `cat-chip ${categoryClass(link.category)}` }, t.categories[link.category] || link.category) : t.unlisted),
        h('td', {}, link.entity || ''),
        h('td', {}, link.listId ? `${link.listId}${listVersion(link)}` : ''),
        h('td', {}, link.matched || ''),
        h('td', { class: 'url' }, href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, link.url) : String(link.url || '')),
      );
    })),
  );
}

function setFocus(index, scroll = true) {
  if (!state.items.length) return;
  state.focus = Math.max(0, Math.min(state.items.length - 1, index));
  for (const [id, el] of view.byId) {
    const focused = state.items[state.focus] && state.items[state.focus].id === id;
    el.classList.toggle('focused', focused);
    if (focused) el.setAttribute('aria-current', 'true');
    else el.removeAttribute('aria-current');
  }
  const current = state.items[state.focus];
  const el = current && view.byId.get(current.id);
  if (el && scroll) el.scrollIntoView({ block: 'nearest' });
}

function replaceItem(updated) {
  const index = state.items.findIndex((item) => item.id === updated.id);
  if (index < 0) return;
  state.items[index] = updated;
  const old = view.byId.get(updated.id);
  const fresh = renderItem(updated);
  if (old) old.replaceWith(fresh);
  setFocus(state.focus, false);
}

function toggleSelected(id) {
  if (state.selected.has(id)) state.selected.delete(id);
  else state.selected.add(id);
  const el = view.byId.get(id);
  if (el) {
    el.classList.toggle('selected', state.selected.has(id));
    const box = el.querySelector('input.pick');
    if (box) box.checked = state.selected.has(id);
  }
  renderBulk();
}

function clearSelection() {
  for (const id of [...state.selected]) toggleSelected(id);
}

function renderBulk() {
  const n = state.selected.size;
  view.bulk.hidden = n === 0;
  if (!n) return view.bulk.replaceChildren();
  view.bulk.replaceChildren(
    h('span', { class: 'bulk-count' }, t.selected(n)),
    h('button', { type: 'button', class: 'approve', onclick: () => void decide([...state.selected], 'approve') }, t.approve),
    h('button', { type: 'button', class: 'reject', onclick: () => openReasonPicker([...state.selected]) }, t.reject),
    h('button', { type: 'button', class: 'escalate', onclick: () => void decide([...state.selected], 'escalate') }, t.escalate),
    h('button', { type: 'button', onclick: () => clearSelection() }, t.clearSelection),
  );
}

// ---------------------------------------------------------------- decisions

/** The selection when there is one, else the focused comment. */
function targets() {
  if (state.selected.size) return [...state.selected];
  const current = state.items[state.focus];
  return current ? [current.id] : [];
}

function openReasonPicker(ids) {
  if (!ids.length) return;
  state.rejectTargets = ids;
  view.reasonPicker.hidden = false;
}

function closeReasonPicker() {
  state.rejectTargets = null;
  view.reasonPicker.hidden = true;
}

function chooseRejectReason(index) {
  const ids = state.rejectTargets;
  closeReasonPicker();
  if (ids && REJECT_REASONS[index]) void decide(ids, 'reject', REJECT_REASONS[index]);
}

function nextUndecided(from) {
  for (let i = from + 1; i < state.items.length; i++) if (!isDecided(state.items[i])) return i;
  return from;
}

async function decide(ids, action, reason) {
  if (!ids.length || state.busy) return;
  state.busy = true;
  try {
    const body = reason ? { action, reason } : { action };
    if (ids.length === 1 && !state.selected.size) {
      const [id] = ids;
      const res = await call('POST', `/v1/comments/${encodeURIComponent(id)}/decision`, body);
      if (!res.ok || !res.body) {
        say(problemText(res), 'error');
        return;
      }
      if (res.body.comment) replaceItem(res.body.comment);
      if (res.body.decision) state.history.push([{ decisionId: res.body.decision.id, commentId: id }]);
      say(`${t.decided[action]} ${t.undoHint}`, 'ok');
      const index = state.items.findIndex((item) => item.id === id);
      if (index === state.focus) setFocus(nextUndecided(index));
    } else {
      const res = await call('POST', '/v1/review/decisions', { ids, ...body });
      if (!res.ok || !res.body || !Array.isArray(res.body.results)) {
        say(problemText(res), 'error');
        return;
      }
      const done = [];
      for (const result of res.body.results) {
        if (result.status !== 200 || !result.decision) continue;
        done.push({ decisionId: result.decision.id, commentId: result.id });
        const item = state.items.find((it) => it.id === result.id);
        if (item) {
          replaceItem({ ...item, status: result.decision.toStatus, decidedAt: result.decision.createdAt, decidedBy: result.decision.userId, claimedBy: null, claimExpiresAt: null });
        }
      }
      if (done.length) state.history.push(done);
      clearSelection();
      const failed = res.body.results.length - done.length;
      say(`${t.bulkDone(done.length, failed)}${done.length ? ` ${t.undoHint}` : ''}`, failed ? 'error' : 'ok');
    }
    void refreshCounts();
  } finally {
    state.busy = false;
  }
  if (state.batch && state.items.every(isDecided)) void loadQueue();
}

async function undo() {
  const last = state.history.pop();
  if (!last) {
    say(t.nothingToUndo);
    return;
  }
  if (state.busy) {
    state.history.push(last);
    return;
  }
  state.busy = true;
  try {
    const problems = [];
    for (const entry of last) {
      const res = await call('POST', `/v1/decisions/${encodeURIComponent(entry.decisionId)}/undo`);
      if (res.ok && res.body && res.body.comment) {
        replaceItem(res.body.comment);
        const index = state.items.findIndex((item) => item.id === entry.commentId);
        if (index >= 0 && last.length === 1) setFocus(index);
      } else {
        problems.push(problemText(res));
      }
    }
    say(problems.length ? problems.join(' ') : t.undone, problems.length ? 'error' : 'ok');
    void refreshCounts();
  } finally {
    state.busy = false;
  }
}

// ---------------------------------------------------------------- keyboard

function toggleHelp(open) {
  state.helpOpen = open;
  view.help.hidden = !open;
}

function onKey(event) {
  if (!state.user || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) && !(target instanceof HTMLInputElement && target.type === 'checkbox')) {
    if (event.key === 'Escape') target.blur();
    return;
  }
  if (state.rejectTargets) {
    if (/^[1-6]$/.test(event.key)) chooseRejectReason(Number(event.key) - 1);
    else if (event.key === 'Escape') closeReasonPicker();
    event.preventDefault();
    return;
  }
  if (state.helpOpen) {
    if (event.key === 'Escape' || event.key === '?') {
      toggleHelp(false);
      event.preventDefault();
    }
    return;
  }
  const current = state.items[state.focus];
  switch (event.key) {
    case 'j':
      setFocus(state.focus + 1);
      break;
    case 'k':
      setFocus(state.focus - 1);
      break;
    case 'a':
      void decide(targets(), 'approve');
      break;
    case 'r':
      openReasonPicker(targets());
      break;
    case 'e':
      void decide(targets(), 'escalate');
      break;
    case 'x':
      if (current) toggleSelected(current.id);
      break;
    case 'u':
      void undo();
      break;
    case 'c':
      void toggleBatch();
      break;
    case '?':
      toggleHelp(true);
      break;
    case 'Escape':
      if (state.selected.size || !state.batch) clearSelection();
      else void loadQueue();
      break;
    default:
      return;
  }
  event.preventDefault();
}

void start();
