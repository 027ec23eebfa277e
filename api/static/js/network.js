// The actor network page: /api/network drawn by network-draw.js; the view form (asks the server
// again), the time window (in the page), find-path with each hop's events, details on click.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  var D = window.KG_NETWORK_DRAW;
  var form = document.getElementById("view-form");
  var status = document.getElementById("net-status");
  var tooltip = document.getElementById("tooltip");
  var current = null;  // {graph, renderer, placer, layout, days, state, data}
  var opened = performance.now();
  var SIGNS = JSON.parse(box.dataset.signs);  // PLOVER type -> 1 cooperation, -1 conflict, 0 unsigned (kg.graph.signs)
  window.KG_NETWORK = { get current() { return current; } };

  function el(tag, content, cls) {
    var e = document.createElement(tag);
    if (content !== undefined && content !== null) e.textContent = content;
    if (cls) e.className = cls;
    return e;
  }
  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }

  // The view form as query parameters (and in the page's own URL, so that a view can be shared).
  function viewQuery() {
    var q = new URLSearchParams();
    if (form.directed.checked) q.set("directed", "true");
    ["top", "metric", "min_weight", "country", "ego", "radius"].forEach(function (name) {
      var v = (form[name].value || "").trim();
      if (v && !(name === "min_weight" && v === "1") && !(name === "radius" && v === "1")) q.set(name, v);
    });
    if (!form.ego.value.trim()) q.delete("radius");
    var boxes = Array.from(document.querySelectorAll("#type-filters input"));
    var on = boxes.filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
    if (on.length && on.length < boxes.length) q.set("type", on.join(","));
    return q;
  }
  function filterQuery() {  // what find-path and the link details share with the view: the event filters
    var q = new URLSearchParams(), view = viewQuery();
    ["type", "country"].forEach(function (k) { if (view.get(k)) q.set(k, view.get(k)); });
    return q;
  }
  function readLocation() {
    var q = new URLSearchParams(location.search);
    ["top", "metric", "min_weight", "country", "ego", "radius"].forEach(function (name) {
      if (q.get(name) !== null) form[name].value = q.get(name);
    });
    form.directed.checked = q.get("directed") === "true";
    if (q.get("type")) {
      var chosen = q.get("type").split(",");
      document.querySelectorAll("#type-filters input").forEach(function (c) { c.checked = chosen.indexOf(c.value) >= 0; });
    }
    return q.get("focus");
  }

  function build(data) {
    if (current) { if (current.layout) current.layout.kill(); current.renderer.kill(); }
    var graph = new graphology.Graph({ type: data.directed ? "directed" : "undirected" });
    var maxScore = Math.max.apply(null, data.nodes.map(function (n) { return n.score; }).concat([1e-9]));
    data.nodes.forEach(function (n) {  // best first: the order labels are offered in
      graph.addNode(n.id, { label: n.label || n.id, kind: n.kind || "other", country: n.country, events: n.events,
        dates: n.dates, undated: n.undated, iri: n.iri, forceLabel: true,
        size: 3 + 11 * Math.sqrt(n.score / maxScore), color: D.kindColour(n.kind) });
    });
    data.edges.forEach(function (e) {
      graph.mergeEdge(e.source, e.target, { events: e.events, weight: e.weight, types: e.types, links: e.links || [],
        layoutWeight: 1 + Math.log2(e.weight), size: D.linkSize(e.weight),
        color: D.signColour(e.cooperation, e.conflict) });
    });
    var days = Array.from(new Set([].concat.apply([], data.nodes.map(function (n) { return n.dates; })))).sort();
    var state = { path: null, focus: null, layingOut: false };
    D.place(graph);
    var drawn = D.render(box, graph, state);
    current = { graph: graph, renderer: drawn.renderer, placer: drawn.placer, state: state, days: days, data: data };
    wire(current);
    setWindow(days);
    summary();
    drawn.renderer.once("afterRender", function () {
      box.dataset.paintMs = String(Math.round(performance.now() - opened));
      box.dataset.ready = "true";
    });
    drawn.renderer.refresh();
    box.dataset.settled = "false";
    current.layout = D.settle(graph, function (ms, iterations) {
      box.dataset.settleMs = String(Math.round(ms));
      box.dataset.iterations = String(iterations || 0);
      box.dataset.settledAtMs = String(Math.round(performance.now() - opened));
      box.dataset.settled = "true";
      current.layout = null;
      current.renderer.refresh();
    }, state);
    names(data.nodes);
  }

  function names(nodes) {
    var list = document.getElementById("actor-names");
    list.textContent = "";
    nodes.slice(0, 2000).forEach(function (n) { var o = document.createElement("option"); o.value = n.label || n.id; list.appendChild(o); });
  }

  function summary() {
    var c = current.data.counts, shown = 0, links = 0;
    current.graph.forEachNode(function (_n, a) { if (!a.hidden) shown += 1; });
    current.graph.forEachEdge(function (_e, a) { if (!a.hidden) links += 1; });
    var text = plural(shown, "actor") + " and " + plural(links, "link") + " shown";
    if (c.nodes < c.actors || c.edges < c.links) text += " (of " + plural(c.actors, "actor") + " and " + plural(c.links, "link") + ")";
    if (current.data.center) text += " · ego network of " + current.graph.getNodeAttribute(current.data.center, "label");
    status.textContent = text;
  }

  // The time window: links keep only their events in it (and undated ones when asked); an actor
  // without an event in it is hidden.
  function setWindow(days) {
    ["from-slider", "to-slider"].forEach(function (id) {
      var s = document.getElementById(id);
      s.max = String(Math.max(days.length - 1, 0));
      s.value = id === "from-slider" ? "0" : s.max;
      s.disabled = !days.length;
    });
    applyWindow();
  }
  function inWindow(dates, lo, hi) {  // sorted ISO dates: is one within [lo, hi]?
    var a = 0, b = dates.length;
    while (a < b) { var m = (a + b) >> 1; if (dates[m] < lo) a = m + 1; else b = m; }
    return a < dates.length && dates[a] <= hi;
  }
  function applyWindow() {
    if (!current) return;
    var days = current.days, from = document.getElementById("from-slider"), to = document.getElementById("to-slider");
    if (Number(from.value) > Number(to.value)) from.value = to.value;
    var lo = days[Number(from.value)] || "", hi = days[Number(to.value)] || "\uffff";
    var undated = document.getElementById("undated").checked;
    var whole = Number(from.value) === 0 && Number(to.value) === days.length - 1 && undated;
    document.getElementById("from-label").textContent = days.length ? lo : "no dates";
    document.getElementById("to-label").textContent = days.length ? hi : "";
    current.graph.updateEachNodeAttributes(function (_n, a) {
      a.hidden = !whole && !a.extra && !(inWindow(a.dates, lo, hi) || (undated && a.undated > 0));
      return a;
    });
    current.graph.updateEachEdgeAttributes(function (_e, a) {
      if (a.extra) return a;  // a hop of a path, outside the view
      var w = 0, co = 0, cf = 0;
      for (var i = 0; i < a.events.length; i++) {
        var d = a.events[i][0];
        if (d === null ? undated : (d >= lo && d <= hi)) {
          w += 1;
          var s = SIGNS[a.events[i][1]] || 0;
          if (s > 0) co += 1; else if (s < 0) cf += 1;
        }
      }
      a.hidden = w === 0;
      a.shown = w;
      if (w) { a.size = D.linkSize(w); a.color = D.signColour(co, cf); }
      return a;
    });
    summary();
  }

  function wire(cur) {
    var r = cur.renderer;
    r.on("enterEdge", function (ev) {
      var a = cur.graph.getEdgeAttributes(ev.edge), ends = cur.graph.extremities(ev.edge);
      var arrow = cur.graph.type === "directed" ? " → " : " — ";
      var types = Object.keys(a.types).map(function (t) { return t + " " + a.types[t]; })
        .concat((a.links || []).map(function (k) { return k; })).join(", ");  // membership, leadership, command
      tooltip.textContent = cur.graph.getNodeAttribute(ends[0], "label") + arrow + cur.graph.getNodeAttribute(ends[1], "label") +
        ": " + plural(a.shown === undefined ? a.weight : a.shown, "event") + " in view (" + a.weight + " in all) · " + types;
      tooltip.hidden = false;
    });
    r.on("leaveEdge", function () { tooltip.hidden = true; });
    r.getMouseCaptor().on("mousemovebody", function (e) {
      tooltip.style.left = (e.original.clientX + 14) + "px";
      tooltip.style.top = (e.original.clientY + 14) + "px";
    });
    r.on("clickNode", function (ev) { select(ev.node); });
    r.on("clickEdge", function (ev) { var ends = cur.graph.extremities(ev.edge); showLink(ends[0], ends[1]); });
    r.on("clickStage", function () { cur.state.focus = null; r.refresh({ skipIndexation: true }); });
  }

  function select(id) {
    current.state.focus = id;
    var attrs = current.graph.getNodeAttributes(id);
    current.renderer.getCamera().animate({ x: current.renderer.getNodeDisplayData(id).x,
      y: current.renderer.getNodeDisplayData(id).y, ratio: 0.35 }, { duration: 400 });
    current.renderer.refresh({ skipIndexation: true });
    window.KG_NETWORK_DETAILS.actor(id, attrs);
  }

  function showLink(a, b) { window.KG_NETWORK_DETAILS.link(current, a, b, filterQuery()); }

  function load(focus) {
    status.textContent = "Loading…";
    box.dataset.ready = "false";
    var q = viewQuery();
    history.replaceState(null, "", location.pathname + (q.toString() ? "?" + q : ""));
    fetch(box.dataset.networkUrl + (q.toString() ? "?" + q : "")).then(function (r) { return r.json(); }).then(function (data) {
      if (!data.ok) {
        status.textContent = data.detail + (data.suggestions && data.suggestions.length ? " (did you mean " + data.suggestions.join(", ") + "?)" : "");
        status.classList.add("error");
        return;
      }
      status.classList.remove("error");
      if (focus && !data.nodes.some(function (n) { return n.id === focus; }) && !form.ego.value) {
        form.ego.value = focus;  // not among the top actors: show its own neighbourhood
        load(focus);
        return;
      }
      build(data);
      if (focus && current.graph.hasNode(focus)) select(focus);
    });
  }

  function legend() {
    var ul = document.getElementById("legend"), kinds = window.KG_COLOURS.kinds;
    Object.keys(kinds).forEach(function (k) {
      var li = el("li", k.replace(/_/g, " ")), dot = el("span", "", "dot");
      dot.style.background = kinds[k];
      li.prepend(dot);
      ul.appendChild(li);
    });
    document.getElementById("sign-scale").style.background = "linear-gradient(to right, " +
      [D.signColour(1, 0), D.signColour(1, 1), D.signColour(0, 1)].join(", ") + ")";
  }

  legend();
  form.addEventListener("submit", function (evt) { evt.preventDefault(); load(null); });
  document.getElementById("ego-clear").addEventListener("click", function () { form.ego.value = ""; load(null); });
  ["from-slider", "to-slider", "undated"].forEach(function (id) {
    document.getElementById(id).addEventListener("input", applyWindow);
  });
  document.getElementById("path-form").addEventListener("submit", function (evt) {
    evt.preventDefault();
    window.KG_NETWORK_DETAILS.path(current, document.getElementById("path-from").value.trim(),
      document.getElementById("path-to").value.trim(), filterQuery());
  });
  window.KG_NETWORK.select = select;
  window.KG_NETWORK.reload = load;
  load(readLocation());
})();
