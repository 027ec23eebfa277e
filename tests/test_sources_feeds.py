"""RSS and Atom feeds (kg feed add/list/fetch), served by a local HTTP server on 127.0.0.1 only.

Feeds with full content (RSS 2.0 content:encoded, Atom html and xhtml content), a feed with only
summaries whose pages are read from the server (the team's pages in tests/data/pages), ETag and
Last-Modified handling, and a second fetch that adds only the new items.
"""
from __future__ import annotations

import json
import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.sources.feeds import STATE_NAME, FeedList
from kg.store import open_store

DATA = Path(__file__).parent / "data"
PREFIXES = ("PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
            "PREFIX prov: <http://www.w3.org/ns/prov#>\n")


class Site:
    """Paths -> (body, content type) served on 127.0.0.1 with ETags; counts what was asked."""

    def __init__(self):
        self.files: dict[str, tuple[bytes, str]] = {}
        self.hits: dict[str, list[int]] = {}  # path -> the status of each answer
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body, kind = site.files.get(self.path, (None, None))
                etag = f'"{hash(body) & 0xffffffff:x}"'
                if body is None:
                    status, body = 404, b"not found"
                elif self.headers.get("If-None-Match") == etag:
                    status, body = 304, b""
                else:
                    status = 200
                site.hits.setdefault(self.path, []).append(status)
                self.send_response(status)
                if status == 200:
                    self.send_header("Content-Type", kind)
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", formatdate(usegmt=True))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def put(self, path: str, body: bytes, kind: str) -> str:
        self.files[path] = (body, kind)
        return self.url + path


@pytest.fixture
def site():
    s = Site()
    s.thread.start()
    yield s
    s.server.shutdown()
    s.server.server_close()


