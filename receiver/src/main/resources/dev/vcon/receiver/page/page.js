// The live page: polls the receiver's JSON endpoints and draws them with uPlot (from its WebJar).
// Markers for the browser test: body[data-errors], #inflight-chart[data-instances], #traces[data-traces].
'use strict';

const REFRESH_MS = 2000;
const COLORS = ['#1f77b4', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22'];
let errors = 0;
document.body.dataset.errors = '0';

function reportError(message) {
  errors++;
  document.body.dataset.errors = String(errors);
  const p = document.getElementById('page-errors');
  p.hidden = false;
  p.textContent = 'page error: ' + message;
}
window.addEventListener('error', e => reportError(e.message));
window.addEventListener('unhandledrejection', e => reportError(String(e.reason)));

async function getJson(path) {
  const response = await fetch(path, {cache: 'no-store'});
  if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
  return response.json();
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === 'class') e.className = v; else e.setAttribute(k, v);
  });
  children.forEach(c => e.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return e;
}

const charts = {};

// Re-creates the chart when its lines change (a new worker appears), else only swaps the data.
function draw(id, title, key, series, data, yLabel) {
  const box = document.getElementById(id);
  const width = Math.max(400, box.clientWidth || 900);
  const c = charts[id];
  if (c && c.key === key) {
    c.plot.setData(data);
    return;
  }
  if (c) c.plot.destroy();
  const opts = {
    title, width, height: 280,
    scales: {x: {time: true}},
    axes: [{}, {label: yLabel}],
    series: [{}].concat(series),
  };
  charts[id] = {key, plot: new uPlot(opts, data, box)};
}

function renderInflight(series) {
  const ids = Object.keys(series.instances);
  const lines = ids.map((id, i) => ({label: id, stroke: COLORS[i % COLORS.length], width: 2}));
  lines.push({label: 'sum of instances', stroke: '#000', width: 2, dash: [6, 4]});
  lines.push({label: 'without instance id (last write wins)', stroke: '#e8710a', width: 3});
  const data = [series.t].concat(ids.map(id => series.instances[id]), [series.sum, series.collapsed]);
  document.getElementById('inflight-chart').dataset.instances = String(ids.length);
  draw('inflight-chart', 'conserver.vcons.inflight', ids.join('|'), lines, data, 'vCons in flight');
}

function renderRunTime(series) {
  const chains = Object.keys(series.chains);
  const lines = [];
  const data = [series.t];
  chains.forEach((chain, i) => {
    const color = COLORS[i % COLORS.length];
    lines.push({label: chain + ' p50', stroke: color, width: 2});
    lines.push({label: chain + ' p99', stroke: color, width: 2, dash: [4, 3]});
    data.push(series.chains[chain].p50, series.chains[chain].p99);
  });
  draw('runtime-chart', 'run time per chain', chains.join('|'), lines, data, 'ms');
}

function fmt(v) { return v === null || v === undefined ? '-' : String(v); }

function renderState(state) {
  const e = state.endpoints;
  document.getElementById('endpoints').textContent =
      'OTLP grpc ' + e.grpc + ' · http/protobuf ' + e.http;
  const body = document.querySelector('#table tbody');
  body.replaceChildren();
  const row = (r, cls) => body.append(el('tr', {class: cls || ''},
      el('td', {}, r.label), el('td', {}, r.inflight), el('td', {}, r.processed),
      el('td', {}, r.failed), el('td', {}, fmt(r.p50ms)), el('td', {}, fmt(r.p99ms))));
  state.instances.forEach(r => row(r, 'instance'));
  row(state.total, 'total');
  row(state.collapsed, 'collapsed');
  document.getElementById('counters').textContent =
      `in-flight peak: ${state.inflightPeakSum} over all instances, ` +
      `${state.inflightPeakCollapsed} as the one series without instance id shows it · ` +
      `traces ${state.traces}, with a link to the producer ${state.rootsWithLinks}, ` +
      `error spans ${state.errorSpans}, spans whose root has not arrived (yet) ${state.orphans}`;
}

function spanClass(node) {
  if (node.error) return 'span-error';
  if (node.name.startsWith('storage.')) return 'storage';
  return '';
}

function spanItem(node) {
  const li = el('li', {class: spanClass(node)},
      el('span', {class: 'span-name'}, node.name), ' ', el('span', {class: 'ms'}, node.ms + ' ms'));
  if (node.error) li.append(' ERROR ' + (node.statusMessage || ''));
  node.links.forEach(l => li.append(el('div', {class: 'link'},
      '↪ link to the producer: trace ' + l.traceId + ' span ' + l.spanId)));
  if (node.children.length) {
    const ul = el('ul', {class: 'tree'});
    node.children.forEach(c => ul.append(spanItem(c)));
    li.append(ul);
  }
  return li;
}

let shownTraces = '';
function renderTraces(traces) {
  const ids = traces.map(t => t.traceId).join(',');
  if (ids === shownTraces) return;
  shownTraces = ids;
  const box = document.getElementById('traces');
  const open = new Set([...box.querySelectorAll('details[open]')].map(d => d.dataset.traceId));
  box.replaceChildren();
  traces.forEach((t, i) => {
    const root = t.root;
    const vcon = root.attributes.vcon_id || root.attributes['vcon.uuid'] || '';
    const summary = el('summary', {class: root.error ? 'error' : ''},
        el('span', {class: 'span-name'}, root.name), ' ', el('span', {class: 'ms'}, root.ms + ' ms'),
        ' vcon ' + vcon + ' · ' + (root.instance || '') +
        (root.links.length ? ' · linked to producer' : ' · no upstream context') +
        (root.error ? ' · ERROR' : ''));
    const details = el('details', {class: 'trace', 'data-trace-id': t.traceId}, summary);
    // The root is the summary line; inside: its link to the producer, then its spans as a tree.
    root.links.forEach(l => details.append(el('div', {class: 'link tree'},
        '↪ link to the producer: trace ' + l.traceId + ' span ' + l.spanId)));
    if (root.error) details.append(el('div', {class: 'error tree'}, 'ERROR ' + (root.statusMessage || '')));
    const ul = el('ul', {class: 'tree'});
    root.children.forEach(c => ul.append(spanItem(c)));
    details.append(ul);
    if (open.has(t.traceId) || (open.size === 0 && i === 0)) details.open = true;
    box.append(details);
  });
  box.dataset.traces = String(traces.length);
}

async function refresh() {
  try {
    const [state, series, traces] = await Promise.all(
        [getJson('/api/state'), getJson('/api/series'), getJson('/api/traces')]);
    renderState(state);
    renderInflight(series);
    renderRunTime(series);
    renderTraces(traces);
  } catch (e) {
    reportError(e.message);
  }
}

refresh();
setInterval(refresh, REFRESH_MS);
