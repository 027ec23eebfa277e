// Colours of actor kinds and event types, shared by the network view and the map.
window.KG_COLOURS = {
  kinds: {
    person: "#1f77b4", armed_group: "#d62728", state_force: "#8c564b", government: "#2ca02c",
    international_organisation: "#9467bd", civilians: "#ff7f0e", media: "#17becf", other: "#7f7f7f"
  },
  quad: {
    AGREE: "#2ca02c", CONSULT: "#2ca02c", SUPPORT: "#2ca02c", CONCEDE: "#2ca02c",
    COOPERATE: "#1f77b4", AID: "#1f77b4", RETREAT: "#1f77b4",
    REQUEST: "#ff7f0e", ACCUSE: "#ff7f0e", REJECT: "#ff7f0e", THREATEN: "#ff7f0e",
    PROTEST: "#d62728", SANCTION: "#d62728", MOBILIZE: "#d62728", COERCE: "#d62728", ASSAULT: "#d62728"
  }
};
