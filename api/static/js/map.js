// Events on a world outline: Leaflet without a tile server, world-atlas countries as GeoJSON,
// places as markers (area: events) clustered at low zoom (Leaflet.markercluster), small markers
// above big ones. A click on a place lists its events (filtered as the map is) with links.
(function () {
  "use strict";
  var box = document.getElementById("map");
  var form = document.getElementById("map-filters");
  var status = document.getElementById("map-status");
  var map = L.map(box, { worldCopyJump: true, attributionControl: true, minZoom: 1, maxZoom: 14 }).setView([25, 20], 3);
  map.attributionControl.addAttribution("Outline: Natural Earth");
  var POPUP_EVENTS = 20;
  var clusters = null;
  var byPlace = {};
  var filters = "";
  var outline = null;
  box.kgMap = { map: map, clusters: function () { return clusters; }, outline: function () { return outline; },
                marker: function (iri) { return byPlace[iri]; } };  // for the browser tests

  // A ring that crosses the antimeridian jumps from 180 to -180 and back, which Leaflet draws as a
  // band across the whole map (Russia over the Arctic, Fiji over the South Pacific): shift its
  // points by 360 degrees so the ring is continuous. A ring that goes round a pole (Antarctica)
  // jumps once and is left as it is.
  function unwrap(ring) {
    var jumps = 0;
    for (var i = 1; i < ring.length; i++) { if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) { jumps++; } }
    if (jumps === 0 || jumps % 2 === 1) { return ring; }
    var out = [ring[0].slice()];
    for (var j = 1; j < ring.length; j++) {
      var lon = ring[j][0], prev = out[j - 1][0];
      while (lon - prev > 180) { lon -= 360; }
      while (lon - prev < -180) { lon += 360; }
      out.push([lon, ring[j][1]]);
    }
    return out;
  }

  function unwrapGeometry(geometry) {
    if (geometry.type === "Polygon") {
      geometry.coordinates = geometry.coordinates.map(unwrap);
    } else if (geometry.type === "MultiPolygon") {
      geometry.coordinates = geometry.coordinates.map(function (poly) { return poly.map(unwrap); });
    }
    return geometry;
  }

  fetch(box.dataset.worldUrl).then(function (r) { return r.json(); }).then(function (world) {
    var land = topojson.feature(world, world.objects.countries);
    land.features.forEach(function (f) { unwrapGeometry(f.geometry); });
    outline = L.geoJSON(land, { interactive: false, style: { color: "#999", weight: 0.6, fillColor: "#eee", fillOpacity: 1 } })
      .addTo(map).bringToBack();
    box.dataset.outline = "true";
  });

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function short(iri) { return iri.split("/").pop(); }

  function placeUrl(p) { return box.dataset.placePage.replace("KEY", encodeURIComponent(short(p.iri))); }

  // The popup of a place: its events under the map's filters, each a link to its page.
  function showEvents(marker) {
    var p = marker.options.place;
    var div = el("div", null, { "class": "map-popup" });
    var title = el("a", p.label || short(p.iri), { href: placeUrl(p) });
    var head = el("strong");
    head.appendChild(title);
    div.appendChild(head);
    div.appendChild(document.createTextNode(" · " + p.events + " event" + (p.events === 1 ? "" : "s")));
    var list = el("ul", null, { "class": "popup-events" });
    list.appendChild(el("li", "Loading…"));
    div.appendChild(list);
    marker.bindPopup(div, { maxWidth: 360 }).openPopup();
    var params = new URLSearchParams(filters);
    params.set("place", p.iri);
    params.set("limit", String(POPUP_EVENTS));
    fetch(box.dataset.eventsUrl + "?" + params.toString()).then(function (r) { return r.json(); }).then(function (data) {
      list.textContent = "";
      if (!data.ok) { list.appendChild(el("li", data.detail)); return; }
      data.events.forEach(function (e) {
        var li = el("li");
        li.appendChild(document.createTextNode((e.date || "undated") + " "));
        li.appendChild(el("a", e.type, { href: box.dataset.eventPage.replace("KEY", encodeURIComponent(e.id)) }));
        var who = [e.actor && e.actor.label, e.target && e.target.label].filter(Boolean).join(" → ");
        if (who) { li.appendChild(document.createTextNode(" " + who)); }
        list.appendChild(li);
      });
      if (data.total > data.events.length) {
        var more = el("li");
        more.appendChild(el("a", "all " + data.total + " events at this place", { href: placeUrl(p) }));
        list.appendChild(more);
      }
      div.dataset.ready = "true";
    });
  }

  function clusterIcon(cluster) {
    var n = 0;
    cluster.getAllChildMarkers().forEach(function (m) { n += m.options.place.events; });
    var size = n < 100 ? "small" : n < 1000 ? "medium" : "large";
    return L.divIcon({ html: "<div><span>" + n + "</span></div>", className: "marker-cluster marker-cluster-" + size,
                       iconSize: L.point(40, 40) });
  }

  function load(query, focus) {
    status.textContent = "Loading…";
    box.dataset.ready = "false";
    var url = new URL(box.dataset.pointsUrl, window.location.href);
    new URLSearchParams(query).forEach(function (v, k) { url.searchParams.append(k, v); });
    fetch(url.pathname + url.search).then(function (r) { return r.json(); }).then(function (data) {
      if (clusters) { map.removeLayer(clusters); clusters = null; }
      if (!data.ok) { status.textContent = data.detail; status.className = "error"; box.dataset.ready = "error"; return; }
      status.className = "";
      filters = query;
      byPlace = {};
      var most = data.places.reduce(function (m, p) { return Math.max(m, p.events); }, 1);
      var events = 0;
      var markers = data.places.map(function (p) {
        var radius = Math.round(5 + 22 * Math.sqrt(p.events / most));
        events += p.events;
        var icon = L.divIcon({ className: "map-marker", iconSize: [2 * radius, 2 * radius] });
        // small markers above big ones: the z-index offset falls as the marker grows
        var marker = L.marker([p.lat, p.long], { icon: icon, place: p, title: p.label + " · " + p.events,
                                                 zIndexOffset: (40 - radius) * 10000, riseOnHover: true });
        marker.on("click", function () { showEvents(marker); });
        byPlace[p.iri] = marker;
        return marker;
      });
      // One synchronous bulk add (10,000 markers take a few hundred milliseconds): the page is ready
      // when it returns, which chunked loading could not say for sure.
      clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 45, iconCreateFunction: clusterIcon });
      clusters.addLayers(markers);
      map.addLayer(clusters);
      ready();
      function ready() {
        status.textContent = data.places.length + " place" + (data.places.length === 1 ? "" : "s") + ", " +
          events + " event" + (events === 1 ? "" : "s");
        requestAnimationFrame(function () {
          if (!box.dataset.paintMs) { box.dataset.paintMs = String(Math.round(performance.now())); }
          box.dataset.ready = "true";
          if (focus && byPlace[focus]) {
            clusters.zoomToShowLayer(byPlace[focus], function () { showEvents(byPlace[focus]); });
          }
        });
      }
    });
  }

  function query() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (v, k) { if (v) { params.append(k, k === "country" ? v.toUpperCase() : v); } });
    return params.toString();
  }

  form.addEventListener("submit", function (evt) {
    evt.preventDefault();
    load(query());
  });
  load(query(), box.dataset.focus || null);
})();
