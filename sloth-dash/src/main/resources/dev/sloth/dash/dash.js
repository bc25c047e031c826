// Sloth dashboard: this module's own script (vanilla JavaScript, no third-party code, nothing fetched from
// elsewhere). It applies the server's messages (a "full" picture, then "delta"s at most 10 a second) to one state
// object and redraws: the progress table, the task stream (canvas), the graph (SVG, at most 2,000 elements),
// failures, the current and last get(), and the modules. Opened as a self-contained report, it reads one full
// message from the page itself and does not connect anywhere.
(function () {
  'use strict';
  var STATES = ['waiting', 'running', 'done', 'failed', 'stale'];
  var COLORS = ['#c8ccd2', '#3b82f6', '#22a55b', '#e02424', '#f5a524'];
  var MAX_ELEMENTS = 2000;   // the graph view never has more SVG elements than this
  var LABELS_UP_TO = 150;    // boxes get a text label when there are at most this many
  var SVGNS = 'http://www.w3.org/2000/svg';

  var S = {
    mode: 'nodes', nodes: [], edges: [], groups: [], groupEdges: [], fns: [], lanes: [], bars: [],
    totals: [0, 0, 0, 0, 0], failures: { total: 0, list: [] }, evalNow: null, lastEval: null, modules: null,
    pins: [], details: null, width: 0, height: 0, box: [120, 30], version: -1, t: 0, messages: 0, dropped: 0, groupsHidden: 0
  };
  var rects = [];          // node mode: the rect of node i
  var waiters = [];
  var firstPaint = -1;
  var dataEl = document.getElementById('sloth-data');
  var report = !!dataEl;

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }
  function fmt(n) { return n.toLocaleString('en-US'); }
  function ms(v) { return v < 0 ? '–' : (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US')); }

  // ------------------------------------------------------------------------------------------- messages

  function apply(m) {
    S.messages++;
    S.t = m.t;
    if (m.type === 'full') {
      S.mode = m.mode; S.version = m.version; S.width = m.width; S.height = m.height; S.box = m.box;
      S.nodes = m.nodes; S.edges = m.edges; S.groups = m.groups; S.groupEdges = m.groupEdges;
      S.groupsHidden = m.groupsHidden; S.fns = []; S.bars = [];
      if (m.details) S.details = m.details;
    } else {
      for (var i = 0; i < m.nodes.length; i++) {
        var u = m.nodes[i], n = S.nodes[u[0]];
        if (n) { n[3] = u[1]; if (rects[u[0]]) rects[u[0]].setAttribute('fill', COLORS[u[1]]); }
      }
    }
    for (var f = 0; f < m.fns.length; f++) {
      var x = m.fns[f];
      S.fns[x[0]] = { name: x[1], counts: x[2], runs: x[3], ms: x[4], failures: x[5], estimated: x[6] || 0 };
    }
    S.totals = m.totals; S.dropped = m.dropped;
    if (m.lanes) S.lanes = m.lanes;
    if (m.failures) S.failures = m.failures;
    if ('eval' in m) {
      if (S.evalNow && m.eval && m.eval.number !== S.evalNow.number) S.bars = [];
      S.evalNow = m.eval; S.lastEval = m.lastEval;
    }
    if (m.modules) S.modules = m.modules;
    if (m.pins) pinsChanged(m.pins);
    for (var b = 0; b < m.bars.length; b++) S.bars.push(m.bars[b]);
    if (S.bars.length > 4000) S.bars.splice(0, S.bars.length - 4000);
    render(m.type === 'full');
  }

  function render(full) {
    renderHeader();
    renderProgress();
    renderEval();
    renderStream();
    if (full) renderGraph(); else if (S.mode === 'groups') renderGroups();
    renderFailures();
    renderModules();
    if (firstPaint < 0) firstPaint = performance.now();
    var still = [];
    for (var i = 0; i < waiters.length; i++) {
      var w = waiters[i];
      var ok = false;
      try { ok = w.pred(); } catch (e) { ok = false; }
      if (ok) w.resolve(performance.now()); else still.push(w);
    }
    waiters = still;
  }

  // ------------------------------------------------------------------------------------------- panels

  function renderHeader() {
    var t = $('totals');
    t.textContent = '';
    var sum = 0;
    for (var i = 0; i < 5; i++) sum += S.totals[i];
    t.appendChild(el('b', null, fmt(sum) + ' nodes: '));
    for (var s = 0; s < 5; s++) {
      var c = el('span', null, (s ? ' · ' : '') + fmt(S.totals[s]) + ' ' + STATES[s]);
      c.id = 'total-' + STATES[s];
      t.appendChild(c);
    }
    if (S.dropped > 0) t.appendChild(el('span', 'note', ' (' + fmt(S.dropped) + ' events dropped by full buffers; states are from the last snapshot)'));
  }

  function stack(counts) {
    var d = el('div', 'stack'), total = 0;
    for (var i = 0; i < 5; i++) total += counts[i];
    for (var s = 0; s < 5; s++) {
      if (!counts[s]) continue;
      var seg = el('i', 's' + s);
      seg.style.width = (100 * counts[s] / total) + '%';
      d.appendChild(seg);
    }
    return d;
  }

  function renderProgress() {
    var rows = [];
    for (var i = 0; i < S.fns.length; i++) {
      var f = S.fns[i];
      if (!f) continue;
      var total = f.counts[0] + f.counts[1] + f.counts[2] + f.counts[3] + f.counts[4];
      if (total || f.runs) rows.push({ f: f, total: total });
    }
    rows.sort(function (a, b) { return b.total - a.total || (a.f.name < b.f.name ? -1 : 1); });
    var body = $('progress').tBodies[0];
    body.textContent = '';
    var shown = Math.min(rows.length, 100);
    for (var r = 0; r < shown; r++) {
      var x = rows[r].f, tr = el('tr');
      tr.dataset.fn = x.name;
      var name = el('td', 'name', x.name);
      name.title = x.name;
      tr.appendChild(name);
      var bar = el('td'); bar.appendChild(stack(x.counts)); tr.appendChild(bar);
      for (var s = 0; s < 5; s++) tr.appendChild(el('td', null, fmt(x.counts[s])));
      tr.appendChild(el('td', null, fmt(x.runs)));
      // runs the engine did not time (short ones, timed by sample) count at their function's mean timed run
      var approx = x.estimated ? '≈' : '';
      var total = el('td', null, approx + ms(x.ms)), mean = el('td', null, x.runs ? approx + ms(x.ms / x.runs) : '–');
      if (x.estimated) total.title = mean.title = fmt(x.estimated) + ' of ' + fmt(x.runs) + ' runs not timed (short runs are timed 1 in 16): counted at the mean of the timed ones';
      tr.appendChild(total);
      tr.appendChild(mean);
      body.appendChild(tr);
    }
    $('progress-more').textContent = rows.length > shown ? '… and ' + fmt(rows.length - shown) + ' more functions' : '';
  }

  function nodeLink(name) {
    var a = el('a', 'node', name);
    a.addEventListener('click', function () { showNode(name); });
    return a;
  }

  function renderEval() {
    var box = $('eval');
    box.textContent = '';
    var e = S.evalNow;
    if (!e) { box.appendChild(el('p', 'note', 'No get() yet.')); }
    else {
      var running = e.end < 0;
      var p = el('p');
      p.appendChild(document.createTextNode('get '));
      p.appendChild(nodeLink(e.requested));
      var took = (running ? S.t : e.end) - e.start;
      p.appendChild(document.createTextNode(' · ' + (running ? 'running for ' : (e.ok ? 'done in ' : 'failed after '))
          + ms(took) + ' ms · planned ' + fmt(e.planned) + ' · ran ' + fmt(e.ran) + ' · cache hits ' + fmt(e.hits)
          + (e.failed ? ' · failed ' + fmt(e.failed) : '')));
      p.id = 'eval-line';
      box.appendChild(p);
    }
    var list = $('critical');
    list.textContent = '';
    var l = S.lastEval;
    if (l && l.critical.length) {
      for (var i = 0; i < l.critical.length && i < 200; i++) {
        var li = el('li'); li.appendChild(nodeLink(l.critical[i])); list.appendChild(li);
      }
      list.appendChild(el('li', 'note', ms(l.criticalMs) + ' ms in all (no schedule could finish sooner)'));
    }
  }

  function renderFailures() {
    var list = $('failures');
    list.textContent = '';
    var f = S.failures;
    $('failures-count').textContent = f.total ? fmt(f.total) + ' failed' + (f.total > f.list.length ? ', first ' + f.list.length + ' shown' : '') : 'none';
    for (var i = 0; i < f.list.length; i++) {
      var x = f.list[i], li = el('li');
      li.dataset.node = x.name;
      li.appendChild(nodeLink(x.name));
      li.appendChild(document.createTextNode(x.root ? ' threw' : ' (a dependency failed)'));
      var path = el('div', 'path');
      path.appendChild(document.createTextNode('path: '));
      for (var p = 0; p < x.path.length; p++) {
        if (p) path.appendChild(document.createTextNode(' → '));
        path.appendChild(nodeLink(x.path[p]));
      }
      li.appendChild(path);
      li.appendChild(el('div', 'err', x.error));
      list.appendChild(li);
    }
  }

  function renderModules() {
    if (!S.modules) return;
    $('modules-panel').hidden = false;
    var body = $('modules').tBodies[0];
    body.textContent = '';
    for (var i = 0; i < S.modules.length; i++) {
      var b = S.modules[i], tr = el('tr');
      tr.appendChild(el('td', null, b.module + '.' + b.name));
      var st = el('td'); st.appendChild(el('span', 'chip ' + bindingClass(b.state), b.state)); tr.appendChild(st);
      tr.appendChild(el('td', null, b.type));
      tr.appendChild(el('td', null, b.eager ? 'yes' : ''));
      tr.appendChild(el('td', null, ms(b.ms)));
      tr.appendChild(el('td', 'err', b.failure || ''));
      body.appendChild(tr);
    }
  }
  function bindingClass(s) { return s === 'resolved' ? 's2' : s === 'resolving' ? 's1' : s === 'failed' ? 's3' : 's0'; }

  // ------------------------------------------------------------------------------------------- task stream

  function hue(i) { return 'hsl(' + ((i * 137.508) % 360) + ',55%,55%)'; }

  function renderStream() {
    var c = $('stream');
    var used = {}, order = [];
    for (var i = 0; i < S.bars.length; i++) {
      var l = S.bars[i][0];
      if (!(l in used)) { used[l] = true; order.push(l); }
    }
    order.sort(function (a, b) { return a - b; });
    var row = {};
    for (var r = 0; r < order.length; r++) row[order[r]] = r;
    var lane = 18, labelW = 150;
    var w = c.clientWidth || 800, h = Math.max(40, order.length * lane + 18);
    if (c.width !== w) c.width = w;
    if (c.height !== h) c.height = h;
    var g = c.getContext('2d');
    g.clearRect(0, 0, w, h);
    g.font = '11px system-ui, sans-serif';
    if (!S.bars.length) { g.fillStyle = '#656d76'; g.fillText('no runs yet', 8, 24); return; }
    var e = S.evalNow, t0 = e ? e.start : S.bars[0][1], t1 = t0 + 1;
    for (var b = 0; b < S.bars.length; b++) { t0 = Math.min(t0, S.bars[b][1]); t1 = Math.max(t1, S.bars[b][2]); }
    if (e && e.end < 0) t1 = Math.max(t1, S.t);
    var span = Math.max(t1 - t0, 0.001), plot = w - labelW - 8;
    for (var q = 0; q < order.length; q++) {
      g.fillStyle = '#656d76';
      var name = S.lanes[order[q]] || ('lane ' + order[q]);
      g.fillText(name.length > 24 ? name.slice(0, 23) + '…' : name, 4, q * lane + 13);
    }
    for (var k = 0; k < S.bars.length; k++) {
      var x = S.bars[k], y = row[x[0]] * lane + 2;
      var x0 = labelW + (x[1] - t0) / span * plot, x1 = labelW + (x[2] - t0) / span * plot;
      g.fillStyle = x[5] ? COLORS[3] : hue(x[4]);
      g.fillRect(x0, y, Math.max(1, x1 - x0), lane - 4);
      if (x1 - x0 > 40) {
        g.fillStyle = '#fff';
        var label = (x[6] > 1 ? (S.fns[x[4]] ? S.fns[x[4]].name : x[3]) + ' ×' + x[6] : x[3]) + (x[7] ? ' ≈' : '');
        g.fillText(label, x0 + 3, y + 11, x1 - x0 - 6);
      }
    }
    g.fillStyle = '#656d76';
    g.fillText(ms(span) + ' ms', w - 70, h - 3);
  }

  // ------------------------------------------------------------------------------------------- the graph

  var graphEl = $('graph');

  function sizeGraph(width, height) {
    var pad = 12;
    graphEl.setAttribute('viewBox', (-pad) + ' ' + (-pad) + ' ' + (width + 2 * pad) + ' ' + (height + 2 * pad));
    var w = graphEl.clientWidth || 900;
    // fit the width, but never draw a box larger than 1.5 times its natural size, nor the view taller than 640 px
    var scale = Math.min(1.5, w / (width + 2 * pad));
    var px = Math.min(640, Math.max(100, scale * (height + 2 * pad)));
    graphEl.style.height = px + 'px';
  }

  function renderGraph() {
    graphEl.textContent = '';
    rects = [];
    var bw = S.box[0], bh = S.box[1];
    sizeGraph(S.width, S.height);
    if (S.mode === 'nodes') {
      var n = S.nodes.length;
      var d = [];
      for (var i = 0; i < S.edges.length; i++) {
        var a = S.nodes[S.edges[i][0]], b = S.nodes[S.edges[i][1]];
        d.push('M' + (a[4] + bw / 2) + ' ' + (a[5] + bh) + 'L' + (b[4] + bw / 2) + ' ' + b[5]);
      }
      if (d.length) graphEl.appendChild(svg('path', { 'class': 'edges', d: d.join('') }));
      var labels = n <= LABELS_UP_TO && 2 * n + 1 <= MAX_ELEMENTS;
      for (var k = 0; k < n && graphEl.childElementCount < MAX_ELEMENTS; k++) {
        var x = S.nodes[k];
        var r = svg('rect', { 'class': 'node', x: x[4], y: x[5], width: bw, height: bh, rx: x[2] === 's' ? 14 : 3,
          fill: COLORS[x[3]], stroke: '#57606a', 'stroke-width': 0.6, 'data-i': k });
        graphEl.appendChild(r);
        rects[k] = r;
        if (labels) {
          var t = svg('text', { x: x[4] + bw / 2, y: x[5] + bh / 2 + 4, 'text-anchor': 'middle' });
          t.textContent = x[0].length > 18 ? x[0].slice(0, 17) + '…' : x[0];
          graphEl.appendChild(t);
        }
      }
      $('graph-info').textContent = fmt(n) + ' nodes, one box each' + (labels ? '' : ' (hover for names)');
    } else {
      renderGroups();
    }
  }

  function renderGroups() {
    graphEl.textContent = '';
    var bw = S.box[0], bh = S.box[1];
    var d = [];
    for (var i = 0; i < S.groupEdges.length; i++) {
      var a = S.groups[S.groupEdges[i][0]], b = S.groups[S.groupEdges[i][1]];
      if (a && b) d.push('M' + (a[1] + bw / 2) + ' ' + (a[2] + bh) + 'L' + (b[1] + bw / 2) + ' ' + b[2]);
    }
    if (d.length) graphEl.appendChild(svg('path', { 'class': 'edges', d: d.join('') }));
    var total = 0;
    for (var g = 0; g < S.groups.length && graphEl.childElementCount + 7 <= MAX_ELEMENTS; g++) {
      var gr = S.groups[g], f = S.fns[gr[0]];
      if (!f) continue;
      var sum = f.counts[0] + f.counts[1] + f.counts[2] + f.counts[3] + f.counts[4];
      total += sum;
      graphEl.appendChild(svg('rect', { 'class': 'grp', x: gr[1], y: gr[2], width: bw, height: bh, rx: 3,
        fill: '#ffffff', stroke: '#57606a', 'stroke-width': 0.8, 'data-g': g }));
      var x = gr[1] + 2;
      for (var s = 0; s < 5; s++) {
        if (!f.counts[s] || !sum) continue;
        var w = (bw - 4) * f.counts[s] / sum;
        graphEl.appendChild(svg('rect', { x: x, y: gr[2] + bh - 9, width: Math.max(w, 0.5), height: 7, fill: COLORS[s],
          'data-g': g, 'class': 'grp' }));
        x += w;
      }
      var t = svg('text', { x: gr[1] + bw / 2, y: gr[2] + 13, 'text-anchor': 'middle' });
      var label = f.name.length > 12 ? f.name.slice(0, 11) + '…' : f.name;
      t.textContent = label + ' ' + fmt(sum);
      graphEl.appendChild(t);
    }
    $('graph-info').textContent = fmt(total) + ' nodes in ' + fmt(S.groups.length) + ' function groups'
      + (S.groupsHidden ? ' (' + fmt(S.groupsHidden) + ' smaller groups not drawn)' : '')
      + ': above 2,000 nodes the view shows one box per function, bars coloured by state';
  }

  graphEl.addEventListener('click', function (ev) {
    var t = ev.target;
    if (t.dataset && t.dataset.i !== undefined) showNode(S.nodes[+t.dataset.i][0]);
    else if (t.dataset && t.dataset.g !== undefined) showGroup(S.fns[S.groups[+t.dataset.g][0]].name);
  });
  graphEl.addEventListener('mousemove', function (ev) {
    var tip = $('tip'), t = ev.target, text = null;
    if (t.dataset && t.dataset.i !== undefined) { var x = S.nodes[+t.dataset.i]; text = x[0] + ' · ' + STATES[x[3]]; }
    else if (t.dataset && t.dataset.g !== undefined) {
      var f = S.fns[S.groups[+t.dataset.g][0]];
      text = f.name + ': ' + STATES.map(function (s, i) { return fmt(f.counts[i]) + ' ' + s; }).join(', ');
    }
    if (!text) { tip.hidden = true; return; }
    tip.hidden = false;
    tip.textContent = text;
    var box = $('graph-box').getBoundingClientRect();
    tip.style.left = (ev.clientX - box.left + 12) + 'px';
    tip.style.top = (ev.clientY - box.top + 12) + 'px';
  });

  // ------------------------------------------------------------------------------------------- pinned nodes

  // pins: [[name, value text, deliveries, time ms]], the nodes the program pinned (Dashboard.pin), kept fresh by
  // the graph's observers; the node view, when it shows one of them, is refetched when its value comes
  function pinsChanged(pins) {
    var shown = $('detail').dataset.node, before = {};
    for (var i = 0; i < S.pins.length; i++) before[S.pins[i][0]] = S.pins[i][2];
    S.pins = pins;
    var box = $('pins');
    box.textContent = '';
    box.hidden = !pins.length;
    if (!pins.length) return;
    box.appendChild(el('h3', null, 'Pinned (kept up to date by the dashboard)'));
    var dl = el('dl', 'kv');
    for (var k = 0; k < pins.length; k++) {
      var p = pins[k], dt = el('dt'), dd = el('dd', 'pinned');
      dt.appendChild(nodeLink(p[0]));
      dd.textContent = p[1];
      dd.dataset.node = p[0];
      dd.title = fmt(p[2]) + ' values delivered, the last at ' + ms(p[3]) + ' ms';
      dl.appendChild(dt); dl.appendChild(dd);
      if (p[0] === shown && before[p[0]] !== p[2] && !report) showNode(p[0]);
    }
    box.appendChild(dl);
  }

  // ------------------------------------------------------------------------------------------- detail

  function get(url) {
    return fetch(url, { cache: 'no-store' }).then(function (r) { return r.ok ? r.json() : null; });
  }

  function showNode(name) {
    if (report) { drawDetail(S.details ? S.details[name] : null, name); return; }
    get('api/node?name=' + encodeURIComponent(name)).then(function (d) { drawDetail(d, name); });
  }

  function chip(state) { return el('span', 'chip s' + STATES.indexOf(state), state); }

  function drawDetail(d, name) {
    var box = $('detail');
    box.textContent = '';
    if (!d) { box.appendChild(el('p', 'note', 'No details for ' + name + (report ? ' in this report.' : ' (it may be gone).'))); return; }
    var dl = el('dl', 'kv');
    function row(k, v) { dl.appendChild(el('dt', null, k)); var dd = el('dd'); if (typeof v === 'string') dd.textContent = v; else dd.appendChild(v); dl.appendChild(dd); }
    row('node', d.name);
    row('function', d.fn + ' (' + d.kind + ')');
    row('state', chip(d.state));
    row('value', d.value === null ? '–' : d.value);
    row('runs', fmt(d.runs) + (d.ranInLastGet ? ' (ran in the last get())' : ''));
    row('last run', d.lastMs < 0 ? '–' : d.lastEstimated
      ? '≈ ' + ms(d.lastMs) + ' ms (not timed: short runs are timed 1 in 16; this is its function\'s mean timed run)'
      : ms(d.lastMs) + ' ms');
    row('why it ran', d.why || '–');
    if ('cache' in d) row('persistent cache', d.cache || '–');
    if (d.error) { var e = el('span', 'err', d.error); row('error', e); }
    if (d.path) row('path', d.path.join(' → '));
    row('depends on', links(d.deps, d.depsTotal));
    row('used by', links(d.dependents, d.dependentsTotal));
    box.appendChild(dl);
    box.dataset.node = d.name;
  }

  function links(list, total) {
    var span = el('span');
    if (!list.length) { span.textContent = '–'; return span; }
    for (var i = 0; i < list.length; i++) {
      if (i) span.appendChild(document.createTextNode(', '));
      span.appendChild(nodeLink(list[i][0]));
      span.appendChild(document.createTextNode(' (' + STATES[list[i][1]] + ')'));
    }
    if (total > list.length) span.appendChild(document.createTextNode(' … ' + fmt(total - list.length) + ' more'));
    return span;
  }

  function showGroup(name) {
    var box = $('detail');
    if (report) { box.textContent = ''; box.appendChild(el('p', 'note', 'Function ' + name + ': members are listed by the live dashboard.')); return; }
    get('api/function?name=' + encodeURIComponent(name)).then(function (d) {
      box.textContent = '';
      if (!d) return;
      box.appendChild(el('p', null, 'function ' + d.fn + ': ' + STATES.map(function (s, i) { return fmt(d.counts[i]) + ' ' + s; }).join(', ')));
      var ul = el('ol');
      for (var i = 0; i < d.nodes.length; i++) {
        var li = el('li'); li.appendChild(nodeLink(d.nodes[i][0])); li.appendChild(document.createTextNode(' ' + STATES[d.nodes[i][1]]));
        ul.appendChild(li);
      }
      box.appendChild(ul);
    });
  }

  // ------------------------------------------------------------------------------------------- start

  window.slothDash = {
    totals: function () { return S.totals.slice(); },
    stateOf: function (name) {
      for (var i = 0; i < S.nodes.length; i++) if (S.nodes[i][0] === name) return STATES[S.nodes[i][3]];
      return null;
    },
    mode: function () { return S.mode; },
    // the centre of a node's box in the viewport, after scrolling it into view (node mode only)
    boxOf: function (name) {
      for (var i = 0; i < S.nodes.length; i++) {
        if (S.nodes[i][0] !== name || !rects[i]) continue;
        rects[i].scrollIntoView({ block: 'center' });
        var b = rects[i].getBoundingClientRect();
        return [b.x + b.width * 0.08, b.y + b.height / 2]; // left of the centred label
      }
      return null;
    },
    drawnElements: function () { return graphEl.querySelectorAll('*').length; },
    firstPaint: function () { return firstPaint; },
    messages: function () { return S.messages; },
    failures: function () { return S.failures; },
    pinned: function (name) {
      for (var i = 0; i < S.pins.length; i++) if (S.pins[i][0] === name) return S.pins[i][1];
      return null;
    },
    // resolves (with performance.now()) once pred() holds after a message, or at once if it holds already
    waitFor: function (pred, timeoutMs) {
      return new Promise(function (resolve, reject) {
        try { if (pred()) { resolve(performance.now()); return; } } catch (e) { /* not yet */ }
        var w = { pred: pred, resolve: resolve };
        waiters.push(w);
        setTimeout(function () {
          var i = waiters.indexOf(w);
          if (i >= 0) { waiters.splice(i, 1); reject(new Error('timed out after ' + timeoutMs + ' ms')); }
        }, timeoutMs || 10000);
      });
    },
    showNode: showNode
  };

  if (report) {
    $('links').hidden = true;
    var data = JSON.parse(dataEl.textContent);
    $('conn').textContent = 'report: the graph as it was when saved (not live)';
    apply(data);
  } else {
    var conn = $('conn');
    var source = new EventSource('events');
    source.onopen = function () { conn.textContent = 'live'; conn.className = 'conn live'; };
    source.onerror = function () { conn.textContent = 'reconnecting…'; conn.className = 'conn lost'; };
    source.onmessage = function (ev) { apply(JSON.parse(ev.data)); };
  }
})();
