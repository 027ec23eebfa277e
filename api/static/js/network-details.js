// The network page's side panel: an actor's events, a link's events, and a path with the events of
// each hop (type, date, place and a link to each event's page), as `kg path` prints them.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  var panel = document.getElementById("details");
  var out = document.getElementById("path-result");

  function url(template, key) { return template.replace("KEY", encodeURIComponent(key)); }
  function short(iri) { return String(iri).split("/").pop(); }
  function el(tag, content, cls) {
    var e = document.createElement(tag);
    if (content !== undefined && content !== null) e.textContent = content;
    if (cls) e.className = cls;
    return e;
  }
  function failure(data) {
    return data.detail + (data.suggestions && data.suggestions.length ? " (did you mean " + data.suggestions.join(", ") + "?)" : "");
  }
  function get(address) { return fetch(address).then(function (r) { return r.json(); }); }

  // One event as a list item: type, date, place, who did what to whom, a link to its page.
  function eventItem(e) {
    var li = el("li");
    li.appendChild(el("span", e.action, "type type-" + e.action));
    li.appendChild(el("span", " " + (e.date || "undated") + " · " + (e.place_label || "place unknown") + " "));
    var link = el("a", "event");
    link.href = url(box.dataset.eventPage, short(e.event));
    li.appendChild(link);
    var text = e.sentence || e.notes || e.source_url;
    if (text) li.appendChild(el("div", text.length > 180 ? text.slice(0, 177) + "…" : text, "evidence-text"));
    return li;
  }

  function hopBlock(hop, directed) {
    var div = el("div", null, "hop");
    var types = hop.types.join(", ");
    var events = hop.events;
    if (directed) events = events.filter(function (e) { return e.actor === hop.source && e.target === hop.target; });
    div.appendChild(el("h3", hop.source_label + (directed ? " → " : " — ") + hop.target_label + ": " +
      events.length + " event" + (events.length === 1 ? "" : "s") + " (" + types + ")"));
    var ul = el("ul", null, "event-list");
    events.forEach(function (e) { ul.appendChild(eventItem(e)); });
    div.appendChild(ul);
    return div;
  }

  function actor(id, attrs) {
    panel.textContent = "Loading…";
    get(url(box.dataset.actorUrl, id)).then(function (data) {
      panel.textContent = "";
      if (!data.ok) { panel.appendChild(el("p", failure(data), "error")); return; }
      var a = data.actor, h = el("h2"), link = el("a", a.label);
      link.href = url(box.dataset.actorPage, a.id);
      h.appendChild(link);
      panel.appendChild(h);
      panel.appendChild(el("p", (a.kind || "").replace(/_/g, " ") + (a.country ? " · " + a.country : "") + " · " +
        attrs.events + " event" + (attrs.events === 1 ? "" : "s") + (attrs.undated ? " (" + attrs.undated + " undated)" : "")));
      var ego = el("button", "Show its ego network");
      ego.type = "button";
      ego.id = "details-ego";
      ego.addEventListener("click", function () {
        document.getElementById("view-form").ego.value = a.label;
        window.KG_NETWORK.reload(null);
      });
      panel.appendChild(ego);
      var ul = el("ul", null, "event-list");
      a.events.forEach(function (e) {
        ul.appendChild(eventItem({ action: e.type, date: e.date, place_label: e.place ? e.place.label : null,
          event: e.id, sentence: (e.actor ? e.actor.label : "?") + " → " + (e.target ? e.target.label : "?") }));
      });
      if (!a.events.length) ul.appendChild(el("li", "No events."));
      panel.appendChild(ul);
    });
  }

  // A link's events: the one-hop path between its two actors (the paths API gives each hop's events).
  function link(current, a, b, filters) {
    panel.textContent = "Loading…";
    filters.set("source", a); filters.set("target", b); filters.set("k", "1");
    get(box.dataset.pathsUrl + "?" + filters).then(function (data) {
      panel.textContent = "";
      if (!data.ok || !data.paths.length || data.paths[0].hops.length !== 1) {
        panel.appendChild(el("p", data.ok ? "No events between them under these filters." : failure(data), "error"));
        return;
      }
      var hop = data.paths[0].hops[0];
      if (current.graph.type === "directed" && short(hop.source) !== a) {
        hop = Object.assign({}, hop, { source: hop.target, target: hop.source, source_label: hop.target_label,
          target_label: hop.source_label });
      }
      panel.appendChild(hopBlock(hop, current.graph.type === "directed"));
    });
  }

  // Find a path: highlight it (adding actors that the view leaves out) and list each hop's events.
  function path(current, from, to, filters) {
    out.textContent = "";
    delete out.dataset.found;
    current.state.path = null;
    filters.set("source", from); filters.set("target", to); filters.set("k", "1");
    get(box.dataset.pathsUrl + "?" + filters).then(function (data) {
      if (!data.ok) { out.appendChild(el("p", failure(data), "error")); current.renderer.refresh({ skipIndexation: true }); return; }
      if (!data.paths.length) { out.appendChild(el("p", "No path between them.")); return; }
      var p = data.paths[0], ids = p.nodes, graph = current.graph, state = { nodes: new Set(ids), edges: new Set() };
      ids.forEach(function (id, i) {
        if (!graph.hasNode(id)) {  // outside the view: put it beside the actor before it on the path
          var near = i > 0 && graph.hasNode(ids[i - 1]) ? graph.getNodeAttributes(ids[i - 1]) : { x: 0, y: 0 };
          graph.addNode(id, { label: p.labels[i], x: near.x + 2, y: near.y + 2, size: 4, color: "#555", dates: [],
            undated: 0, forceLabel: true, extra: true });
        }
        graph.setNodeAttribute(id, "hidden", false);
        if (i > 0) {
          var key = graph.edge(ids[i - 1], id) || graph.edge(id, ids[i - 1]);
          if (!key) key = graph.addEdge(ids[i - 1], id, { events: [], types: {}, weight: p.hops[i - 1].weight, size: 2, extra: true });
          graph.setEdgeAttribute(key, "hidden", false);
          state.edges.add(key);
        }
      });
      current.state.path = state;
      current.renderer.refresh();
      out.appendChild(el("p", p.labels.join(" → ") + " (" + p.length + " hop" + (p.length === 1 ? "" : "s") + ")", "path-line"));
      p.hops.forEach(function (hop) { out.appendChild(hopBlock(hop, false)); });
      var clear = el("button", "Clear path");
      clear.type = "button";
      clear.addEventListener("click", function () { current.state.path = null; out.textContent = ""; current.renderer.refresh(); });
      out.appendChild(clear);
      out.dataset.found = "true";
    });
  }

  window.KG_NETWORK_DETAILS = { actor: actor, link: link, path: path };
})();
