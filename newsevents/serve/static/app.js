// The newsevents page: read an article and see its events on the text, a table, a timeline and
// a map; browse the event store. Vanilla JS with no build step and no network beyond this app.
"use strict";

// ---------------------------------------------------------------- small helpers

const SVG_NS = "http://www.w3.org/2000/svg";

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function svgEl(tag, attrs, ...children) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

async function fetchJSON(url, options) {
  const response = await fetch(url, options);
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    const reason = body && (body.error || body.detail) ? (body.error || JSON.stringify(body.detail)) : response.statusText;
    throw new Error(`${response.status}: ${reason}`);
  }
  return body;
}

// CAMEO root codes and QuadClass names (the CAMEO codebook's own labels).
const CAMEO_ROOTS = {
  "01": "make public statement", "02": "appeal", "03": "express intent to cooperate", "04": "consult",
  "05": "engage in diplomatic cooperation", "06": "engage in material cooperation", "07": "provide aid",
  "08": "yield", "09": "investigate", "10": "demand", "11": "disapprove", "12": "reject", "13": "threaten",
  "14": "protest", "15": "exhibit force posture", "16": "reduce relations", "17": "coerce", "18": "assault",
  "19": "fight", "20": "use unconventional mass violence",
};
const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
  "#9c755f", "#bab0ac", "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#a6761d"];

function quadClass(q) { return "q" + (q || 0); }

function actorLabel(actor) {
  if (!actor) return "—";
  return actor.code ? `${actor.code}` : (actor.country || "?");
}

// ---------------------------------------------------------------- basemap

let basemapPromise = null;
function basemap() {
  if (!basemapPromise) basemapPromise = fetchJSON("/static/countries.geojson").catch(() => ({ features: [] }));
  return basemapPromise;
}

// Equirectangular projection fitted to the points (or the world), with longitude squeezed by
// cos(latitude) at the centre so shapes look right at the zoom an article usually needs.
function fitProjection(points, width, height) {
  let minLon = -170, maxLon = 190, minLat = -58, maxLat = 84;
  if (points.length) {
    minLon = Math.min(...points.map(p => p.lon)); maxLon = Math.max(...points.map(p => p.lon));
    minLat = Math.min(...points.map(p => p.lat)); maxLat = Math.max(...points.map(p => p.lat));
    const padLon = Math.max(14, (maxLon - minLon) * 0.3), padLat = Math.max(9, (maxLat - minLat) * 0.3);
    minLon -= padLon; maxLon += padLon; minLat = Math.max(-85, minLat - padLat); maxLat = Math.min(85, maxLat + padLat);
  }
  const midLat = (minLat + maxLat) / 2;
  const squeeze = Math.max(0.2, Math.cos(midLat * Math.PI / 180));
  const spanX = (maxLon - minLon) * squeeze, spanY = maxLat - minLat;
  const scale = Math.min(width / spanX, height / spanY);
  const cx = (minLon + maxLon) / 2, cy = midLat;
  return (lon, lat) => [width / 2 + (lon - cx) * squeeze * scale, height / 2 - (lat - cy) * scale];
}

function ringPath(ring, project) {
  // a ring that crosses the antimeridian (Fiji, Chukotka) is cut there instead of drawn across the map
  let d = "";
  let prevLon = null;
  for (const [lon, lat] of ring) {
    const [x, y] = project(lon, lat);
    const jump = prevLon !== null && Math.abs(lon - prevLon) > 180;
    d += (prevLon === null || jump ? "M" : "L") + x.toFixed(1) + " " + y.toFixed(1);
    prevLon = lon;
  }
  return d + "Z";
}

