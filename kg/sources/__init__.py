"""Inputs beyond `.txt` and `.jsonl` (`kg.articles`): saved web pages, web archives, feeds, a watched folder.

`html.article_from_html` reads a page with trafilatura (body, title, site, canonical URL) and
htmldate (publication date); `warc` reads the HTML responses of a WARC file with warcio;
`feeds` subscribes to RSS and Atom feeds (feedparser) and fetches what is new; `watch` ingests
files as they appear in a folder. Each article carries its `kg.model.Origin` (file, page, feed,
time), which `kg.mapping.origin` writes into the article's graph.
"""