def summaries_feed(site: Site, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of summaries only: (guid, page path, summary) items linking to the site."""
    body = "".join(f"<item><title>{guid}</title><link>{site.url}{page}</link><guid isPermaLink='false'>{guid}</guid>"
                   f"<pubDate>Wed, 20 Jul 2022 08:00:00 GMT</pubDate><description>{summary}</description></item>"
                   for guid, page, summary in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Summaries Daily</title>'
            f"<link>{site.url}/</link><description>Headlines</description>{body}</channel></rss>").encode()


def kg(*args, store):
    result = CliRunner().invoke(cli, [*args, "--store", str(store)], catch_exceptions=False)
    return result.exit_code, result.output


def stored(store, sparql: str) -> list[dict]:
    kg_store = open_store(str(store))
    try:
        return kg_store.select(PREFIXES + sparql)
    finally:
        kg_store.close()


def test_sources_feeds_full_content_rss_and_atom(site, tmp_path):
    store = tmp_path / "store"
    rss = site.put("/rss.xml", (DATA / "feeds/rss-full.xml").read_bytes(), "application/rss+xml")
    atom = site.put("/atom.xml", (DATA / "feeds/atom-full.xml").read_bytes(), "application/atom+xml")
    for url in (rss, atom):
        code, out = kg("feed", "add", url, store=store)
        assert code == 0 and "subscribed" in out
    code, out = kg("feed", "fetch", "-q", store=store)
    assert code == 0, out
    assert "4 articles (4 added" in out and "2 feeds (0 failed)" in out
    rows = stored(store, """SELECT ?id ?published ?title ?outlet ?url ?format ?feed ?dateline WHERE { GRAPH ?a {
        ?a ckg:sourceId ?id ; ckg:published ?published ; ckg:title ?title ; ckg:outlet ?outlet ; ckg:url ?url ;
           ckg:retrievedBy ?r . ?r ckg:inputFormat ?format ; ckg:feed ?feed ; prov:endedAtTime ?when .
        OPTIONAL { ?a ckg:dateline ?dateline } } } ORDER BY ?id""")
    got = {r["id"]: r for r in rows}
    assert sorted(got) == ["harbour-2024-0505-02", "harbour-2024-0506-01", "tag:eastern-wire.example,2024:shelling-1",
                           "tag:eastern-wire.example,2024:talks-2"]
    port = got["harbour-2024-0506-01"]
    assert (port["published"], port["title"], port["outlet"], port["format"], port["feed"], port["dateline"]) == (
        "2024-05-06", "Car bomb kills four guards at Aden port", "Harbour Times", "feed", rss, "ADEN, Yemen")
    assert got["tag:eastern-wire.example,2024:talks-2"]["published"] == "2024-06-02"  # only <updated>: its day
    texts = stored(store, 'SELECT ?t WHERE { ?a ckg:sourceId "tag:eastern-wire.example,2024:talks-2" ; ckg:text ?t }')
    assert texts[0]["t"].startswith("ISTANBUL, Turkey — Negotiators resumed talks") and "\n\nA previous round" in texts[0]["t"]
    code, out = kg("feed", "list", store=store)
    assert code == 0 and rss in out and "2 entries seen" in out


def test_sources_feeds_second_fetch_adds_only_new_items(site, tmp_path):
    store = tmp_path / "store"
    rss_bytes = (DATA / "feeds/rss-full.xml").read_bytes()
    url = site.put("/rss.xml", rss_bytes, "application/rss+xml")
    kg("feed", "add", url, store=store)
    assert kg("feed", "fetch", "-q", store=store)[0] == 0
    code, out = kg("feed", "fetch", "-q", store=store)  # unchanged: the server answers 304
    assert code == 0 and "0 articles" in out and site.hits["/rss.xml"] == [200, 304]
    newer = rss_bytes.replace(b"<item>", b"""<item><title>Guards fire on protesters</title>
        <link>https://harbour.example/2024/05/07/guards</link><guid isPermaLink="false">harbour-2024-0507-03</guid>
        <pubDate>Tue, 07 May 2024 11:00:00 GMT</pubDate><content:encoded><![CDATA[<p>ADEN, Yemen - Port guards fired
        into the air on Tuesday to disperse dock workers protesting outside the container terminal over unpaid wages,
        witnesses said.</p><p>No one was hurt, a union official said.</p>]]></content:encoded></item><item>""", 1)
    site.put("/rss.xml", newer, "application/rss+xml")
    code, out = kg("feed", "fetch", "-q", store=store)
    assert code == 0 and "1 articles (1 added, 0 replaced, 0 unchanged" in out, out
    state = json.loads((store / STATE_NAME).read_text())
    assert sorted(state["feeds"][0]["seen"]) == ["harbour-2024-0505-02", "harbour-2024-0506-01", "harbour-2024-0507-03"]
    assert state["feeds"][0]["etag"]
    assert len(stored(store, "SELECT ?a WHERE { ?a a ckg:Article }")) == 3


def test_sources_feeds_summaries_bring_the_linked_page(site, tmp_path):
    store = tmp_path / "store"
    site.put("/news/amp.html", (DATA / "pages/amp.html").read_bytes(), "text/html; charset=utf-8")
    feed = site.put("/summaries.xml", summaries_feed(site, [
        ("dd-1", "/news/amp.html", "Students block a highway in Dhaka."),
        ("dd-2", "/news/gone.html", "Police arrest seven protesters after students set fire to two buses in Dhaka.")]),
        "application/rss+xml")
    kg("feed", "add", feed, store=store)
    code, out = kg("feed", "fetch", "-q", store=store)
    assert code == 0, out
    assert "gone.html" in out and "stored its summary" in out
    rows = {r["id"]: r for r in stored(store, """SELECT ?id ?text ?page ?url WHERE { GRAPH ?a { ?a ckg:sourceId ?id ;
        ckg:text ?text ; ckg:retrievedBy ?r . OPTIONAL { ?r ckg:pageUrl ?page } OPTIONAL { ?a ckg:url ?url } } }""")}
    page = (DATA / "pages/amp.expected.txt").read_text(encoding="utf-8").strip()
    assert rows["dd-1"]["text"] == page  # the page's body, not the one-line summary
    assert rows["dd-1"]["page"] == f"{site.url}/news/amp.html"
    assert rows["dd-1"]["url"] == "https://deltadaily.example/news/2022/protesters-block-highway-dhaka"  # canonical
    assert rows["dd-2"]["text"].startswith("Police arrest seven protesters") and "page" not in rows["dd-2"]
    feeds = FeedList(store / STATE_NAME).feeds
    assert feeds[0].seen == ["dd-1"] and feeds[0].etag is None  # the summary-only entry is tried again
    site.put("/news/gone.html", (DATA / "pages/news-site.html").read_bytes(), "text/html")
    code, out = kg("feed", "fetch", "-q", store=store)
    assert code == 0 and "1 articles (0 added, 1 replaced" in out, out  # the page is back: its text replaces
    assert FeedList(store / STATE_NAME).feeds[0].seen == ["dd-1", "dd-2"]


def test_sources_feeds_file_feed_and_bad_feeds(site, tmp_path):
    store = tmp_path / "store"
    local = tmp_path / "atom.xml"
    local.write_bytes((DATA / "feeds/atom-full.xml").read_bytes())
    assert kg("feed", "add", str(local), store=store)[0] == 0
    code, out = kg("feed", "add", str(local), store=store)
    assert code == 1 and "already subscribed" in out
    code, out = kg("feed", "add", str(tmp_path / "missing.xml"), store=store)
    assert code == 1 and "no such feed file" in out
    not_feed = site.put("/page.html", (DATA / "pages/news-site.html").read_bytes(), "text/html")
    kg("feed", "add", not_feed, store=store)
    kg("feed", "add", site.url + "/missing.xml", store=store)
    code, out = kg("feed", "fetch", "-q", store=store)
    assert code == 3, out  # one feed read, two failed
    assert "not an RSS or Atom feed" in out and "HTTP 404" in out and "3 feeds (2 failed)" in out
    assert "Traceback" not in out
    code, out = kg("feed", "list", store=store)
    assert "failed: " in out and str(local.resolve()) in out
    code, out = kg("feed", "remove", site.url + "/missing.xml", store=store)
    assert code == 0 and len(FeedList(store / STATE_NAME).feeds) == 2
    code, out = kg("feed", "fetch", "http://127.0.0.1:9/none.xml", store=store)
    assert code == 1 and "not subscribed" in out


def test_sources_feeds_state_needs_a_file_for_a_sparql_store(tmp_path):
    result = CliRunner().invoke(cli, ["feed", "list", "--store", "sparql+http://127.0.0.1:9/query"], env={"KG_FEEDS": ""})
    assert result.exit_code == 1 and "KG_FEEDS" in result.output