// points: [{lat, lon, label, kind: "event"|"place", quad, onclick, id}]; countries: ISO3 to shade.
async function drawMap(svg, points, countries) {
  const geo = await basemap();
  clear(svg);
  const [, , width, height] = svg.getAttribute("viewBox").split(" ").map(Number);
  // places first so that event markers sit on top of them
  const located = points.filter(p => Number.isFinite(p.lat) && Number.isFinite(p.lon))
    .sort((a, b) => (a.kind === "event") - (b.kind === "event"));
  const project = fitProjection(located, width, height);
  svg.append(svgEl("rect", { x: 0, y: 0, width, height, class: "sea" }));
  const land = svgEl("g", { class: "land" });
  const shaded = new Set(countries || []);
  for (const f of geo.features || []) {
    const d = f.geometry.coordinates.map(poly => poly.map(r => ringPath(r, project)).join("")).join("");
    land.append(svgEl("path", { d, class: "country" + (shaded.has(f.id) ? " involved" : "") },
      svgEl("title", { text: f.properties.name || f.id || "" })));
  }
  svg.append(land);
  const marks = svgEl("g", { class: "markers" });
  const seen = new Map();
  const named = new Set();
  for (const p of located) {
    const [x, y] = project(p.lon, p.lat);
    const key = `${x.toFixed(0)},${y.toFixed(0)}`;
    const n = p.kind === "event" ? (seen.get(key) || 0) : 0;
    if (p.kind === "event") seen.set(key, n + 1);
    const r = p.kind === "event" ? 6 : 3.5;
    const circle = svgEl("circle", {
      cx: x + n * 3, cy: y - n * 3, r,
      class: `marker ${p.kind}-marker ${quadClass(p.quad)}`, "data-id": p.id,
      onclick: p.onclick,
    }, svgEl("title", { text: p.label }));
    marks.append(circle);
    if (p.name && !named.has(p.name)) {
      named.add(p.name);
      marks.append(svgEl("text", { x: x + 9, y: y + 4, class: "marker-label", text: p.name }));
    }
  }
  svg.append(marks);
  if (!located.length) {
    svg.append(svgEl("text", { x: width / 2, y: height - 12, class: "empty-note", "text-anchor": "middle",
      text: "no located places" }));
  }
}

// ---------------------------------------------------------------- timeline

function parseDay(value) {
  if (!value) return null;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!m) return null;
  return Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1);
}

function dayLabel(ms) { return new Date(ms).toISOString().slice(0, 10); }

function drawTimeline(svg, events, published, onSelect) {
  clear(svg);
  const [, , width, height] = svg.getAttribute("viewBox").split(" ").map(Number);
  const dated = events.map(e => ({ e, t: parseDay(e.date) })).filter(x => x.t !== null);
  const pub = parseDay(published);
  const times = dated.map(x => x.t).concat(pub !== null ? [pub] : []);
  if (!times.length) {
    svg.append(svgEl("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty-note", text: "no dated events" }));
    return;
  }
  let lo = Math.min(...times), hi = Math.max(...times);
  const day = 86400000;
  if (hi - lo < 2 * day) { lo -= day; hi += day; }
  const pad = (hi - lo) * 0.06;
  lo -= pad; hi += pad;
  const left = 40, right = width - 40, axisY = height - 28;
  const x = t => left + (t - lo) / (hi - lo) * (right - left);
  svg.append(svgEl("line", { x1: left, x2: right, y1: axisY, y2: axisY, class: "axis" }));
  const ticks = 4;
  for (let i = 0; i <= ticks; i++) {
    const t = lo + (hi - lo) * i / ticks;
    svg.append(svgEl("line", { x1: x(t), x2: x(t), y1: axisY, y2: axisY + 4, class: "axis" }));
    svg.append(svgEl("text", { x: x(t), y: axisY + 16, "text-anchor": "middle", class: "tick", text: dayLabel(t) }));
  }
  if (pub !== null) {
    svg.append(svgEl("line", { x1: x(pub), x2: x(pub), y1: 8, y2: axisY, class: "published-line" }));
    const nearRight = x(pub) > width - 80;
    svg.append(svgEl("text", { x: x(pub) + (nearRight ? -3 : 3), y: 16, class: "tick", "text-anchor": nearRight ? "end" : "start",
      text: "published " + dayLabel(pub) }));
  }
  const stack = new Map();
  for (const { e, t } of dated) {
    const k = Math.round(x(t));
    const n = stack.get(k) || 0;
    stack.set(k, n + 1);
    svg.append(svgEl("circle", {
      cx: x(t), cy: axisY - 12 - n * 13, r: 5.5,
      class: `tl-marker ${quadClass(e.quad_class)}${e.background ? " background" : ""}${e.modality !== "asserted" ? " unasserted" : ""}`,
      "data-id": e.id, onclick: () => onSelect(e.id),
    }, svgEl("title", { text: `${e.id} ${e.trigger} (${e.cameo} ${e.plover || ""}) ${e.date}` })));
  }
}

// ---------------------------------------------------------------- annotated text

