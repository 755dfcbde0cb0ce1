// The design explorer page: forms generated from /api/catalog (the item model's patterns and commands), runs
// through POST /api/run, and shows requests, answer, pagination and the touched item collections. No framework.
'use strict';

const $ = (id) => document.getElementById(id);
let catalog = null;
let last = null; // the last run request, for "Next page"

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === 'class') node.className = v; else if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
  });
  children.flat().forEach((c) => node.append(c));
  return node;
}

function selected() {
  const [kind, name] = $('op').value.split(':');
  const list = kind === 'pattern' ? catalog.patterns : catalog.commands;
  return { kind, definition: list.find((d) => d.name === name) };
}

function exampleText(value) {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function renderForm() {
  const { kind, definition } = selected();
  const form = $('form');
  form.replaceChildren();
  $('description').textContent = definition.description;
  definition.params.forEach((p) => {
    const id = 'param-' + p.name;
    form.append(el('label', { for: id, text: p.name + (p.required ? ' (required)' : ' (optional)') + ' — ' + p.kind }));
    let input;
    if (p.kind === 'ORDER_LINES') {
      input = el('textarea', { id, name: p.name });
    } else if (p.kind === 'BOOLEAN') {
      input = el('select', { id, name: p.name }, el('option', { value: '', text: '' }),
        el('option', { value: 'true', text: 'true' }), el('option', { value: 'false', text: 'false' }));
    } else {
      input = el('input', { id, name: p.name, type: 'text' });
    }
    input.dataset.kind = p.kind;
    input.value = exampleText(definition.example[p.name]);
    form.append(input);
    if (p.description || p.clearable) {
      form.append(el('div', { class: 'param-help', text: (p.description || '') + (p.clearable ? ' (type null to clear)' : '') }));
    }
  });
  $('limit-row').hidden = kind !== 'pattern';
  const fn = kind === 'pattern' ? 'query' : 'command';
  const available = catalog.functions[fn];
  $('unavailable').hidden = available;
  $('unavailable').textContent = available ? '' : 'Commands are unavailable: no `command` function is served by this local stack '
    + '(this build has no command Lambda yet).';
  $('run').disabled = !available;
}

function value(input) {
  const raw = input.value.trim();
  if (raw === '') return undefined;
  if (raw === 'null') return null;
  switch (input.dataset.kind) {
    case 'NUMERIC_ID': case 'INTEGER': case 'DECIMAL': return /^-?[0-9]+(\.[0-9]+)?$/.test(raw) ? Number(raw) : raw;
    case 'BOOLEAN': return raw === 'true';
    case 'ORDER_LINES': try { return JSON.parse(raw); } catch (e) { return raw; }
    default: return raw;
  }
}

function params() {
  const out = {};
  $('form').querySelectorAll('[name]').forEach((input) => {
    const v = value(input);
    if (v !== undefined) out[input.name] = v;
  });
  return out;
}

async function run(nextToken) {
  const { kind, definition } = selected();
  const request = nextToken && last ? Object.assign({}, last, { nextToken }) : { kind, name: definition.name, params: params() };
  if (!nextToken && kind === 'pattern' && $('limit').value) request.limit = Number($('limit').value);
  last = Object.assign({}, request);
  delete last.nextToken;
  $('run').disabled = true;
  $('status').replaceChildren(el('p', { class: 'hint', text: 'Running…' }));
  try {
    const response = await fetch('/api/run', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
    show(await response.json());
  } catch (e) {
    $('status').replaceChildren(el('p', { class: 'error', text: 'The explorer did not answer: ' + e.message }));
  } finally {
    $('run').disabled = false;
  }
}

function show(result) {
  $('status').replaceChildren();
  $('next').hidden = true;
  if (result.error) {
    $('status').replaceChildren(el('p', { class: 'error', id: 'error', text: result.error.type + ': ' + result.error.message }));
    return;
  }
  showRequests(result.requests);
  showAnswer(result);
  showViews(result.views);
  showDerived(result.derived);
}

// What the stream consumer wrote for a command, once it caught up (derived data lags the command that causes it).
function showDerived(derived) {
  const box = $('derived');
  box.replaceChildren();
  if (!derived) {
    box.append(el('p', { class: 'hint', text: 'Only a command changes derived items.' }));
    return;
  }
  box.append(el('div', { class: 'stats', id: 'derived-status', text: (derived.caughtUp ? 'consumer caught up after '
    : 'consumer still behind after ') + derived.waitedMs + ' ms · ' + derived.status }));
  if (!derived.items.length) {
    box.append(el('p', { class: 'hint', id: 'no-derived', text: 'The consumer wrote no item for this command.' }));
    return;
  }
  box.append(el('table', { class: 'items', id: 'derived-items' },
    el('thead', {}, el('tr', {}, ['pk', 'sk', 'item now'].map((c) => el('th', { text: c })))),
    el('tbody', {}, derived.items.map((i) => el('tr', {}, el('td', { text: i.pk }), el('td', { text: i.sk }),
      el('td', { text: i.item === null ? '(deleted)' : JSON.stringify(i.item) }))))));
}

async function pollStream() {
  try {
    const s = await (await fetch('/api/stream')).json();
    $('stream-status').textContent = s.enabled ? 'Stream consumer: ' + s.summary + ' · ' + s.recordsDone
      + ' records done in ' + s.invocations + ' invocations · failed batches: ' + s.failedBatches : '';
  } catch (e) {
    $('stream-status').textContent = '';
  }
}

function describeRequest(r) {
  const q = r.request || {};
  const parts = [r.operation];
  if (q.TableName) parts.push('table ' + q.TableName);
  if (q.IndexName) parts.push('index ' + q.IndexName);
  if (q.KeyConditionExpression) parts.push('key condition: ' + q.KeyConditionExpression);
  if (q.ScanIndexForward === false) parts.push('descending');
  if (q.Limit) parts.push('limit ' + q.Limit);
  if (q.TransactItems) parts.push(q.TransactItems.length + ' actions: ' + q.TransactItems.map((a) => Object.keys(a)[0]).join(', '));
  return parts.join(' · ');
}

function showRequests(requests) {
  const box = $('requests');
  box.replaceChildren();
  if (!requests.length) box.append(el('p', { class: 'hint', text: 'No DynamoDB request was made.' }));
  requests.forEach((r, i) => {
    box.append(el('div', { class: 'request-head', text: (i + 1) + '. ' + describeRequest(r) }));
    box.append(el('pre', { class: 'request', text: JSON.stringify(r.request, null, 2) }));
    const outcome = r.error ? 'error: ' + r.error
      : 'returned ' + (r.returnedKeys ? r.returnedKeys.length + ' item(s)' : '—') + ' · consumed capacity ' + JSON.stringify(r.consumedCapacity);
    box.append(el('div', { class: r.error ? 'error' : 'stats', text: outcome }));
  });
}

function showAnswer(result) {
  const box = $('answer');
  box.replaceChildren();
  const answer = result.answer || {};
  if (result.functionError || answer.error) {
    const e = answer.error || answer;
    box.append(el('p', { class: 'error', id: 'error', text: (e.type || e.errorType) + ': ' + (e.message || e.errorMessage) }));
    return;
  }
  const items = answer.items || [];
  if (answer.stats) {
    box.append(el('div', { class: 'stats', id: 'stats', text: 'count ' + answer.stats.count + ' · scannedCount ' + answer.stats.scannedCount
      + ' · requests ' + answer.stats.requests + ' · consumed capacity ' + answer.stats.consumedCapacity + ' · ' + result.elapsedMs + ' ms' }));
  }
  if (items.length) {
    const columns = [...new Set(items.flatMap((i) => Object.keys(i)))];
    box.append(el('table', { class: 'items', id: 'results' },
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', { text: c })))),
      el('tbody', {}, items.map((item) => el('tr', {}, columns.map((c) => el('td', { text: exampleText(item[c]) })))))));
  } else if (!answer.items) {
    box.append(el('pre', { id: 'raw-answer', text: JSON.stringify(answer, null, 2) }));
  } else {
    box.append(el('p', { class: 'hint', id: 'no-items', text: 'No items.' }));
  }
  if (answer.nextToken) {
    $('next').hidden = false;
    $('next').onclick = () => run(answer.nextToken);
  }
}

// One view per grouping the run touched: the base table, then each index (its partition and sort key come with it).
function showViews(views) {
  const box = $('views');
  box.replaceChildren();
  (views || []).forEach((v) => {
    const title = v.index === null
      ? 'Base table — item collections by ' + v.partitionKey + ', sorted by ' + v.sortKey
      : v.index + ' — by ' + v.partitionKey + ', sorted by ' + v.sortKey;
    const view = el('div', { class: 'view', id: 'view-' + v.name, 'data-index': v.index || '' }, el('h3', { text: title }));
    v.bands.forEach((band) => {
      const head = el('div', { class: 'band-head' }, v.partitionKey + ' = ', el('b', { text: band.partition }),
        ' · ' + band.total + (band.truncated ? '+' : '') + ' items');
      // In the table an item shows its sk and type; in an index, its sort key there and its table key.
      const sub = (i) => v.index === null ? ' ' + (i.type || '') : ' ' + i.pk + (v.partitionKey === 'sk' ? '' : ' · ' + i.sk);
      const items = el('div', { class: 'band-items' }, band.items.map((i) => i.gap !== undefined
        ? el('span', { class: 'gap', text: '… ' + i.gap + ' more' })
        : el('span', { class: 'item' + (i.marked ? ' marked' : ''), title: JSON.stringify(i) },
          i[v.sortKey] || '', el('span', { class: 'sub', text: sub(i) }))));
      if (!band.items.length) {
        items.append(el('span', { class: 'hint', text: v.index === null ? 'no items'
          : 'no items (only items with both ' + v.partitionKey + ' and ' + v.sortKey + ' are in ' + v.index + ')' }));
      }
      view.append(el('div', { class: 'band', 'data-partition': band.partition }, head, items));
    });
    box.append(view);
  });
}

async function init() {
  catalog = await (await fetch('/api/catalog')).json();
  const op = $('op');
  op.append(el('optgroup', { label: 'Access patterns (query function)' },
    catalog.patterns.map((p) => el('option', { value: 'pattern:' + p.name, text: p.name }))));
  op.append(el('optgroup', { label: 'Commands (command function)' + (catalog.functions.command ? '' : ' — unavailable') },
    catalog.commands.map((c) => el('option', { value: 'command:' + c.name, text: c.name }))));
  op.onchange = renderForm;
  $('run').onclick = () => run(null);
  renderForm();
  pollStream();
  setInterval(pollStream, 2000);
  document.body.dataset.ready = 'true';
}

init();
