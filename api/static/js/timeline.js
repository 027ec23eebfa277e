// Timelines: events per period and PLOVER type as stacked bars (Chart.js), for every
// <figure class="timeline" data-series-url=...> on the page. A dyad figure (data-kind="dyad")
// draws two charts on one scale: what A did to B, and what B did to A. The "by" menu asks the
// API for another period; the CSV link follows it.
(function () {
  "use strict";
  // Cooperation in greens (verbal) and blues (material), conflict in oranges (verbal) and reds (material).
  var COLOURS = {
    AGREE: "#1b7837", CONSULT: "#5aae61", SUPPORT: "#a6dba0", CONCEDE: "#d9f0d3",
    COOPERATE: "#2166ac", AID: "#67a9cf", RETREAT: "#b8d8ea",
    REQUEST: "#fee0b6", ACCUSE: "#fdb863", REJECT: "#e08214", THREATEN: "#b35806",
    PROTEST: "#fcae91", SANCTION: "#fb6a4a", MOBILIZE: "#de2d26", COERCE: "#a50f15", ASSAULT: "#67000d"
  };

  function withParam(url, name, value) {
    var u = new URL(url, window.location.href);
    if (value && value !== "auto") { u.searchParams.set(name, value); } else { u.searchParams.delete(name); }
    return u.pathname + u.search;
  }

  function total(series) {
    var n = 0;
    Object.keys(series).forEach(function (t) { series[t].forEach(function (v) { n += v; }); });
    return n;
  }

  function peak(periods, parts) {
    var best = 0;
    periods.forEach(function (_, i) {
      parts.forEach(function (series) {
        var sum = 0;
        Object.keys(series).forEach(function (t) { sum += series[t][i]; });
        best = Math.max(best, sum);
      });
    });
    return best;
  }

  function draw(holder, title, periods, series, max) {
    var box = document.createElement("div");
    box.className = "chart";
    if (title) {
      var h = document.createElement("h3");
      h.textContent = title + " · " + total(series) + " dated event" + (total(series) === 1 ? "" : "s");
      holder.appendChild(h);
    }
    var canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", (title || "Events") + " per period and type");
    box.appendChild(canvas);
    holder.appendChild(box);
    var datasets = Object.keys(series).map(function (t) {
      return { label: t, data: series[t], backgroundColor: COLOURS[t] || "#999", borderWidth: 0, stack: "events",
               maxBarThickness: 48 };
    });
    return new Chart(canvas, {
      type: "bar",
      data: { labels: periods, datasets: datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 11 } } },
                   tooltip: { filter: function (item) { return item.raw > 0; } } },
        scales: { x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
                  y: { stacked: true, beginAtZero: true, max: max || undefined, ticks: { precision: 0 } } }
      }
    });
  }

  function setUp(figure) {
    var select = figure.querySelector("select.interval");
    var csv = figure.querySelector("a.csv");
    var holder = figure.querySelector(".charts");
    var status = figure.querySelector(".timeline-status");
    var charts = [];
    var labels = figure.dataset.labels ? JSON.parse(figure.dataset.labels) : {};

    function load() {
      var url = withParam(figure.dataset.seriesUrl, "interval", select.value);
      csv.href = withParam(withParam(csv.getAttribute("href"), "interval", select.value), "format", "csv");
      status.textContent = "Loading…";
      figure.dataset.ready = "false";
      fetch(url, { headers: { Accept: "application/json" } }).then(function (r) { return r.json(); }).then(function (data) {
        charts.forEach(function (c) { c.destroy(); });
        charts = [];
        holder.textContent = "";
        if (!data.ok) { status.textContent = data.detail; status.className = "timeline-status error"; return; }
        status.className = "timeline-status hint";
        if (select.value === "auto") { select.dataset.chosen = data.interval; }
        if (figure.dataset.kind === "dyad") {
          var max = peak(data.periods, [data.a_to_b.series, data.b_to_a.series]);
          charts.push(draw(holder, labels.a_to_b, data.periods, data.a_to_b.series, max));
          charts.push(draw(holder, labels.b_to_a, data.periods, data.b_to_a.series, max));
          var undated = data.a_to_b.undated + data.b_to_a.undated;
          status.textContent = "By " + data.interval + "." + (undated ? " " + undated + " undated event" +
            (undated === 1 ? " is" : "s are") + " not shown." : "");
        } else {
          charts.push(draw(holder, null, data.periods, data.series, 0));
          status.textContent = data.dated + " dated event" + (data.dated === 1 ? "" : "s") + " by " + data.interval +
            (data.undated ? "; " + data.undated + " undated not shown" : "") + ".";
        }
        if (!data.periods.length) { holder.textContent = "No dated events."; }
        figure.dataset.ready = "true";
      }).catch(function (err) { status.textContent = "Could not load the chart: " + err; });
    }

    select.addEventListener("change", load);
    load();
  }

  document.querySelectorAll("figure.timeline").forEach(setUp);
})();