function triggerSpan(text, ev) {
  if (Number.isInteger(ev.trigger_start) && Number.isInteger(ev.trigger_end)) return [ev.trigger_start, ev.trigger_end];
  if (!ev.trigger) return null;
  const within = text.slice(ev.start, ev.end);
  let i = within.indexOf(ev.trigger);
  if (i < 0) i = within.toLowerCase().indexOf(ev.trigger.toLowerCase());
  return i >= 0 ? [ev.start + i, ev.start + i + ev.trigger.length] : null;
}

// Every highlight as {start, end, kind, ref}; kinds: quote, time, place, actor, trigger, evidence.
function collectSpans(reading, text) {
  const spans = [];
  const add = (start, end, kind, ref) => {
    if (Number.isInteger(start) && Number.isInteger(end) && end > start && start >= 0 && end <= text.length) {
      spans.push({ start, end, kind, ref });
    }
  };
  for (const q of reading.quotes || []) add(q.start, q.end, "quote", q);
  for (const t of reading.times || []) add(t.start, t.end, "time", t);
  for (const p of reading.places || []) add(p.start, p.end, "place", p);
  for (const a of reading.actors || []) add(a.start, a.end, "actor", a);
  for (const ev of reading.events || []) {
    for (const a of [ev.source, ev.target]) if (a) add(a.start, a.end, "actor", a);
    const trig = triggerSpan(text, ev);
    if (trig) add(trig[0], trig[1], "trigger", ev);
    add(ev.start, ev.end, "evidence", ev);
    for (const m of ev.mentions || []) add(m.start, m.end, "evidence", ev);
  }
  return spans;
}

function renderAnnotated(container, text, spans, onSelect) {
  clear(container);
  const points = new Set([0, text.length]);
  for (const s of spans) { points.add(s.start); points.add(s.end); }
  const cuts = [...points].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i], b = cuts[i + 1];
    const piece = text.slice(a, b);
    const active = spans.filter(s => s.start <= a && s.end >= b);
    if (!active.length) { frag.append(document.createTextNode(piece)); continue; }
    const kinds = new Set(active.filter(s => s.kind !== "evidence").map(s => s.kind));
    const span = el("span", { class: [...kinds].map(k => "hl " + k).join(" ") || "plain", text: piece });
    const evidenceOf = active.filter(s => s.kind === "evidence").map(s => s.ref.id);
    if (evidenceOf.length) span.dataset.evidence = evidenceOf.join(" ");
    const trigger = active.find(s => s.kind === "trigger");
    if (trigger) {
      span.dataset.event = trigger.ref.id;
      span.classList.add(quadClass(trigger.ref.quad_class));
      span.title = `${trigger.ref.id}: ${trigger.ref.cameo} ${trigger.ref.plover || ""} (${trigger.ref.modality})`;
      span.addEventListener("click", () => onSelect(trigger.ref.id));
    } else {
      const tips = active.filter(s => s.kind !== "evidence").map(s => tip(s));
      if (tips.length) span.title = tips.join("\n");
    }
    frag.append(span);
  }
  container.append(frag);
}

function tip(s) {
  const r = s.ref;
  switch (s.kind) {
    case "actor": return `actor ${r.code || ""} (${r.country || "?"} ${r.agent || ""})${r.name ? " " + r.name : ""}`;
    case "time": return `time ${r.type}: ${r.value}${r.mod ? " " + r.mod : ""}`;
    case "place": return `place ${r.name} (${r.kind}, ${r.country || "?"})`;
    case "quote": return `quote (${r.kind})${r.speaker ? " by " + r.speaker : ""}`;
    default: return s.kind;
  }
}

// ---------------------------------------------------------------- event detail and table

function detailRows(ev) {
  const actor = a => a ? `${a.text} → ${a.code || "(no code)"}${a.name ? " · " + a.name : ""}` : "—";
  const rows = [
    ["trigger", ev.trigger],
    ["source", actor(ev.source)],
    ["target", actor(ev.target)],
    ["CAMEO", `${ev.cameo} (root ${ev.cameo_root}: ${CAMEO_ROOTS[ev.cameo_root] || "?"})`],
    ["QuadClass", `${ev.quad_class} ${QUAD_NAMES[ev.quad_class] || ""}`],
    ["Goldstein", String(ev.goldstein)],
    ["PLOVER", ev.plover || "—"],
    ["modality", ev.modality],
    ["date", (ev.date || "—") + (ev.time ? " " + ev.time : "")],
    ["place", ev.place ? `${ev.place.name || "?"}${ev.place.country ? " (" + ev.place.country + ")" : ""}` : "—"],
    ["background", ev.background ? "yes (recalled history)" : "no"],
  ];
  if (ev.from_caption) rows.push(["from caption", "yes"]);
  if (ev.reported_by && ev.reported_by.length) rows.push(["reported by", ev.reported_by.join("; ")]);
  if (ev.quantity) rows.push(["quantity", `${ev.quantity.text}`]);
  rows.push(["confidence", String(ev.confidence)]);
  return rows;
}

