// The design explorer page: forms generated from /api/catalog (the item model's patterns and commands), runs
// through POST /api/run, and shows the answer first, then the touched item collections, then the DynamoDB requests
// (each with what it returned, its JSON folded away). No framework.
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

function plural(n, one, many) {
  return n + ' ' + (n === 1 ? one : (many || one + 's'));
}

function selected() {
  const [kind, name] = $('op').value.split(':');
  const list = kind === 'pattern' ? catalog.patterns : catalog.commands;
  return { kind, definition: list.find((d) => d.name === name) };
}

// Order lines are typed as productId:quantity[:discount], separated by spaces or commas ("11:2 72:1").
function linesText(lines) {
  return lines.map((l) => l.productId + ':' + l.quantity + (l.discount !== undefined ? ':' + l.discount : '')).join(' ');
}

function exampleText(value) {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value) && value.every((v) => v && v.productId !== undefined)) return linesText(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function renderForm() {
  const { kind, definition } = selected();
  const form = $('form');
  form.replaceChildren();
  $('description').textContent = definition.description;
  $('reads').textContent = definition.reads ? 'One request: ' + definition.reads.replace(/`/g, '') : '';
  definition.params.forEach((p) => {
    const id = 'param-' + p.name;
    form.append(el('label', { for: id, text: p.name + (p.required ? ' (required)' : ' (optional)') + ' — ' + p.label }));
    let input;
    if (p.kind === 'BOOLEAN') {
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
  // A GetItem reads one item by its key: there is no page to size.
  $('limit-row').hidden = kind !== 'pattern' || definition.singleItem;
  const fn = kind === 'pattern' ? 'query' : 'command';
  const available = catalog.functions[fn];
  $('unavailable').hidden = available;
  $('unavailable').textContent = available ? '' : 'Commands are unavailable: no `command` function is served by this local stack.';
  $('run').disabled = !available;
}

// "11:2 72:1:0.05" (or JSON) → [{productId, quantity, discount?}]; anything else is refused here, saying the format.
function orderLines(raw) {
  if (raw.startsWith('[')) {
    try { return JSON.parse(raw); } catch (e) { /* reported below */ }
  }
  const lines = raw.split(/[\s,]+/).filter((s) => s).map((spec) => {
    const m = /^([0-9]+):([0-9]+)(?::([0-9]+(?:\.[0-9]+)?))?$/.exec(spec);
    if (!m) throw new Error('lines: write each line as productId:quantity[:discount], e.g. 11:2 72:1:0.05 — got "' + spec + '"');
    const line = { productId: Number(m[1]), quantity: Number(m[2]) };
    if (m[3] !== undefined) line.discount = Number(m[3]);
    return line;
  });
  return lines;
}

function value(input) {
  const raw = input.value.trim();
  if (raw === '') return undefined;
  if (raw === 'null') return null;
  switch (input.dataset.kind) {
    case 'NUMERIC_ID': case 'INTEGER': case 'DECIMAL': return /^-?[0-9]+(\.[0-9]+)?$/.test(raw) ? Number(raw) : raw;
    case 'BOOLEAN': return raw === 'true';
    case 'ORDER_LINES': return orderLines(raw);
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
  let request;
  try {
    request = nextToken && last ? Object.assign({}, last, { nextToken }) : { kind, name: definition.name, params: params() };
  } catch (e) {
    $('status').replaceChildren(el('p', { class: 'error', id: 'error', text: 'ValidationError: ' + e.message }));
    return;
  }
  if (!nextToken && kind === 'pattern' && !definition.singleItem && $('limit').value) request.limit = Number($('limit').value);
  last = Object.assign({}, request);
  delete last.nextToken;
  $('run').disabled = true;
  $('status').replaceChildren(el('p', { class: 'hint', text: 'Running…' }));
  try {
    const response = await fetch('/api/run', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
    show(await response.json(), kind, definition);
  } catch (e) {
    $('status').replaceChildren(el('p', { class: 'error', text: 'The explorer did not answer: ' + e.message }));
  } finally {
    $('run').disabled = false;
  }
}

function show(result, kind, definition) {
  $('status').replaceChildren();
  $('next').hidden = true;
  if (result.error) {
    $('status').replaceChildren(el('p', { class: 'error', id: 'error', text: result.error.type + ': ' + result.error.message }));
    return;
  }
  showAnswer(result, kind, definition);
  showViews(result.views, kind);
  showRequests(result.requests);
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

// ---- the answer ----

function itemsTable(items, id) {
  const columns = [...new Set(items.flatMap((i) => Object.keys(i)))];
  return el('table', Object.assign({ class: 'items' }, id ? { id } : {}),
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', { text: c })))),
    el('tbody', {}, items.map((item) => el('tr', {}, columns.map((c) => el('td', { text: exampleText(item[c]) }))))));
}

function capacityText(value, byTarget) {
  if (value === undefined || value === null) return null;
  let text = 'consumed capacity ' + value;
  if (byTarget && Object.keys(byTarget).length) {
    text += ' (' + Object.entries(byTarget).map(([k, v]) => k + ' ' + v).join(', ') + ')';
  }
  return text;
}

// Only what the answer has: a GetItem has no scannedCount, a command no count.
function statsText(answer, kind, definition, elapsedMs) {
  const s = answer.stats || {};
  const parts = [];
  if (kind === 'pattern') {
    const n = (answer.items || []).length;
    parts.push(plural(n, 'item'));
    if (s.scannedCount !== undefined) parts.push('scannedCount ' + s.scannedCount);
    else if (definition.singleItem) parts.push('GetItem: one item read by its key, so no scannedCount');
  }
  if (s.requests !== undefined) parts.push(plural(s.requests, 'request'));
  if (s.attempts !== undefined) parts.push(plural(s.attempts, 'attempt'));
  const capacity = capacityText(s.consumedCapacity, s.consumedCapacityByTarget);
  if (capacity) parts.push(capacity);
  if (s.replayed) parts.push('replayed: the idempotency key was used before, nothing written');
  parts.push(elapsedMs + ' ms');
  return parts.join(' · ');
}

function showAnswer(result, kind, definition) {
  const box = $('answer');
  box.replaceChildren();
  const answer = result.answer || {};
  if (result.functionError || answer.error) {
    const e = answer.error || answer;
    box.append(el('p', { class: 'error', id: 'error', text: (e.type || e.errorType) + ': ' + (e.message || e.errorMessage) }));
  } else {
    box.append(el('div', { class: 'stats', id: 'stats', text: statsText(answer, kind, definition, result.elapsedMs) }));
    if (kind === 'pattern') {
      const items = answer.items || [];
      box.append(items.length ? itemsTable(items, 'results') : el('p', { class: 'hint', id: 'no-items', text: 'No items.' }));
      if (answer.nextToken) {
        $('next').hidden = false;
        $('next').onclick = () => run(answer.nextToken);
      }
    } else {
      box.append(commandResult(answer.result || {}));
    }
  }
  box.append(el('details', { class: 'json', id: 'answer-json' }, el('summary', { text: 'answer JSON' }),
    el('pre', { text: JSON.stringify(answer, null, 2) })));
}

// A command's result: each entity as a one-row table, each list of entities (placeOrder's lines) as a table.
function commandResult(result) {
  const box = el('div', { id: 'command-result' });
  Object.entries(result).forEach(([name, value]) => {
    box.append(el('h3', { text: name }));
    if (Array.isArray(value) && value.length && value.every((v) => v && typeof v === 'object')) box.append(itemsTable(value));
    else if (value && typeof value === 'object' && !Array.isArray(value)) box.append(itemsTable([value]));
    else box.append(el('p', { text: exampleText(value) }));
  });
  return box;
}

// ---- the item collections ----

const CHANGE_TEXT = { created: 'created', changed: 'changed', deleted: 'deleted' };

// One view per grouping the run touched: the base table, then each index (its partition and sort key come with it).
function showViews(views, kind) {
  const box = $('views');
  box.replaceChildren();
  (views || []).forEach((v) => {
    const title = v.index === null
      ? 'Base table — item collections by ' + v.partitionKey + ', sorted by ' + v.sortKey
      : v.index + ' — by ' + v.partitionKey + ', sorted by ' + v.sortKey;
    const view = el('div', { class: 'view', id: 'view-' + v.name, 'data-index': v.index || '' }, el('h3', { text: title }));
    v.bands.forEach((band) => {
      const head = el('div', { class: 'band-head' }, v.partitionKey + ' = ', el('b', { text: band.partition }),
        ' · ' + plural(band.total, 'item') + (band.truncated ? ' or more' : ''));
      // In the table an item shows its sk and type; in an index, its sort key there and its table key.
      const sub = (i) => v.index === null ? ' ' + (i.type || '') : ' ' + i.pk + (v.partitionKey === 'sk' ? '' : ' · ' + i.sk);
      const items = el('div', { class: 'band-items' }, band.items.map((i) => {
        if (i.gap !== undefined) return el('span', { class: 'gap', text: '… ' + i.gap + ' more' });
        const change = i.change ? ' ' + i.change : '';
        // The change first: a long key is cut at the right, the tag must stay visible.
        return el('span', { class: 'item' + (i.marked ? ' marked' : '') + change, title: JSON.stringify(i),
          'data-pk': i.pk || '', 'data-sk': i.sk || '' }, i.change ? el('span', { class: 'tag', text: CHANGE_TEXT[i.change] }) : '',
          el('span', { class: 'key', text: i[v.sortKey] || '(' + v.sortKey + ' unknown)' }), el('span', { class: 'sub', text: sub(i) }));
      }));
      if (!band.items.length) {
        items.append(el('span', { class: 'hint', text: v.index === null ? 'no items'
          : 'no items (only items with both ' + v.partitionKey + ' and ' + v.sortKey + ' are in ' + v.index + ')' }));
      }
      view.append(el('div', { class: 'band', 'data-partition': band.partition }, head, items));
    });
    if (v.morePartitions) {
      view.append(el('p', { class: 'more-partitions', text: '+ ' + plural(v.morePartitions, 'more partition') + ' '
        + (kind === 'pattern' ? 'read' : 'read or written') + ' by this run, not shown' }));
    }
    box.append(view);
  });
}

// ---- the requests ----

function capacityOf(consumed) {
  const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  if (!list.length) return null;
  const total = list.reduce((sum, c) => sum + (c.CapacityUnits || 0), 0);
  const parts = {};
  list.forEach((c) => {
    if (c.Table !== undefined) parts.table = (parts.table || 0) + c.Table;
    Object.entries(c.GlobalSecondaryIndexes || {}).forEach(([k, v]) => { parts[k] = (parts[k] || 0) + v; });
  });
  return capacityText(Math.round(total * 100) / 100, Object.keys(parts).length > 1 ? parts : {});
}

function describeRequest(r) {
  const q = r.request || {};
  const parts = [r.operation];
  if (q.TableName) parts.push('table ' + q.TableName);
  if (q.IndexName) parts.push('index ' + q.IndexName);
  if (q.KeyConditionExpression) parts.push('key condition: ' + q.KeyConditionExpression);
  if (q.ScanIndexForward === false) parts.push('descending');
  if (q.Limit) parts.push('limit ' + q.Limit);
  if (q.TransactItems) parts.push(plural(q.TransactItems.length, 'action') + ': ' + q.TransactItems.map((a) => Object.keys(a)[0]).join(', '));
  return parts.join(' · ');
}

function keysAsked(q) {
  return Object.values(q.RequestItems || {}).reduce((n, t) => n + ((t && t.Keys) || []).length, 0);
}

// What came back, in words, for every kind of request: items returned, or what a write did to the items it names.
function outcome(r) {
  if (r.error) return 'error: ' + r.error;
  const q = r.request || {};
  const returned = r.returnedKeys || [];
  const before = r.before ? new Set(r.before.map((b) => b.pk + '\u0000' + b.sk)) : null;
  const written = (body) => {
    const key = (body.Item || body.Key || {});
    const id = (key.pk && key.pk.S) + '\u0000' + (key.sk && key.sk.S);
    return before ? (before.has(id) ? 'changed' : 'created') : 'written';
  };
  let text;
  switch (r.operation) {
    case 'GetItem': text = returned.length ? 'returned 1 item' : 'returned no item (nothing has this key)'; break;
    case 'Query':
      text = 'returned ' + plural(r.count, 'item') + ' (scannedCount ' + r.scannedCount + ')'
        + (r.lastEvaluatedKey ? ' · stopped at the limit: LastEvaluatedKey set, more to read' : '');
      break;
    case 'BatchGetItem':
      text = 'returned ' + returned.length + ' of ' + plural(keysAsked(q), 'item') + ' asked for'
        + (r.unprocessedKeys ? ' · ' + r.unprocessedKeys + ' unprocessed' : '');
      break;
    case 'UpdateItem':
      text = 'updated 1 item (' + written(q) + ')'
        + (r.returnedAttributes && r.returnedAttributes.length ? ' · returned its new ' + r.returnedAttributes.join(', ') : '');
      break;
    case 'PutItem': text = 'put 1 item (' + written(q) + ')'; break;
    case 'DeleteItem': text = 'deleted 1 item'; break;
    case 'TransactWriteItems': {
      const counts = {};
      (q.TransactItems || []).forEach((a) => {
        const [verb, body] = Object.entries(a)[0];
        const what = verb === 'Delete' ? 'deleted' : verb === 'ConditionCheck' ? 'checked' : written(body);
        counts[what] = (counts[what] || 0) + 1;
      });
      text = 'one transaction: ' + Object.entries(counts).map(([k, v]) => plural(v, 'item') + ' ' + k).join(', ');
      break;
    }
    default: text = 'answered';
  }
  const capacity = capacityOf(r.consumedCapacity);
  return capacity ? text + ' · ' + capacity : text;
}

function showRequests(requests) {
  const box = $('requests');
  box.replaceChildren();
  if (!requests.length) box.append(el('p', { class: 'hint', text: 'No DynamoDB request was made.' }));
  requests.forEach((r, i) => {
    box.append(el('div', { class: 'request-head', text: (i + 1) + '. ' + describeRequest(r) }));
    box.append(el('div', { class: r.error ? 'error request-outcome' : 'stats request-outcome', text: outcome(r) }));
    box.append(el('details', { class: 'json' }, el('summary', { text: 'request JSON' }),
      el('pre', { class: 'request', text: JSON.stringify(r.request, null, 2) })));
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
