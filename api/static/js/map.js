// Events on a world outline: Leaflet without a tile server, world-atlas countries as GeoJSON.
(function () {
  "use strict";
  var box = document.getElementById("map");
  var map = L.map(box, { worldCopyJump: true, attributionControl: true }).setView([25, 20], 3);
  map.attributionControl.addAttribution("Outline: Natural Earth");
  var points = L.layerGroup().addTo(map);

  fetch(box.dataset.worldUrl).then(function (r) { return r.json(); }).then(function (world) {
    var land = topojson.feature(world, world.objects.countries);
    L.geoJSON(land, { style: { color: "#999", weight: 0.6, fillColor: "#eee", fillOpacity: 1 } }).addTo(map).bringToBack();
  });

  function load(query) {
    var status = document.getElementById("map-status");
    status.textContent = "Loading…";
    fetch(box.dataset.pointsUrl + (query ? "?" + query : "")).then(function (r) { return r.json(); }).then(function (data) {
      points.clearLayers();
      if (!data.ok) { status.textContent = data.detail; return; }
      data.places.forEach(function (p) {
        var marker = L.circleMarker([p.lat, p.long], { radius: 4 + 3 * Math.sqrt(p.events), color: "#b22",
          weight: 1, fillOpacity: 0.6 });
        var div = document.createElement("div");
        var title = document.createElement("strong");
        title.textContent = p.label;
        div.appendChild(title);
        div.appendChild(document.createTextNode(" · " + p.events + " event" + (p.events === 1 ? "" : "s") +
          (p.types.length ? " (" + p.types.join(", ") + ")" : "")));
        marker.bindPopup(div);
        marker.addTo(points);
      });
      status.textContent = data.places.length + " places";
      box.dataset.ready = "true";
    });
  }

  document.getElementById("map-filters").addEventListener("submit", function (evt) {
    evt.preventDefault();
    var params = new URLSearchParams();
    new FormData(evt.target).forEach(function (v, k) { if (v) params.append(k, v); });
    load(params.toString());
  });
  load("");
})();