function showEventDetail(container, ev) {
  clear(container);
  if (!ev) { container.append(el("p", { class: "hint", text: "Click an event in the text, the table, the timeline or the map." })); return; }
  container.append(el("h3", { class: quadClass(ev.quad_class), text: `${ev.id} · ${ev.trigger}` }));
  const dl = el("dl");
  for (const [k, v] of detailRows(ev)) dl.append(el("dt", { text: k }), el("dd", { text: v }));
  container.append(dl);
  container.append(el("h4", { text: "Evidence" }), el("blockquote", { class: "evidence", text: ev.evidence }));
  if (ev.mentions && ev.mentions.length) {
    container.append(el("h4", { text: "Also told as" }));
    const ul = el("ul", { class: "mentions" });
    for (const m of ev.mentions) ul.append(el("li", { text: m.evidence }));
    container.append(ul);
  }
}

function eventsTable(table, events, onSelect, extraColumns) {
  clear(table);
  const cols = [
    ["id", e => e.id], ["trigger", e => e.trigger], ["source", e => actorLabel(e.source)],
    ["target", e => actorLabel(e.target)], ["CAMEO", e => e.cameo], ["PLOVER", e => e.plover || ""],
    ["Q", e => e.quad_class], ["date", e => e.date || ""], ["modality", e => e.modality],
  ].concat(extraColumns || []);
  table.append(el("thead", {}, el("tr", {}, ...cols.map(([h]) => el("th", { text: h })))));
  const body = el("tbody");
  for (const e of events) {
    const row = el("tr", { "data-id": e.id, class: quadClass(e.quad_class), onclick: () => onSelect(e.id) });
    for (const [, f] of cols) {
      const v = f(e);
      row.append(el("td", {}, v instanceof Node ? v : String(v)));
    }
    body.append(row);
  }
  table.append(body);
}

// ---------------------------------------------------------------- reading view

const readingState = { reading: null, text: "" };

function selectEvent(id) {
  const ev = (readingState.reading.events || []).find(e => e.id === id);
  showEventDetail(document.getElementById("event-detail"), ev);
  for (const n of document.querySelectorAll(".selected")) n.classList.remove("selected");
  for (const n of document.querySelectorAll(".in-evidence")) n.classList.remove("in-evidence");
  if (!ev) return;
  for (const n of document.querySelectorAll(`[data-event="${CSS.escape(id)}"], #view-reading [data-id="${CSS.escape(id)}"]`)) {
    n.classList.add("selected");
  }
  for (const n of document.querySelectorAll("#annotated [data-evidence]")) {
    if (n.dataset.evidence.split(" ").includes(id)) n.classList.add("in-evidence");
  }
  const first = document.querySelector(`#annotated [data-event="${CSS.escape(id)}"]`);
  if (first) first.scrollIntoView({ block: "nearest", behavior: "smooth" });
}

function renderReading(reading, submittedText) {
  const text = reading.document && typeof reading.document.text === "string" ? reading.document.text : submittedText;
  readingState.reading = reading;
  readingState.text = text;
  const doc = reading.document || {};
  document.getElementById("reading-result").hidden = false;
  document.getElementById("doc-title").textContent = doc.title || "Text";
  const meta = [];
  if (doc.published) meta.push(`published ${doc.published} (${doc.published_from})`);
  if (doc.dateline_place) meta.push(`dateline ${doc.dateline_place}`);
  meta.push(`${(reading.events || []).length} events, ${(reading.actors || []).length} actors, ` +
    `${(reading.times || []).length} times, ${(reading.places || []).length} places, ${(reading.quotes || []).length} quotes`);
  document.getElementById("doc-meta").textContent = meta.join(" · ");
  renderAnnotated(document.getElementById("annotated"), text, collectSpans(reading, text), selectEvent);
  applyLegend();
  const events = reading.events || [];
  document.getElementById("event-count").textContent = `(${events.length})`;
  eventsTable(document.getElementById("events-table"), events, selectEvent);
  drawTimeline(document.getElementById("timeline"), events, doc.published, selectEvent);
  const points = [];
  for (const e of events) {
    if (e.place && Number.isFinite(e.place.lat)) {
      points.push({ lat: e.place.lat, lon: e.place.lon, kind: "event", quad: e.quad_class, id: e.id,
        name: e.place.name, label: `${e.id} ${e.trigger} at ${e.place.name || "?"}`, onclick: () => selectEvent(e.id) });
    }
  }
  for (const p of reading.places || []) {
    if (Number.isFinite(p.lat)) points.push({ lat: p.lat, lon: p.lon, kind: "place", label: `${p.name} (${p.kind})` });
  }
  const involved = new Set();
  for (const e of events) for (const a of [e.source, e.target]) if (a && a.country) involved.add(a.country);
  drawMap(document.getElementById("reading-map"), points, [...involved]);
  showEventDetail(document.getElementById("event-detail"), null);
}

