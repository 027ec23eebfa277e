"""conflict-kg: news articles to a queryable, linked RDF graph of conflict events."""

__version__ = "0.1.0"
