// The actor network: Cytoscape.js over /api/network; time slider, type filters, paths, details.
(function () {
  "use strict";
  var box = document.getElementById("cy");
  var C = window.KG_COLOURS;
  var dates = [];
  var cy = null;

  function url(template, key) { return template.replace("KEY", encodeURIComponent(key)); }
  function text(tag, content, cls) {
    var el = document.createElement(tag);
    el.textContent = content;
    if (cls) el.className = cls;
    return el;
  }

  function build(data) {
    var maxScore = Math.max.apply(null, data.nodes.map(function (n) { return n.score || 0; }).concat([1e-9]));
    var elements = data.nodes.map(function (n) {
      return { group: "nodes", data: { id: n.id, label: n.label || n.id, kind: n.kind || "other",
        size: 14 + 36 * (n.score || 0) / maxScore, colour: C.kinds[n.kind] || C.kinds.other } };
    }).concat(data.edges.map(function (e, i) {
      return { group: "edges", data: { id: "e" + i, source: e.source, target: e.target, type: e.type,
        date: e.date || "", event: e.event, colour: C.quad[e.type] || "#999" } };
    }));
    dates = Array.from(new Set(data.edges.map(function (e) { return e.date; }).filter(Boolean))).sort();
    var slider = document.getElementById("date-slider");
    slider.max = String(dates.length);
    slider.value = String(dates.length);
    cy = cytoscape({
      container: box, elements: elements, wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 2,
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000 },
      style: [
        { selector: "node", style: { "background-color": "data(colour)", width: "data(size)", height: "data(size)",
          label: "data(label)", "font-size": 9, "text-valign": "bottom", "text-margin-y": 2 } },
        { selector: "edge", style: { "line-color": "data(colour)", "target-arrow-color": "data(colour)",
          "target-arrow-shape": "triangle", "curve-style": "bezier", width: 1.5, opacity: 0.7 } },
        { selector: ".hidden", style: { display: "none" } },
        { selector: "edge.path", style: { "line-color": "#000", "target-arrow-color": "#000", width: 4, opacity: 1,
          "z-index": 10 } },
        { selector: "node.path", style: { "border-width": 3, "border-color": "#000", opacity: 1 } },
        { selector: ".dim", style: { opacity: 0.15 } },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#333" } }
      ]
    });
    cy.on("tap", "node", function (evt) { showActor(evt.target.id()); });
    var names = document.getElementById("actor-names");
    data.nodes.forEach(function (n) { var o = document.createElement("option"); o.value = n.label || n.id; names.appendChild(o); });
    legend(data.nodes);
    box.dataset.ready = "true";
    if (box.dataset.focus) { var f = cy.getElementById(box.dataset.focus); if (f.nonempty()) { f.select(); showActor(f.id()); } }
  }

  function legend(nodes) {
    var ul = document.getElementById("legend");
    Array.from(new Set(nodes.map(function (n) { return n.kind || "other"; }))).sort().forEach(function (k) {
      var li = text("li", k.replace(/_/g, " "));
      var dot = text("span", "", "dot");
      dot.style.background = C.kinds[k] || C.kinds.other;
      li.prepend(dot);
      ul.appendChild(li);
    });
  }

  function applyFilters() {
    if (!cy) return;
    var slider = document.getElementById("date-slider");
    var upTo = Number(slider.value) >= dates.length ? null : dates[Number(slider.value)];
    document.getElementById("date-label").textContent = upTo || "all";
    var types = {};
    document.querySelectorAll("#type-filters input:checked").forEach(function (c) { types[c.value] = true; });
    cy.batch(function () {
      cy.edges().forEach(function (e) {
        var d = e.data("date");
        var show = types[e.data("type")] && (!upTo || (d && d <= upTo));
        e.toggleClass("hidden", !show);
      });
    });
  }

  function showActor(id) {
    var panel = document.getElementById("details");
    panel.textContent = "Loading…";
    fetch(url(box.dataset.actorUrl, id)).then(function (r) { return r.json(); }).then(function (data) {
      panel.textContent = "";
      if (!data.ok) { panel.appendChild(text("p", data.detail, "error")); return; }
      var a = data.actor;
      var h = text("h2", "");
      var link = text("a", a.label);
      link.href = url(box.dataset.actorPage, a.id);
      h.appendChild(link);
      panel.appendChild(h);
      panel.appendChild(text("p", (a.kind || "").replace(/_/g, " ") + (a.country ? " · " + a.country : "")));
      var ul = document.createElement("ul");
      ul.className = "event-list";
      a.events.forEach(function (e) {
        var li = document.createElement("li");
        li.appendChild(text("span", e.type, "type type-" + e.type));
        var who = (e.actor ? e.actor.label : "?") + " → " + (e.target ? e.target.label : "?");
        li.appendChild(text("span", " " + (e.date || "") + " " + who + " "));
        var ev = text("a", "evidence");
        ev.href = url(box.dataset.eventPage, e.id);
        li.appendChild(ev);
        ul.appendChild(li);
      });
      if (!a.events.length) ul.appendChild(text("li", "No events."));
      panel.appendChild(ul);
    });
  }

  function findPath(evt) {
    evt.preventDefault();
    var from = document.getElementById("path-from").value.trim();
    var to = document.getElementById("path-to").value.trim();
    var out = document.getElementById("path-result");
    cy.elements().removeClass("path dim");
    var q = "?source=" + encodeURIComponent(from) + "&target=" + encodeURIComponent(to) + "&k=1";
    fetch(box.dataset.pathsUrl + q).then(function (r) { return r.json(); }).then(function (data) {
      if (!data.ok) { out.textContent = data.detail + (data.suggestions && data.suggestions.length ? " (did you mean " + data.suggestions.join(", ") + "?)" : ""); return; }
      if (!data.paths.length) { out.textContent = "No path between them."; return; }
      var nodes = data.paths[0].nodes;
      cy.elements().addClass("dim");
      nodes.forEach(function (id, i) {
        cy.getElementById(id).removeClass("dim").addClass("path");
        if (i > 0) {
          cy.edges().filter(function (e) {
            return (e.source().id() === nodes[i - 1] && e.target().id() === id) ||
                   (e.target().id() === nodes[i - 1] && e.source().id() === id);
          }).removeClass("dim").addClass("path");
        }
      });
      out.textContent = data.paths[0].labels.join(" → ");
      out.dataset.found = "true";
    });
  }

  document.getElementById("date-slider").addEventListener("input", applyFilters);
  document.getElementById("type-filters").addEventListener("change", applyFilters);
  document.getElementById("path-form").addEventListener("submit", findPath);
  fetch(box.dataset.networkUrl).then(function (r) { return r.json(); }).then(function (data) {
    if (!data.ok) { box.textContent = data.detail; return; }
    build(data);
  });
})();