function applyLegend() {
  const annotated = document.getElementById("annotated");
  for (const box of document.querySelectorAll("#legend input[type=checkbox]")) {
    annotated.classList.toggle("hide-" + box.dataset.kind, !box.checked);
  }
}

async function submitReading(event) {
  event.preventDefault();
  const text = document.getElementById("article").value;
  const published = document.getElementById("published").value;
  const format = document.getElementById("format").value;
  const status = document.getElementById("read-status");
  const button = document.getElementById("read-button");
  if (!text.trim()) { status.textContent = "Paste or upload an article first."; return; }
  const body = format === "html" ? { html: text } : { text, format };
  if (published) body.published = published;
  status.textContent = "Reading…";
  status.className = "status busy";
  button.disabled = true;
  try {
    const reading = await fetchJSON("/read", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    renderReading(reading, text);
    status.textContent = `Read: ${(reading.events || []).length} events.`;
    status.className = "status done";
  } catch (err) {
    status.textContent = "Could not read: " + err.message;
    status.className = "status failed";
  } finally {
    button.disabled = false;
  }
}

function loadFile(evt) {
  const file = evt.target.files[0];
  if (!file) return;
  const reader = new FileReader();
  reader.onload = () => {
    document.getElementById("article").value = reader.result;
    if (/\.html?$/i.test(file.name)) document.getElementById("format").value = "html";
  };
  reader.readAsText(file);
}

async function offerDemo() {
  const button = document.getElementById("demo-button");
  try {
    const response = await fetch("/demo-article", { method: "HEAD" });
    if (!response.ok) return;
    button.hidden = false;
    button.addEventListener("click", async () => {
      const demo = await fetch("/demo-article");
      document.getElementById("article").value = await demo.text();
      const published = demo.headers.get("X-Published");
      if (published) document.getElementById("published").value = published;
    });
  } catch (e) { /* no demo: leave the button hidden */ }
}

// ---------------------------------------------------------------- store view

const storeState = { offset: 0, limit: 50, total: 0, events: [] };

function storeParams() {
  const form = document.getElementById("store-form");
  const params = new URLSearchParams();
  for (const name of ["date_from", "date_to", "country", "actor", "cameo_root", "plover", "quad_class"]) {
    const v = form.elements[name].value.trim();
    if (v) params.set(name, v);
  }
  return params;
}

async function loadStore(resetOffset) {
  if (resetOffset) storeState.offset = 0;
  const status = document.getElementById("store-status");
  const form = document.getElementById("store-form");
  const params = storeParams();
  const page = new URLSearchParams(params);
  page.set("limit", storeState.limit);
  page.set("offset", storeState.offset);
  const series = new URLSearchParams(params);
  series.set("by", form.elements.series_by.value);
  series.set("interval", form.elements.interval.value);
  status.textContent = "Loading…";
  status.className = "status busy";
  try {
    const [result, counts] = await Promise.all([fetchJSON("/events?" + page), fetchJSON("/events/series?" + series)]);
    storeState.total = result.total;
    storeState.events = result.events;
    renderStoreTable(result);
    drawSeries(document.getElementById("series"), document.getElementById("series-legend"), counts);
    const points = [];
    for (const e of result.events) {
      const lat = e.place_lat ?? e.lat, lon = e.place_lon ?? e.lon;
      if (lat === null || lat === undefined || lon === null || lon === undefined) continue;
      points.push({ lat: Number(lat), lon: Number(lon), kind: "event", quad: e.quad_class, id: String(e.event_id),
        name: e.place_name, label: `${e.event_id}: ${e.cameo} ${e.plover || ""} ${e.place_name || ""} ${e.date || ""}`,
        onclick: () => { location.hash = "doc=" + encodeURIComponent(e.doc_id); } });
    }
    drawMap(document.getElementById("store-map"), points, []);
    status.textContent = result.total === 1 ? "1 event matches." : `${result.total} events match.`;
    status.className = "status done";
  } catch (err) {
    status.textContent = "Store: " + err.message;
    status.className = "status failed";
  }
}

function storeEventRow(e) {
  // the store keeps flat columns; present them the way the reading's events look
  return {
    id: String(e.event_id), trigger: e.trigger || e.evidence || "", cameo: e.cameo, plover: e.plover,
    quad_class: e.quad_class, date: e.date, modality: e.modality || "",
    source: { code: e.source_code, country: e.source_country }, target: e.target_code || e.target_country
      ? { code: e.target_code, country: e.target_country } : null,
    doc_id: e.doc_id, place_name: e.place_name,
  };
}

function renderStoreTable(result) {
  const rows = result.events.map(storeEventRow);
  document.getElementById("store-count").textContent = `(${result.total})`;
  const docLink = e => el("a", { href: "#doc=" + encodeURIComponent(e.doc_id), text: String(e.doc_id).slice(0, 10), title: String(e.doc_id), class: "doc-link" });
  const openDoc = id => { const e = rows.find(r => r.id === id); if (e) location.hash = "doc=" + encodeURIComponent(e.doc_id); };
  eventsTable(document.getElementById("store-table"), rows, openDoc, [["place", e => e.place_name || ""], ["document", docLink]]);
  const first = result.total ? result.offset + 1 : 0;
  document.getElementById("page-info").textContent = `${first}–${result.offset + rows.length} of ${result.total}`;
  document.getElementById("prev-page").disabled = result.offset <= 0;
  document.getElementById("next-page").disabled = result.offset + rows.length >= result.total;
}

// Every period from the first to the last (empty months show as gaps, not as missing bars).
function periodRange(seen, interval) {
  if (seen.length < 2) return seen;
  const out = [];
  const first = parseDay(seen[0]), last = parseDay(seen[seen.length - 1]);
  if (first === null || last === null) return seen;
  const d = new Date(first);
  for (let guard = 0; d.getTime() <= last && guard < 2000; guard++) {
    const iso = d.toISOString();
    out.push(interval === "year" ? iso.slice(0, 4) : interval === "month" ? iso.slice(0, 7) : iso.slice(0, 10));
    if (interval === "year") d.setUTCFullYear(d.getUTCFullYear() + 1);
    else if (interval === "month") d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCDate(d.getUTCDate() + 1);
  }
  return out.length < 2000 ? out : seen;
}

function drawSeries(svg, legend, counts) {
  clear(svg); clear(legend);
  const [, , width, height] = svg.getAttribute("viewBox").split(" ").map(Number);
  const periods = periodRange([...new Set(counts.series.map(s => s.period))].sort(), counts.interval);
  const keys = [...new Set(counts.series.map(s => s.key))].sort();
  if (!periods.length) {
    svg.append(svgEl("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty-note", text: "no dated events" }));
    return;
  }
  const color = k => counts.by === "quad_class" ? `var(--q${k})` : PALETTE[keys.indexOf(k) % PALETTE.length];
  const totals = periods.map(p => counts.series.filter(s => s.period === p).reduce((a, s) => a + s.count, 0));
  const max = Math.max(...totals);
  const left = 36, right = width - 8, top = 10, bottom = height - 26;
  const bw = Math.min(64, (right - left) / periods.length);
  const x0 = left + ((right - left) - bw * periods.length) / 2;
  svg.append(svgEl("line", { x1: left, x2: right, y1: bottom, y2: bottom, class: "axis" }));
  svg.append(svgEl("text", { x: left - 4, y: top + 8, "text-anchor": "end", class: "tick", text: String(max) }));
  svg.append(svgEl("text", { x: left - 4, y: bottom, "text-anchor": "end", class: "tick", text: "0" }));
  periods.forEach((p, i) => {
    let y = bottom;
    for (const k of keys) {
      const cell = counts.series.find(s => s.period === p && s.key === k);
      if (!cell) continue;
      const h = (cell.count / max) * (bottom - top);
      y -= h;
      svg.append(svgEl("rect", { x: x0 + i * bw + 1, y, width: Math.max(1, bw - 2), height: h, fill: color(k), class: "bar" },
        svgEl("title", { text: `${p} · ${k}: ${cell.count}` })));
    }
    const every = Math.ceil(periods.length / 8);
    if (i % every === 0) svg.append(svgEl("text", { x: x0 + i * bw + bw / 2, y: bottom + 14, "text-anchor": "middle", class: "tick", text: p }));
  });
  for (const k of keys) {
    const label = counts.by === "quad_class" ? `${k} ${QUAD_NAMES[k] || ""}` : k;
    legend.append(el("span", { class: "legend-item" }, el("span", { class: "swatch", style: `background:${color(k)}` }), label));
  }
}

