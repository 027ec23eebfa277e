"""Graph analysis of the store: projections to networkx, questions about actors, exports."""
