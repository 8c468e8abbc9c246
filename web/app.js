// chancery web page: a client of the read-only JSON API of `chancery serve` (docs/api.md).
//
// Contract:
// - Choosing a country (or actor code) in #actor-input loads, in parallel, its relations
//   (/api/relations), its country network (/api/network?level=country) and its latest events
//   (/api/events). Each panel section carries data-state="loading|ready|error" so that a test
//   can wait for it; every failure is shown in #error-banner and in the panel, never as a
//   blank page.
// - Map paths carry data-code (ISO3, "" when the atlas shape has no ISO code), data-relation
//   (space-separated slugs of the relation values with the chosen country, e.g.
//   "accredited not-recognized", or "self") and a <title>.
// - Relation rows carry data-code (the counterpart), data-kind, data-value, data-status; event
//   rows carry data-id, data-source, data-source-country, data-target-country, data-code,
//   data-verb. Clicking an event shows its sentence in #sentence-detail with
//   <mark class="source|target|verb">, placed by the UTF-8 byte offsets of the event.
// - No global state besides the one `state` object of this closure; no framework.
(function () {
  'use strict';

  // Without the libraries (web/node_modules not installed) say so instead of a blank page.
  const missing = ['d3', 'topojson', 'cytoscape'].filter((name) => typeof window[name] === 'undefined');
  if (missing.includes('d3')) {
    const banner = document.getElementById('error-banner');
    document.getElementById('error-text').textContent =
      `The page cannot start: ${missing.join(', ')} did not load (run npm install in web/).`;
    banner.hidden = false;
    return;
  }

  const CAMEO_ROOTS = [
    ['01', 'Make public statement'], ['02', 'Appeal'], ['03', 'Express intent to cooperate'],
    ['04', 'Consult'], ['05', 'Engage in diplomatic cooperation'], ['06', 'Engage in material cooperation'],
    ['07', 'Provide aid'], ['08', 'Yield'], ['09', 'Investigate'], ['10', 'Demand'], ['11', 'Disapprove'],
    ['12', 'Reject'], ['13', 'Threaten'], ['14', 'Protest'], ['15', 'Exhibit force posture'],
    ['16', 'Reduce relations'], ['17', 'Coerce'], ['18', 'Assault'], ['19', 'Fight'],
    ['20', 'Use unconventional mass violence'],
  ];

  // Relation values that mean the relation is broken or refused (docs/api.md, Relations).
  const NEGATIVE_VALUES = new Set(['not recognized', 'not accredited', 'cut', 'closed', 'expelled diplomats']);

  // Map categories, strongest first: a country's colour is the first category it has.
  const CATEGORIES = [
    { key: 'recognized', label: 'recognized', color: '#1b7837' },
    { key: 'accredited', label: 'accredited diplomats', color: '#762a83' },
    { key: 'ties', label: 'embassy open / ties established', color: '#e08214' },
    { key: 'negative', label: 'not recognized / cut / closed / expelled', color: '#8e0152' },
  ];
  const SELF_COLOR = '#f2c500';
  const NO_DATA_COLOR = '#d9d9d9';
  const EVENTS_PAGE = 100;

  // Goldstein −10..+10: red for conflict, blue for cooperation. The map uses softer tints so
  // that the relation colours above stand out.
  const goldsteinStrong = d3.scaleDiverging([-10, 0, 10], d3.interpolateRdBu).clamp(true);
  const goldsteinSoft = d3.scaleDiverging([-10, 0, 10], (t) => d3.interpolateRdBu(0.5 + (t - 0.5) * 0.75)).clamp(true);

  const state = {
    countries: [], byCode: new Map(), byNumeric: new Map(), byName: new Map(),
    actor: null, actorCountry: null, actorResponseCode: null, counterpart: null,
    relations: [], network: null, world: null, cy: null,
    events: [], eventsTotal: 0, eventsSource: null, // eventsSource: {kind:'actor'|'list', title}
    requestSeq: 0,
  };

  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------- errors and fetching

  class ApiError extends Error {}

  function showError(message) {
    const banner = $('error-banner');
    const text = $('error-text');
    const lines = text.textContent ? text.textContent.split('\n') : [];
    if (!lines.includes(message)) lines.push(message);
    text.textContent = lines.slice(-5).join('\n');
    banner.hidden = false;
    banner.dataset.count = String(lines.length);
  }

  function clearErrors() {
    $('error-text').textContent = '';
    $('error-banner').hidden = true;
  }

  async function getJson(path) {
    let res;
    try {
      res = await fetch(path, { headers: { Accept: 'application/json' } });
    } catch (e) {
      throw new ApiError(`${path}: the server cannot be reached (${e.message})`);
    }
    const text = await res.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (_) { body = undefined; }
    if (!res.ok) {
      const why = body && body.error ? body.error : (text.slice(0, 200) || res.statusText);
      throw new ApiError(`${path}: ${res.status} ${why}`);
    }
    if (body === undefined) throw new ApiError(`${path}: the answer is not JSON`);
    return body;
  }

  function setPanelState(panelId, value) {
    $(panelId).dataset.state = value;
  }

  function placeholder(container, message, cls = 'placeholder') {
    container.replaceChildren(el('p', { class: cls }, message));
  }

  // el('tr', {class: 'x', dataset: {code: 'AFG'}}, child, 'text', ...)
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null) continue;
      if (k === 'dataset') Object.assign(node.dataset, v);
      else if (k === 'text') node.textContent = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  const slug = (value) => String(value || '').trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const countryName = (code) => (state.byCode.get(code) || {}).name || code;
  const fmtG = (g) => (typeof g === 'number' && isFinite(g) ? (g > 0 ? '+' : '') + g.toFixed(1) : '');

  // ---------------------------------------------------------------- actor picker

  async function loadCountries() {
    const list = await getJson('/api/countries');
    if (!Array.isArray(list)) throw new ApiError('/api/countries: expected a list');
    // Countries with events first (most events first), then the rest by name.
    list.sort((x, y) => ((y.events > 0) - (x.events > 0)) || (y.events || 0) - (x.events || 0) ||
      String(x.name).localeCompare(String(y.name)));
    state.countries = list;
    for (const c of list) {
      state.byCode.set(c.code, c);
      if (c.numeric !== undefined && c.numeric !== null) state.byNumeric.set(String(c.numeric).padStart(3, '0'), c);
      state.byName.set(String(c.name).toLowerCase(), c);
    }
    const datalist = $('country-list');
    datalist.replaceChildren(...list.map((c) =>
      el('option', { value: c.name, label: `${c.code}${c.events ? ` · ${c.events} events` : ''}`, 'data-code': c.code })));
  }

  // "Afghanistan", "afghanistan", "Afghanistan (AFG)", "AFG", "AFGGOV" -> a code, or null.
  function resolveActor(text) {
    const t = String(text || '').trim();
    if (!t) return null;
    const paren = t.match(/\(([A-Za-z]{3,})\)\s*$/);
    if (paren) return paren[1].toUpperCase();
    const byName = state.byName.get(t.toLowerCase());
    if (byName) return byName.code;
    if (/^[A-Za-z]{3}$/.test(t) && state.byCode.has(t.toUpperCase())) return t.toUpperCase();
    if (/^[A-Z]{3,}$/.test(t)) return t; // a full actor code such as AFGGOV
    const starts = state.countries.filter((c) => String(c.name).toLowerCase().startsWith(t.toLowerCase()));
    return starts.length === 1 ? starts[0].code : null;
  }

  function pickFromInput() {
    const code = resolveActor($('actor-input').value);
    if (!code) {
      showError(`No country or actor matches "${$('actor-input').value}"`);
      return;
    }
    selectActor(code);
  }

  // ---------------------------------------------------------------- choosing an actor

  async function selectActor(code) {
    const seq = ++state.requestSeq;
    clearErrors();
    state.actor = code;
    // CAMEO actor codes start with their country's ISO3 code (AFGGOV -> AFG).
    state.actorCountry = state.byCode.has(code) ? code : (state.byCode.has(code.slice(0, 3)) ? code.slice(0, 3) : code);
    state.actorResponseCode = code;
    state.counterpart = null;
    state.relations = [];
    state.network = null;
    $('layout').dataset.actor = code;
    $('actor-input').value = state.byCode.has(code) ? countryName(code) : code;
    if (location.hash !== `#actor=${code}`) history.replaceState(null, '', `#actor=${code}`);
    document.title = `chancery — ${$('actor-input').value}`;
    $('map-title').textContent = `— ${$('actor-input').value}`;
    $('relations-title').textContent = `of ${$('actor-input').value}`;
    $('timeline-title').textContent = '— click a country on the map or a relation';
    placeholder($('timeline'), 'No counterpart chosen.');
    placeholder($('sentence-detail'), 'Click an event to read the sentence it was coded from.');
    $('sentence-detail').dataset.eventId = '';
    $('search-results').hidden = true;
    colourMap();

    const relations = loadRelations(seq);
    const network = loadNetwork(seq);
    const events = loadActorEvents(seq, 0);
    // The map needs both relations and network (for the Goldstein colours of the rest).
    await Promise.allSettled([relations, network]);
    if (seq !== state.requestSeq) return;
    colourMap();
    await events;
  }

  async function loadRelations(seq) {
    setPanelState('relations-panel', 'loading');
    const tbody = $('relations-table').tBodies[0];
    tbody.replaceChildren(el('tr', { class: 'empty' }, el('td', { colspan: 6, text: 'Loading…' })));
    try {
      const data = await getJson(`/api/relations?actor=${encodeURIComponent(state.actor)}`);
      if (seq !== state.requestSeq) return;
      state.relations = Array.isArray(data.relations) ? data.relations : [];
      if (data.actor) state.actorResponseCode = data.actor;
      renderRelations();
      setPanelState('relations-panel', 'ready');
    } catch (e) {
      if (seq !== state.requestSeq) return;
      showError(e.message);
      tbody.replaceChildren(el('tr', { class: 'empty error' }, el('td', { colspan: 6, text: `Could not load relations: ${e.message}` })));
      setPanelState('relations-panel', 'error');
    }
  }

  function isSelf(code) {
    return code === state.actorCountry || code === state.actor || code === state.actorResponseCode;
  }

  function counterpartOf(r) {
    if (isSelf(r.a) && !isSelf(r.b)) return r.b;
    if (isSelf(r.b) && !isSelf(r.a)) return r.a;
    return isSelf(r.a) ? r.b : r.a;
  }

  function relationCategory(r) {
    if (NEGATIVE_VALUES.has(r.value) || String(r.value).startsWith('not ')) return 'negative';
    if (r.kind === 'recognition') return 'recognized';
    if (r.kind === 'accreditation') return 'accredited';
    return 'ties';
  }

  function renderRelations() {
    const tbody = $('relations-table').tBodies[0];
    if (!state.relations.length) {
      tbody.replaceChildren(el('tr', { class: 'empty' }, el('td', { colspan: 6, text: 'No relations found for this country.' })));
      return;
    }
    const rows = state.relations.map((r) => {
      const code = counterpartOf(r);
      const cat = relationCategory(r);
      const tr = el('tr', {
        class: `relation cat-${cat}`,
        tabindex: 0,
        title: r.claimed_by && r.claimed_by.length ? `claimed by ${r.claimed_by.join(', ')}` : null,
        dataset: { code, kind: r.kind, value: r.value, status: r.status || '', a: r.a, b: r.b, events: (r.events || []).join(' ') },
        onclick: () => openRelation(r, tr),
        onkeydown: (ev) => { if (ev.key === 'Enter') openRelation(r, tr); },
      },
      el('td', {}, el('span', { class: 'party' }, r.a_name || r.a), el('span', { class: 'arrow', text: ' → ' }), el('span', { class: 'party' }, r.b_name || r.b)),
      el('td', { text: r.kind }),
      el('td', {}, el('span', { class: `badge cat-${cat}`, text: r.value })),
      el('td', { class: `status-${slug(r.status)}`, text: r.status || '' }),
      el('td', { class: 'nowrap', text: r.last_date || '' }),
      el('td', { class: 'num', text: String((r.events || []).length) }));
      return tr;
    });
    tbody.replaceChildren(...rows);
  }

  async function openRelation(r, tr) {
    for (const row of $('relations-table').querySelectorAll('tr.selected')) row.classList.remove('selected');
    tr.classList.add('selected');
    const code = counterpartOf(r);
    selectCounterpart(code, { loadEvents: false });
    const ids = r.events || [];
    const title = `${r.a_name || r.a} → ${r.b_name || r.b}: ${r.kind}, ${r.value}`;
    setPanelState('events-panel', 'loading');
    showEventsMessage('Loading…');
    const results = await Promise.allSettled(ids.map((id) => getJson(`/api/events/${encodeURIComponent(id)}`)));
    const events = [];
    for (const res of results) {
      if (res.status === 'fulfilled') events.push(res.value);
      else showError(res.reason.message);
    }
    showEventList(events, title);
  }

  // ---------------------------------------------------------------- network

  async function loadNetwork(seq) {
    setPanelState('network-panel', 'loading');
    placeholder($('network'), 'Loading…');
    try {
      const data = await getJson(`/api/network?actor=${encodeURIComponent(state.actor)}&level=country`);
      if (seq !== state.requestSeq) return;
      state.network = { nodes: data.nodes || [], edges: data.edges || [] };
      drawNetwork();
      setPanelState('network-panel', 'ready');
    } catch (e) {
      if (seq !== state.requestSeq) return;
      showError(e.message);
      placeholder($('network'), `Could not load the network: ${e.message}`, 'placeholder error');
      setPanelState('network-panel', 'error');
    }
  }

  // Mean Goldstein of all events between the chosen country and each other country, both directions.
  function goldsteinByCountry() {
    const acc = new Map();
    for (const e of (state.network ? state.network.edges : [])) {
      let other = null;
      if (isSelf(e.source) && !isSelf(e.target)) other = e.target;
      else if (isSelf(e.target) && !isSelf(e.source)) other = e.source;
      if (!other || typeof e.mean_goldstein !== 'number') continue;
      const a = acc.get(other) || { sum: 0, events: 0 };
      const n = e.events || 1;
      a.sum += e.mean_goldstein * n;
      a.events += n;
      acc.set(other, a);
    }
    const out = new Map();
    for (const [k, v] of acc) out.set(k, { goldstein: v.sum / v.events, events: v.events });
    return out;
  }

  function drawNetwork() {
    const container = $('network');
    if (state.cy) { state.cy.destroy(); state.cy = null; }
    container.replaceChildren();
    const { nodes, edges } = state.network;
    if (!nodes.length && !edges.length) {
      placeholder(container, 'No events for this country.');
      return;
    }
    if (typeof cytoscape !== 'function') {
      placeholder(container, 'cytoscape did not load (is web/node_modules installed?)', 'placeholder error');
      return;
    }
    const ids = new Set(nodes.map((n) => n.id));
    const elements = nodes.map((n) => ({ data: { id: n.id, label: n.name || n.id, events: n.events || 1, self: isSelf(n.id) ? 1 : 0 } }));
    for (const e of edges) {
      for (const end of [e.source, e.target]) {
        if (!ids.has(end)) { ids.add(end); elements.push({ data: { id: end, label: countryName(end), events: 1, self: 0 } }); }
      }
    }
    const maxEvents = Math.max(1, ...edges.map((e) => e.events || 1));
    edges.forEach((e, i) => {
      if (e.source === e.target) return; // events inside one country clutter a country graph
      elements.push({ data: {
        id: `e${i}`, source: e.source, target: e.target,
        color: typeof e.mean_goldstein === 'number' ? goldsteinStrong(e.mean_goldstein) : '#999',
        width: 1.5 + 5 * Math.sqrt((e.events || 1) / maxEvents),
        tip: `${countryName(e.source)} → ${countryName(e.target)}: ${e.events} events, mean Goldstein ${fmtG(e.mean_goldstein)}`,
      } });
    });
    const maxNode = Math.max(1, ...elements.filter((x) => !x.data.source).map((x) => x.data.events));
    for (const x of elements) if (!x.data.source) x.data.size = 18 + 30 * Math.sqrt(x.data.events / maxNode);
    state.cy = cytoscape({
      container,
      elements,
      style: [
        { selector: 'node', style: {
          'background-color': '#7a8a99', label: 'data(label)', 'font-size': 11, color: '#222',
          'text-valign': 'bottom', 'text-margin-y': 3, width: 'data(size)', height: 'data(size)',
          'text-outline-color': '#fff', 'text-outline-width': 2 } },
        { selector: 'node[self = 1]', style: { 'background-color': SELF_COLOR, 'border-width': 2, 'border-color': '#8a6d00' } },
        { selector: 'node.counterpart', style: { 'border-width': 3, 'border-color': '#111' } },
        { selector: 'edge', style: {
          'line-color': 'data(color)', 'target-arrow-color': 'data(color)', 'target-arrow-shape': 'triangle',
          width: 'data(width)', 'curve-style': 'bezier', opacity: 0.85 } },
      ],
      // The chosen country in the middle, its partners around it by number of events.
      layout: { name: 'concentric', animate: false, padding: 24, minNodeSpacing: 22,
        concentric: (n) => (n.data('self') ? 2 : 1), levelWidth: () => 1 },
    });
    state.cy.on('tap', 'node', (ev) => {
      const id = ev.target.id();
      if (!isSelf(id)) selectCounterpart(id, { loadEvents: true });
    });
    state.cy.on('mouseover', 'edge', (ev) => { container.title = ev.target.data('tip'); });
    state.cy.on('mouseout', 'edge', () => { container.title = ''; });
  }

  // ---------------------------------------------------------------- map

  async function loadWorld() {
    setPanelState('map-panel', 'loading');
    try {
      if (typeof topojson === 'undefined') throw new ApiError('topojson-client did not load (is web/node_modules installed?)');
      state.world = await getJson('/node_modules/world-atlas/countries-110m.json');
      drawMap();
      setPanelState('map-panel', 'ready');
    } catch (e) {
      showError(`World map: ${e.message}`);
      placeholder($('map'), `Could not draw the map: ${e.message}`, 'placeholder error');
      setPanelState('map-panel', 'error');
    }
  }

  function drawMap() {
    const container = $('map');
    container.replaceChildren();
    const features = topojson.feature(state.world, state.world.objects.countries).features
      .filter((f) => f.id !== '010'); // Antarctica takes room and has no diplomacy
    const width = Math.max(320, container.clientWidth || 800);
    const height = Math.round(width * 0.48);
    const projection = d3.geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], { type: 'FeatureCollection', features });
    const path = d3.geoPath(projection);
    const svg = d3.select(container).append('svg')
      .attr('viewBox', `0 0 ${width} ${height}`).attr('role', 'img').attr('aria-label', 'World map of relations');
    svg.append('path').datum({ type: 'Sphere' }).attr('class', 'sphere').attr('d', path);
    svg.append('g').attr('class', 'countries').selectAll('path')
      .data(features)
      .join('path')
      .attr('class', 'country')
      .attr('d', path)
      .attr('data-numeric', (f) => f.id || '')
      .attr('data-code', (f) => { const c = f.id && state.byNumeric.get(String(f.id)); return c ? c.code : ''; })
      .attr('data-atlas-name', (f) => (f.properties && f.properties.name) || '')
      .on('click', function () {
        const code = this.dataset.code;
        if (code && !isSelf(code) && state.actor) selectCounterpart(code, { loadEvents: true });
        else if (code && !state.actor) selectActor(code);
      })
      .append('title');
    renderLegend();
    colourMap();
  }

  function countryRelationInfo() {
    const info = new Map();
    for (const r of state.relations) {
      const code = counterpartOf(r);
      const cur = info.get(code) || { cats: new Set(), slugs: [], lines: [], claimedOnly: new Map() };
      const cat = relationCategory(r);
      cur.cats.add(cat);
      if (!cur.slugs.includes(slug(r.value))) cur.slugs.push(slug(r.value));
      cur.lines.push(`${r.a_name || r.a} → ${r.b_name || r.b}: ${r.kind}, ${r.value} (${r.status || '?'}, ${r.last_date || ''})`);
      // A category counts as claimed-only when none of its rows is confirmed.
      cur.claimedOnly.set(cat, (cur.claimedOnly.get(cat) ?? true) && r.status === 'claimed');
      info.set(code, cur);
    }
    return info;
  }

  function colourMap() {
    const svg = d3.select('#map svg');
    if (svg.empty()) return;
    const rel = state.actor ? countryRelationInfo() : new Map();
    const gold = state.actor ? goldsteinByCountry() : new Map();
    svg.selectAll('path.country').each(function (f) {
      const code = this.dataset.code;
      const name = code ? countryName(code) : ((f.properties && f.properties.name) || 'unknown');
      let fill = NO_DATA_COLOR; let relation = ''; let status = ''; let title = name;
      const info = code ? rel.get(code) : null;
      const g = code ? gold.get(code) : null;
      if (code && state.actor && isSelf(code)) {
        fill = SELF_COLOR; relation = 'self'; title = `${name} (chosen)`;
      } else if (info) {
        const cat = CATEGORIES.find((c) => info.cats.has(c.key));
        fill = cat.color;
        relation = info.slugs.join(' ');
        status = info.claimedOnly.get(cat.key) ? 'claimed' : 'confirmed';
        title = `${name}\n${info.lines.join('\n')}`;
      } else if (g) {
        fill = goldsteinSoft(g.goldstein);
        relation = 'events';
        title = `${name}: ${g.events} events with ${countryName(state.actorCountry)}, mean Goldstein ${fmtG(g.goldstein)}`;
      }
      if (g && info) title += `\n${g.events} events, mean Goldstein ${fmtG(g.goldstein)}`;
      this.setAttribute('fill', fill);
      this.dataset.relation = relation;
      this.dataset.status = status;
      this.classList.toggle('claimed', status === 'claimed');
      this.classList.toggle('counterpart', !!code && code === state.counterpart);
      d3.select(this).select('title').text(title);
    });
    // Draw the counterpart's outline on top.
    svg.selectAll('path.country.counterpart').raise();
  }

  function renderLegend() {
    const ul = $('map-legend');
    const swatch = (color, label, extra = {}) => el('li', extra, el('span', { class: 'swatch', style: `background:${color}` }), label);
    const gradient = `linear-gradient(to right, ${d3.range(0, 1.01, 0.25).map((t) => goldsteinSoft(-10 + 20 * t)).join(', ')})`;
    ul.replaceChildren(
      swatch(SELF_COLOR, 'chosen country'),
      ...CATEGORIES.map((c) => swatch(c.color, c.label, { dataset: { category: c.key } })),
      el('li', {}, el('span', { class: 'swatch wide', style: `background:${gradient}` }), 'other: mean Goldstein −10 … +10'),
      swatch(NO_DATA_COLOR, 'no events'),
      el('li', { class: 'muted' }, 'faded = only claimed'));
  }

  // ---------------------------------------------------------------- counterpart and timeline

  function selectCounterpart(code, { loadEvents }) {
    state.counterpart = code;
    colourMap();
    if (state.cy) {
      state.cy.nodes().removeClass('counterpart');
      const n = state.cy.getElementById(code);
      if (n && n.length) n.addClass('counterpart');
    }
    loadTimeline(code);
    if (loadEvents) loadDyadEvents(code);
  }

  async function loadTimeline(code) {
    const a = state.actorCountry;
    const container = $('timeline');
    $('timeline-title').textContent = `— ${countryName(a)} and ${countryName(code)}, events per month`;
    setPanelState('timeline-panel', 'loading');
    placeholder(container, 'Loading…');
    try {
      const data = await getJson(`/api/dyads?a=${encodeURIComponent(a)}&b=${encodeURIComponent(code)}&by=month`);
      if (state.counterpart !== code) return;
      drawTimeline(data.points || []);
      container.dataset.dyad = `${a}-${code}`;
      setPanelState('timeline-panel', 'ready');
    } catch (e) {
      showError(e.message);
      placeholder(container, `Could not load the timeline: ${e.message}`, 'placeholder error');
      setPanelState('timeline-panel', 'error');
    }
  }

  // Month periods ("2022-04") are made continuous so that quiet months show as gaps.
  function fillMonths(points) {
    if (!points.length || !points.every((p) => /^\d{4}-\d{2}$/.test(p.period))) return points;
    const byPeriod = new Map(points.map((p) => [p.period, p]));
    const sorted = [...byPeriod.keys()].sort();
    let [y, m] = sorted[0].split('-').map(Number);
    const [ey, em] = sorted[sorted.length - 1].split('-').map(Number);
    const out = [];
    while ((y < ey || (y === ey && m <= em)) && out.length < 600) {
      const key = `${y}-${String(m).padStart(2, '0')}`;
      out.push(byPeriod.get(key) || { period: key, events: 0 });
      m += 1; if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  function drawTimeline(rawPoints) {
    const container = $('timeline');
    container.replaceChildren();
    if (!rawPoints.length) { placeholder(container, 'No events between these two.'); return; }
    const points = fillMonths([...rawPoints].sort((p, q) => String(p.period).localeCompare(String(q.period))));
    const keys = [
      ['material_conflict', 'material conflict', '#b2182b'], ['verbal_conflict', 'verbal conflict', '#ef8a62'],
      ['verbal_cooperation', 'verbal cooperation', '#67a9cf'], ['material_cooperation', 'material cooperation', '#2166ac'],
    ];
    const hasQuads = points.some((p) => keys.some(([k]) => p[k] > 0));
    const width = Math.max(320, container.clientWidth || 600);
    const height = 220;
    const margin = { top: 22, right: 44, bottom: 44, left: 36 };
    const x = d3.scaleBand().domain(points.map((p) => p.period)).range([margin.left, width - margin.right]).padding(0.15);
    const maxEvents = d3.max(points, (p) => p.events || 0) || 1;
    const y = d3.scaleLinear().domain([0, maxEvents]).nice().range([height - margin.bottom, margin.top]);
    const yg = d3.scaleLinear().domain([-10, 10]).range([height - margin.bottom, margin.top]);
    const legendItems = (hasQuads ? keys : [['events', 'events', '#7a8a99']])
      .map(([, label, color]) => el('li', {}, el('span', { class: 'swatch', style: `background:${color}` }), label));
    legendItems.push(el('li', {}, el('span', { class: 'swatch line' }), 'mean Goldstein (right axis)'));
    container.append(el('ul', { class: 'legend timeline-legend' }, ...legendItems));
    const svg = d3.select(container).append('svg').attr('viewBox', `0 0 ${width} ${height}`);

    const groups = svg.append('g').selectAll('g').data(points).join('g')
      .attr('class', 'period').attr('data-period', (p) => p.period).attr('data-events', (p) => p.events || 0);
    groups.append('title').text((p) => `${p.period}: ${p.events || 0} events` +
      (typeof p.mean_goldstein === 'number' && p.events ? `, mean Goldstein ${fmtG(p.mean_goldstein)}` : '') +
      (hasQuads ? '\n' + keys.map(([k, label]) => `${label}: ${p[k] || 0}`).join('\n') : ''));
    if (hasQuads) {
      groups.each(function (p) {
        let base = 0;
        for (const [k, , color] of keys) {
          const v = p[k] || 0;
          if (!v) continue;
          d3.select(this).append('rect').attr('x', x(p.period)).attr('width', x.bandwidth())
            .attr('y', y(base + v)).attr('height', y(base) - y(base + v)).attr('fill', color);
          base += v;
        }
      });
    } else {
      groups.append('rect').attr('x', (p) => x(p.period)).attr('width', x.bandwidth())
        .attr('y', (p) => y(p.events || 0)).attr('height', (p) => y(0) - y(p.events || 0)).attr('fill', '#7a8a99');
    }
    // Mean Goldstein per period with events, on the right axis.
    const withG = points.filter((p) => p.events && typeof p.mean_goldstein === 'number');
    svg.append('line').attr('class', 'zero').attr('x1', margin.left).attr('x2', width - margin.right)
      .attr('y1', yg(0)).attr('y2', yg(0));
    svg.append('path').datum(points).attr('class', 'goldstein-line')
      .attr('d', d3.line().defined((p) => p.events && typeof p.mean_goldstein === 'number')
        .x((p) => x(p.period) + x.bandwidth() / 2).y((p) => yg(p.mean_goldstein)));
    svg.append('g').selectAll('circle').data(withG).join('circle').attr('class', 'goldstein-dot')
      .attr('cx', (p) => x(p.period) + x.bandwidth() / 2).attr('cy', (p) => yg(p.mean_goldstein)).attr('r', 3.5)
      .attr('fill', (p) => goldsteinStrong(p.mean_goldstein));

    const every = Math.ceil(points.length / Math.max(1, Math.floor((width - 80) / 60)));
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - margin.bottom})`)
      .call(d3.axisBottom(x).tickValues(x.domain().filter((_, i) => i % every === 0)))
      .selectAll('text').attr('transform', 'rotate(-35)').style('text-anchor', 'end');
    svg.append('g').attr('class', 'axis').attr('transform', `translate(${margin.left},0)`)
      .call(d3.axisLeft(y).ticks(Math.min(5, maxEvents)).tickFormat(d3.format('d')));
    svg.append('g').attr('class', 'axis goldstein-axis').attr('transform', `translate(${width - margin.right},0)`)
      .call(d3.axisRight(yg).ticks(4));
    svg.append('text').attr('class', 'axis-label').attr('x', margin.left).attr('y', 14).text('events');
    svg.append('text').attr('class', 'axis-label').attr('x', width - margin.right).attr('y', 14)
      .attr('text-anchor', 'middle').text('Goldstein');
  }

  // ---------------------------------------------------------------- events

  function eventFilterParams() {
    const p = new URLSearchParams();
    if ($('filter-root').value) p.set('code', $('filter-root').value);
    if ($('filter-mode').value) p.set('mode', $('filter-mode').value);
    return p;
  }

  function eventPassesFilters(e) {
    const root = $('filter-root').value;
    const mode = $('filter-mode').value;
    if (root && !String(e.code || '').startsWith(root)) return false;
    if (mode === 'fact') return !e.mode && !e.negated;
    if (mode === 'negated') return e.mode === 'negated' || e.negated === true;
    if (mode) return e.mode === mode;
    return true;
  }

  async function loadActorEvents(seq, offset) {
    if (!state.actor) return;
    setPanelState('events-panel', 'loading');
    if (offset === 0) showEventsMessage('Loading…');
    const p = eventFilterParams();
    p.set('actor', state.actor);
    p.set('limit', String(EVENTS_PAGE));
    p.set('offset', String(offset));
    try {
      const data = await getJson(`/api/events?${p}`);
      if (seq !== undefined && seq !== state.requestSeq) return;
      const events = data.events || [];
      state.eventsSource = { kind: 'actor' };
      state.events = offset === 0 ? events : state.events.concat(events);
      state.eventsTotal = typeof data.total === 'number' ? data.total : state.events.length;
      $('events-title').textContent = `involving ${countryName(state.actor)}`;
      $('events-reset').hidden = true;
      renderEvents();
      setPanelState('events-panel', 'ready');
    } catch (e) {
      showError(e.message);
      showEventsMessage(`Could not load events: ${e.message}`, true);
      setPanelState('events-panel', 'error');
    }
  }

  // All events between the chosen country and `code`, both directions.
  async function loadDyadEvents(code) {
    const a = state.actorCountry;
    setPanelState('events-panel', 'loading');
    showEventsMessage('Loading…');
    const base = eventFilterParams();
    base.set('limit', '500');
    const query = (s, t) => { const p = new URLSearchParams(base); p.set('source', s); p.set('target', t); return getJson(`/api/events?${p}`); };
    try {
      const [ab, ba] = await Promise.all([query(a, code), query(code, a)]);
      if (state.counterpart !== code) return;
      const events = [...(ab.events || []), ...(ba.events || [])];
      showEventList(events, `between ${countryName(a)} and ${countryName(code)}`, true);
    } catch (e) {
      showError(e.message);
      showEventsMessage(`Could not load events: ${e.message}`, true);
      setPanelState('events-panel', 'error');
    }
  }

  function showEventList(events, title, alreadyFiltered = false) {
    const seen = new Set();
    const unique = events.filter((e) => e && !seen.has(e.id) && seen.add(e.id));
    unique.sort((x, y) => String(y.date || '').localeCompare(String(x.date || '')) || (x.id - y.id));
    state.eventsSource = { kind: 'list', title, all: unique, alreadyFiltered };
    state.events = alreadyFiltered ? unique : unique.filter(eventPassesFilters);
    state.eventsTotal = state.events.length;
    $('events-title').textContent = title;
    $('events-reset').hidden = !state.actor;
    renderEvents();
    setPanelState('events-panel', 'ready');
  }

  function showEventsMessage(message, isError = false) {
    $('events-table').tBodies[0].replaceChildren(
      el('tr', { class: `empty${isError ? ' error' : ''}` }, el('td', { colspan: 6, text: message })));
    $('events-more').hidden = true;
  }

  function modeText(e) {
    if (e.mode) return e.mode;
    if (e.negated) return 'negated';
    return 'fact';
  }

  function renderEvents() {
    const tbody = $('events-table').tBodies[0];
    $('events-count').textContent = `${state.events.length} of ${state.eventsTotal}`;
    $('events-more').hidden = !(state.eventsSource && state.eventsSource.kind === 'actor' && state.events.length < state.eventsTotal);
    if (!state.events.length) { showEventsMessage('No events.'); $('events-count').textContent = '0'; return; }
    const selectedId = $('sentence-detail').dataset.eventId;
    tbody.replaceChildren(...state.events.map((e) => {
      const src = e.source || {}; const tgt = e.target || {}; const verb = e.verb || {};
      const tr = el('tr', {
        class: `event${String(e.id) === selectedId ? ' selected' : ''}`,
        tabindex: 0,
        dataset: {
          id: e.id, source: src.code || '', sourceCountry: src.country || '', target: tgt.code || '',
          targetCountry: tgt.country || '', code: e.code || '', verb: verb.text || '', mode: modeText(e),
        },
        onclick: () => selectEvent(e, tr),
        onkeydown: (ev) => { if (ev.key === 'Enter') selectEvent(e, tr); },
      },
      el('td', { class: 'nowrap', text: e.date || e.story_date || '' }),
      el('td', { title: src.code }, src.name || src.code || '', src.text && src.text !== src.name ? el('small', { text: ` “${src.text}”` }) : null),
      el('td', { title: e.label || '' }, el('code', { text: e.code || '' }), ' ', verb.text || e.label || ''),
      el('td', { title: tgt.code }, tgt.name || tgt.code || ''),
      el('td', { class: `mode mode-${modeText(e)}`, text: modeText(e) + (e.attributed_to ? ' (claimed)' : '') }),
      el('td', { class: 'num', style: `color:${goldsteinStrong(e.goldstein || 0)}`, text: fmtG(e.goldstein) }));
      return tr;
    }));
  }

  function selectEvent(e, tr) {
    for (const row of $('events-table').querySelectorAll('tr.selected')) row.classList.remove('selected');
    if (tr) tr.classList.add('selected');
    renderDetail(e);
  }

  // Splits `sentence` at the UTF-8 byte offsets of the spans and wraps each span in
  // <mark class=...>. Offsets are bytes, not UTF-16 indexes: "—" is 3 bytes but 1 JS char.
  // Spans out of range or overlapping an earlier one are left out (and reported).
  function highlight(sentence, spans) {
    const bytes = new TextEncoder().encode(sentence);
    const decoder = new TextDecoder('utf-8');
    const slice = (b, e) => decoder.decode(bytes.subarray(b, e));
    const usable = [];
    const problems = [];
    for (const s of spans) {
      if (!Number.isInteger(s.begin) || !Number.isInteger(s.end) || s.begin < 0 || s.end > bytes.length || s.begin >= s.end) {
        if (s.text) problems.push(`${s.cls} offsets ${s.begin}–${s.end} are outside the sentence`);
        continue;
      }
      usable.push(s);
    }
    usable.sort((p, q) => p.begin - q.begin || q.end - p.end);
    const frag = document.createDocumentFragment();
    let pos = 0;
    for (const s of usable) {
      if (s.begin < pos) { problems.push(`${s.cls} overlaps another highlight`); continue; }
      if (s.begin > pos) frag.append(slice(pos, s.begin));
      const text = slice(s.begin, s.end);
      if (s.text && text !== s.text) problems.push(`${s.cls} offsets give “${text}”, the event says “${s.text}”`);
      frag.append(el('mark', { class: s.cls, title: s.title, text }));
      pos = s.end;
    }
    if (pos < bytes.length) frag.append(slice(pos, bytes.length));
    return { frag, problems };
  }

  async function renderDetail(e) {
    const box = $('sentence-detail');
    box.dataset.eventId = String(e.id);
    if (typeof e.sentence !== 'string') {
      try { e = await getJson(`/api/events/${encodeURIComponent(e.id)}`); } catch (err) { showError(err.message); }
    }
    const src = e.source || {}; const tgt = e.target || {}; const verb = e.verb || {};
    const { frag, problems } = highlight(e.sentence || '', [
      { cls: 'source', begin: src.begin, end: src.end, text: src.text, title: `source: ${src.name || ''} (${src.code || ''})` },
      { cls: 'target', begin: tgt.begin, end: tgt.end, text: tgt.text, title: `target: ${tgt.name || ''} (${tgt.code || ''})` },
      { cls: 'verb', begin: verb.begin, end: verb.end, text: verb.text, title: `verb: ${e.code} ${e.label || ''}` },
    ]);
    const storyTitle = e.story_title || e.story_id || '';
    const story = e.story_url ? el('a', { href: e.story_url, target: '_blank', rel: 'noopener', text: storyTitle }) : el('span', { text: storyTitle });
    const dl = el('dl');
    const row = (k, v) => { if (v !== '' && v !== undefined && v !== null) dl.append(el('dt', { text: k }), el('dd', {}, v)); };
    row('Event', `${e.code} ${e.label || ''}`);
    row('Source', `${src.name || ''} (${src.code || ''})`);
    row('Target', `${tgt.name || ''} (${tgt.code || ''})`);
    row('Date', `${e.date || ''}${e.date_granularity && e.date_granularity !== 'day' ? ` (${e.date_granularity})` : ''}${e.date_text ? ` from “${e.date_text}”` : ''}`);
    row('Goldstein', fmtG(e.goldstein));
    row('PLOVER', [e.plover_type, e.plover_mode].filter(Boolean).join(' / '));
    row('Mode', modeText(e));
    row('Claimed by', e.attributed_to ? `${e.attributed_to}${e.attributed_code ? ` (${e.attributed_code})` : ''}` : '');
    row('Confidence', typeof e.confidence === 'number' ? e.confidence.toFixed(2) : '');
    box.replaceChildren(...[
      el('p', { class: 'story muted' }, story, ` · ${e.story_source || ''} · ${e.story_date || ''} · sentence ${e.sentence_index ?? ''}`),
      el('blockquote', { class: 'sentence' }, frag),
      problems.length ? el('p', { class: 'offset-problem', text: `Highlight problem: ${problems.join('; ')}` }) : null,
      el('p', { class: 'mark-legend muted' }, el('span', { class: 'key source', text: 'source' }), ' ',
        el('span', { class: 'key target', text: 'target' }), ' ', el('span', { class: 'key verb', text: 'verb' })),
      dl].filter(Boolean));
    box.dataset.offsetsOk = problems.length ? 'false' : 'true';
  }

  // ---------------------------------------------------------------- search

  async function search(q) {
    const box = $('search-results');
    box.hidden = false;
    box.replaceChildren(el('p', { class: 'muted', text: 'Searching…' }));
    try {
      const results = await getJson(`/api/search?q=${encodeURIComponent(q)}&limit=20`);
      const list = Array.isArray(results) ? results : (results.results || []);
      const close = el('button', { type: 'button', class: 'link', text: 'close', onclick: () => { box.hidden = true; } });
      if (!list.length) { box.replaceChildren(el('p', {}, `No sentence matches “${q}”. `, close)); return; }
      box.replaceChildren(
        el('p', { class: 'muted' }, `${list.length} sentences match “${q}” — click one for its events. `, close),
        el('ol', {}, ...list.map((r) => el('li', {
          class: 'search-hit', tabindex: 0,
          dataset: { story: r.story_id, sentence: r.sentence_index },
          onclick: () => openSearchHit(r),
        }, el('span', { text: r.snippet || r.text || '' }), ' ',
        el('small', { class: 'muted', text: `${r.story_id} #${r.sentence_index}${Array.isArray(r.events) ? ` · ${r.events.length} event${r.events.length === 1 ? "" : "s"}` : (typeof r.events === "number" ? ` · ${r.events} event${r.events === 1 ? "" : "s"}` : "")}` })))));
    } catch (e) {
      showError(e.message);
      box.replaceChildren(el('p', { class: 'error', text: `Search failed: ${e.message}` }));
    }
  }

  // `events` of a search hit may be ids or a count: ids are fetched one by one, otherwise the
  // story's events are fetched and kept when they come from the same sentence.
  async function openSearchHit(r) {
    try {
      let events;
      if (Array.isArray(r.events) && r.events.every((x) => typeof x === 'number' || typeof x === 'string')) {
        events = await Promise.all(r.events.map((id) => getJson(`/api/events/${encodeURIComponent(id)}`)));
      } else if (Array.isArray(r.events)) {
        events = r.events;
      } else {
        const data = await getJson(`/api/events?story=${encodeURIComponent(r.story_id)}&limit=1000`);
        events = (data.events || []).filter((e) => e.sentence_index === r.sentence_index);
      }
      showEventList(events, `in ${r.story_id}, sentence ${r.sentence_index}`);
      if (events.length) {
        const first = $('events-table').querySelector('tr.event');
        selectEvent(state.events[0], first);
      } else {
        const box = $('sentence-detail');
        box.dataset.eventId = '';
        box.replaceChildren(el('p', { class: 'story muted', text: `${r.story_id} · sentence ${r.sentence_index} · no event coded` }),
          el('blockquote', { class: 'sentence', text: r.text || r.snippet || '' }));
      }
    } catch (e) {
      showError(e.message);
    }
  }

  // ---------------------------------------------------------------- start

  async function loadStats() {
    try {
      const s = await getJson('/api/stats');
      $('stats').textContent = `${s.stories} stories · ${s.events} events`;
    } catch (e) {
      showError(e.message);
    }
  }

  function wire() {
    $('error-close').addEventListener('click', clearErrors);
    $('actor-form').addEventListener('submit', (ev) => { ev.preventDefault(); pickFromInput(); });
    // Picking an option of the datalist replaces the whole value: select at once.
    $('actor-input').addEventListener('input', (ev) => {
      if (ev.inputType && ev.inputType !== 'insertReplacementText') return;
      const c = state.byName.get($('actor-input').value.trim().toLowerCase());
      if (c && c.code !== state.actor) selectActor(c.code);
    });
    $('search-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const q = $('search-input').value.trim();
      if (q) search(q);
    });
    const root = $('filter-root');
    for (const [code, label] of CAMEO_ROOTS) root.append(el('option', { value: code, text: `${code} ${label}` }));
    const refilter = () => {
      if (!state.actor) return;
      const src = state.eventsSource;
      if (src && src.kind === 'list' && !src.alreadyFiltered) showEventList(src.all, src.title);
      else if (src && src.kind === 'list' && state.counterpart) loadDyadEvents(state.counterpart);
      else loadActorEvents(state.requestSeq, 0);
    };
    root.addEventListener('change', refilter);
    $('filter-mode').addEventListener('change', refilter);
    $('events-reset').addEventListener('click', () => {
      for (const row of $('relations-table').querySelectorAll('tr.selected')) row.classList.remove('selected');
      loadActorEvents(state.requestSeq, 0);
    });
    $('events-more').addEventListener('click', () => loadActorEvents(state.requestSeq, state.events.length));
    let resizeTimer = null;
    window.addEventListener('resize', () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => { if (state.world) drawMap(); if (state.counterpart) loadTimeline(state.counterpart); }, 250);
    });
    window.addEventListener('hashchange', () => {
      const m = location.hash.match(/actor=([A-Za-z0-9]+)/);
      if (m && m[1] !== state.actor) selectActor(m[1]);
    });
  }

  async function start() {
    wire();
    loadStats();
    try {
      await loadCountries();
    } catch (e) {
      showError(`Could not load the list of countries: ${e.message}`);
    }
    await loadWorld();
    document.body.dataset.ready = 'true';
    const m = location.hash.match(/actor=([A-Za-z0-9]+)/);
    if (m) selectActor(m[1]);
  }

  window.addEventListener('error', (ev) => showError(`Page error: ${ev.message}`));
  window.addEventListener('unhandledrejection', (ev) => showError(`Page error: ${ev.reason && ev.reason.message ? ev.reason.message : ev.reason}`));
  start();
})();