async function showDocument(docId) {
  switchView("store");
  const panel = document.getElementById("document-panel");
  const detail = document.getElementById("document-detail");
  panel.hidden = false;
  document.getElementById("document-id").textContent = docId;
  clear(detail);
  try {
    const stored = await fetchJSON("/documents/" + encodeURIComponent(docId));
    const doc = stored.document || {};
    const dl = el("dl");
    for (const k of ["title", "published", "published_from", "dateline", "url", "source", "source_format", "model"]) {
      if (doc[k]) dl.append(el("dt", { text: k }), el("dd", {}, k === "url" ? el("a", { href: doc[k], text: doc[k] }) : String(doc[k])));
    }
    detail.append(dl);
    const lists = [["times", t => `${t.text} → ${t.value}`], ["places", p => `${p.text} → ${p.name} (${p.kind || "?"}, ${p.country || "?"})`],
      ["quotes", q => `“${q.text}”${q.speaker ? " — " + q.speaker : ""}`]];
    for (const [name, show] of lists) {
      const items = stored[name] || [];
      if (!items.length) continue;
      detail.append(el("h4", { text: `${items.length} ${name}` }));
      detail.append(el("ul", { class: "mentions" }, ...items.slice(0, 50).map(x => el("li", { text: show(x) }))));
    }
    const events = await fetchJSON("/events?limit=200&doc_id=" + encodeURIComponent(docId));
    const table = el("table", { class: "events-table" });
    eventsTable(table, events.events.map(storeEventRow), () => {});
    detail.append(el("h4", { text: `${events.total} events from this document` }), el("div", { class: "table-wrap" }, table));
  } catch (err) {
    detail.append(el("p", { class: "status failed", text: "Could not load the document: " + err.message }));
  }
}

