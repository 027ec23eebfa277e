// The query page: YASGUI on this site's endpoint, no remote endpoints, no remote autocompletion.
(function () {
  "use strict";
  var box = document.getElementById("yasgui");
  var endpoint = box.dataset.endpoint;
  var examples = JSON.parse(document.getElementById("example-queries").textContent);
  var yasgui = new Yasgui(box, {
    requestConfig: { endpoint: endpoint, method: "POST",
      acceptHeaderSelect: "application/sparql-results+json", acceptHeaderGraph: "text/turtle" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: null,
    populateFromUrl: false,
    yasqe: { autocompleters: ["variables"] }
  });
  var tab = yasgui.getTab();
  tab.setEndpoint(endpoint);
  if (!tab.getQuery() || /dbpedia|wikidata/i.test(tab.getQuery())) tab.setQuery(examples[0][1].trim());
  window.kgYasgui = yasgui;
  document.getElementById("examples").addEventListener("change", function (evt) {
    if (evt.target.value === "") return;
    var example = examples[Number(evt.target.value)];
    var current = yasgui.getTab();
    current.setQuery(example[1].trim());
    current.setName(example[0]);
  });
  box.dataset.ready = "true";
})();
