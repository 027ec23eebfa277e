"""Behavioural (CheckList-style) cases for the extractor: data in cases.tsv, logic in run.py."""