// ---------------------------------------------------------------- wiring

function switchView(name) {
  for (const tab of document.querySelectorAll("#tabs .tab")) tab.classList.toggle("active", tab.dataset.view === name);
  document.getElementById("view-reading").hidden = name !== "reading";
  document.getElementById("view-store").hidden = name !== "store";
  if (name === "store" && !switchView.storeLoaded) { switchView.storeLoaded = true; loadStore(true); }
}

function route() {
  const hash = location.hash.slice(1);
  if (hash.startsWith("doc=")) showDocument(decodeURIComponent(hash.slice(4)));
  else if (hash === "store") switchView("store");
  else switchView("reading");
}

function init() {
  for (const tab of document.querySelectorAll("#tabs .tab")) {
    tab.addEventListener("click", () => { location.hash = tab.dataset.view === "store" ? "store" : ""; switchView(tab.dataset.view); });
  }
  document.getElementById("read-form").addEventListener("submit", submitReading);
  document.getElementById("file").addEventListener("change", loadFile);
  for (const box of document.querySelectorAll("#legend input[type=checkbox]")) box.addEventListener("change", applyLegend);
  const rootSelect = document.querySelector("#store-form select[name=cameo_root]");
  for (const [code, name] of Object.entries(CAMEO_ROOTS)) rootSelect.append(el("option", { value: code, text: `${code} ${name}` }));
  document.getElementById("store-form").addEventListener("submit", e => { e.preventDefault(); loadStore(true); });
  document.getElementById("prev-page").addEventListener("click", () => { storeState.offset = Math.max(0, storeState.offset - storeState.limit); loadStore(false); });
  document.getElementById("next-page").addEventListener("click", () => { storeState.offset += storeState.limit; loadStore(false); });
  window.addEventListener("hashchange", route);
  offerDemo();
  route();
}

document.addEventListener("DOMContentLoaded", init);
