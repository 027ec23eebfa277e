// Drawing the actor network: a graphology graph rendered by sigma.js (WebGL), laid out by
// ForceAtlas2 in a web worker until it settles, labels placed by importance without overlap.
// network.js builds the page around it; everything here is about pixels.
(function () {
  "use strict";
  var C = window.KG_COLOURS;
  var COOPERATION = [33, 102, 172], MIXED = [189, 189, 189], CONFLICT = [178, 24, 43];  // ColorBrewer RdBu
  var UNSIGNED = "#9e9e9e";

  function mix(a, b, t) {
    var c = a.map(function (v, i) { return Math.round(v + (b[i] - v) * t); });
    return "rgb(" + c.join(",") + ")";
  }

  // The colour of a link from its sign mix: blue all cooperation, grey even, red all conflict.
  function signColour(cooperation, conflict) {
    var signed = cooperation + conflict;
    if (!signed) return UNSIGNED;
    var share = conflict / signed;
    return share < 0.5 ? mix(COOPERATION, MIXED, share * 2) : mix(MIXED, CONFLICT, (share - 0.5) * 2);
  }

  function linkSize(weight) { return 0.4 + 1.2 * Math.log2(1 + weight); }

  // A seeded random source, so that the same data gives the same drawing.
  function random(seed) {
    return function () {
      seed = (seed + 0x6D2B79F5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // Start positions: on a disc, the same for the same data (the layout does the rest).
  function place(graph) {
    var rand = random(17), spread = 10 * Math.sqrt(graph.order + 1);
    graph.forEachNode(function (node) {
      var angle = rand() * 2 * Math.PI, r = spread * Math.sqrt(rand());
      graph.mergeNodeAttributes(node, { x: r * Math.cos(angle), y: r * Math.sin(angle) });
    });
  }

  // Actors not laid out yet go beside the laid-out ones they are linked to (weighted by events),
  // those linked to none on a ring around the drawing.
  function besides(bare, placed, rand) {
    var xs = [], ys = [];
    placed.forEach(function (n) { xs.push(bare.getNodeAttribute(n, "x")); ys.push(bare.getNodeAttribute(n, "y")); });
    var cx = xs.reduce(function (a, b) { return a + b; }, 0) / xs.length;
    var cy = ys.reduce(function (a, b) { return a + b; }, 0) / ys.length;
    var radius = Math.max.apply(null, xs.map(function (x, i) { return Math.hypot(x - cx, ys[i] - cy); }).concat([1]));
    var step = radius / Math.sqrt(placed.size + 1);
    bare.forEachNode(function (n) {
      if (placed.has(n)) return;
      var x = 0, y = 0, w = 0;
      bare.forEachEdge(n, function (_e, a, s, t) {
        var other = s === n ? t : s;
        if (placed.has(other)) {
          x += a.layoutWeight * bare.getNodeAttribute(other, "x"); y += a.layoutWeight * bare.getNodeAttribute(other, "y");
          w += a.layoutWeight;
        }
      });
      var angle = rand() * 2 * Math.PI;
      if (w) bare.mergeNodeAttributes(n, { x: x / w + step * rand() * Math.cos(angle), y: y / w + step * rand() * Math.sin(angle) });
      else bare.mergeNodeAttributes(n, { x: cx + radius * 1.1 * Math.cos(angle), y: cy + radius * 1.1 * Math.sin(angle) });
      placed.add(n);
    });
  }

  // Labels: sigma offers every label (all are forced) in the graph's order, most important first;
  // one is drawn only where it overlaps no label drawn before it in this frame.
  function LabelPlacer() {
    this.cell = 40;
    this.widths = new Map();
    this.reset();
  }
  LabelPlacer.prototype.reset = function () { this.grid = new Map(); this.drawn = []; };
  LabelPlacer.prototype.fits = function (box, add) {
    var c = this.cell;
    for (var i = Math.floor(box.x0 / c); i <= Math.floor(box.x1 / c); i++) {
      for (var j = Math.floor(box.y0 / c); j <= Math.floor(box.y1 / c); j++) {
        var key = i + ":" + j, list = this.grid.get(key);
        if (add) { if (!list) this.grid.set(key, list = []); list.push(box); continue; }
        if (list) for (var k = 0; k < list.length; k++) {
          var o = list[k];
          if (box.x0 < o.x1 && o.x0 < box.x1 && box.y0 < o.y1 && o.y0 < box.y1) return false;
        }
      }
    }
    return true;
  };
  LabelPlacer.prototype.draw = function (context, data, settings) {
    if (!data.label) return;
    var size = settings.labelSize;
    context.font = settings.labelWeight + " " + size + "px " + settings.labelFont;
    var width = this.widths.get(data.label);
    if (width === undefined) { width = context.measureText(data.label).width; this.widths.set(data.label, width); }
    var x = data.x + data.size + 3;
    if (x + width > context.canvas.clientWidth) x = data.x - data.size - 3 - width;
    var box = { key: data.key, x0: x - 1, y0: data.y - size * 0.8, x1: x + width + 1, y1: data.y + size * 0.4 };
    if (!this.fits(box, false)) return;
    this.fits(box, true);
    this.drawn.push(box);
    context.lineWidth = 3;  // a white halo keeps the name legible over the lines it crosses
    context.strokeStyle = "rgba(255, 255, 255, 0.85)";
    context.strokeText(data.label, x, data.y + size / 3);
    context.fillStyle = "#222";
    context.fillText(data.label, x, data.y + size / 3);
  };

  // ForceAtlas2 in its web worker on `bare` until it stops moving, `limit` ms pass or 400 iterations
  // are done; `tick` is called once a second (drawing costs the worker its CPU: WebGL without a GPU
  // draws on the CPU) and `done` at the end.
  function run(bare, limit, tick, done) {
    var FA2 = window.GraphologyFA2;
    // Strong gravity (inferSettings') separates the clusters within a few dozen iterations; at 0.3
    // rather than 0.05 it keeps actors without a link close by; hubs are dissuaded from the centre.
    var settings = Object.assign(FA2.forceAtlas2.inferSettings(bare),
      { barnesHutOptimize: bare.order > 800, strongGravityMode: true, gravity: 0.3, outboundAttractionDistribution: true });
    var layout = new FA2.FA2Layout(bare, { settings: settings, getEdgeWeight: "layoutWeight" });
    var started = performance.now(), iterations = 0, ticks = 0, last = null, calm = 0;
    bare.on("eachNodeAttributesUpdated", function () { iterations += 1; });
    var linked = bare.filterNodes(function (n) { return bare.degree(n) > 0; });
    var sample = (linked.length ? linked : bare.nodes()).slice(0, 400);
    var timer = setInterval(function () {  // how far the sample moved in 250 ms, against the drawing's extent
      var now = sample.map(function (n) { return bare.getNodeAttributes(n); });
      var xs = now.map(function (a) { return a.x; }), ys = now.map(function (a) { return a.y; });
      var extent = Math.max(Math.max.apply(null, xs) - Math.min.apply(null, xs),
                            Math.max.apply(null, ys) - Math.min.apply(null, ys), 1e-9);
      if (last) {
        var moved = 0;
        for (var i = 0; i < now.length; i++) moved += Math.hypot(xs[i] - last[i][0], ys[i] - last[i][1]);
        calm = moved / now.length / extent < 0.002 ? calm + 1 : 0;
      }
      last = xs.map(function (x, i) { return [x, ys[i]]; });
      ticks += 1;
      var finished = iterations >= 400 || (calm >= 2 && iterations >= 80) || performance.now() - started > limit;
      if (!finished && ticks % (bare.order > 2000 ? 8 : 4) === 0) tick();
      if (finished) { stop(); done(iterations); }
    }, 250);
    function stop() { clearInterval(timer); layout.kill(); }
    layout.start();
    return stop;
  }

  // Lay the graph out and keep it still: a large graph's most important actors first (their
  // clusters form in a second), then everyone placed beside them and laid out together.
  var CORE = 600;
  function settle(graph, onSettled, state) {
    if (graph.size === 0 || !window.GraphologyFA2) { onSettled(0, 0); return null; }
    var started = performance.now(), total = 0, stop = null, killed = false;
    state.layingOut = graph.size > 20000;  // drawing tens of thousands of links while they move costs the layout its CPU
    var finish = function (ms, iterations) { state.layingOut = false; onSettled(ms, iterations); };
    var nodes = graph.nodes(), core = new Set(nodes.slice(0, CORE));
    function bareOf(keep) {
      var bare = new graphology.Graph({ type: graph.type });
      graph.forEachNode(function (n, a) { if (keep.has(n)) bare.addNode(n, { x: a.x, y: a.y, size: a.size }); });
      graph.forEachEdge(function (_e, a, s, t) {
        if (keep.has(s) && keep.has(t)) bare.addEdge(s, t, { layoutWeight: a.layoutWeight });
      });
      return bare;
    }
    function copy(bare) {
      graph.updateEachNodeAttributes(function (n, a) {
        if (bare.hasNode(n)) { var b = bare.getNodeAttributes(n); a.x = b.x; a.y = b.y; }
        return a;
      }, { attributes: ["x", "y"] });
    }
    function all(from) {
      var bare = bareOf(new Set(nodes));
      from.forEachNode(function (n, a) { bare.mergeNodeAttributes(n, { x: a.x, y: a.y }); });
      besides(bare, new Set(from.nodes()), random(29));
      copy(bare);
      if (killed) return;
      stop = run(bare, 20000, function () { copy(bare); }, function (iterations) {
        copy(bare);
        finish(performance.now() - started, total + iterations);
      });
    }
    var first = bareOf(core);
    stop = run(first, 6000, function () { copy(first); }, function (iterations) {
      total = iterations;
      if (killed) return;
      if (core.size === nodes.length) { copy(first); finish(performance.now() - started, total); }
      else all(first);
    });
    return { kill: function () { killed = true; if (stop) stop(); } };
  }

  // The renderer over `graph`: node and edge attributes come from network.js; `state` holds what
  // the reducers read (a highlighted path, the node in focus).
  function render(container, graph, state) {
    var placer = new LabelPlacer();
    var renderer = new Sigma(graph, container, {
      defaultEdgeType: graph.type === "directed" ? "arrow" : "line",
      renderEdgeLabels: false, enableEdgeEvents: true, zIndex: true,
      labelDensity: 0, labelRenderedSizeThreshold: 0, labelSize: 12, labelWeight: "normal",
      labelFont: "system-ui, sans-serif", minCameraRatio: 0.02, maxCameraRatio: 4,
      defaultDrawNodeLabel: function (context, data, settings) { placer.draw(context, data, settings); },
      nodeReducer: function (node, data) {
        var out = Object.assign({}, data);
        if (state.path) {
          if (state.path.nodes.has(node)) { out.highlighted = true; out.zIndex = 2; }
          else { out.color = "#e0e0e0"; out.label = ""; out.zIndex = 0; }
        }
        if (state.focus === node) { out.highlighted = true; out.zIndex = 3; }
        return out;
      },
      edgeReducer: function (edge, data) {
        var out = Object.assign({}, data);
        if (state.layingOut) out.hidden = true;
        if (state.path) {
          if (state.path.edges.has(edge)) { out.color = "#111"; out.size = Math.max(data.size, 3); out.zIndex = 2; }
          else { out.color = "#eeeeee"; out.zIndex = 0; }
        }
        return out;
      }
    });
    renderer.on("beforeRender", function () { placer.reset(); });
    return { renderer: renderer, placer: placer };
  }

  window.KG_NETWORK_DRAW = { signColour: signColour, linkSize: linkSize, place: place, settle: settle,
    render: render, kindColour: function (kind) { return C.kinds[kind] || C.kinds.other; } };
})();
