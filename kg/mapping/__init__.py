"""Mapping from extracted event frames to RDF: closed namespaces, deterministic IRIs, graphs."""
