"""Property-based tests of the extractor with the real spaCy model (hypothesis).

For any text, news-like or noise: extraction never crashes, evidence offsets lie inside the
text and quote it, dates are real calendar dates, and the article's graph passes SHACL.
"""
from __future__ import annotations

from datetime import date

import pytest

from kg.articles import check_text
from kg.mapping.to_rdf import graph_from_frames
from kg.model import Article
from kg.pipeline import extract_articles
from kg.store.validate import validate

pytestmark = pytest.mark.reliability("property-based: the extractor on arbitrary text (issue 7)")

pytest.importorskip("hypothesis", reason="hypothesis is not installed (pip install hypothesis)")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ACTORS = ["Rebels", "Government forces", "Police", "The army", "Forces loyal to Khalifa Haftar", "UN envoy Ghassan Salame",
          "Taliban fighters", "The Rapid Support Forces", "Protesters", "Hamas", "Unidentified gunmen", "He", "They"]
VERBS = ["attacked", "shelled", "arrested", "met", "condemned", "accused", "demanded", "withdrew from", "threatened",
         "did not attack", "may attack", "will meet", "signed a ceasefire with", "killed", "protested against"]
OBJECTS = ["a checkpoint", "the police station", "civilians", "the airport", "the government", "Tripoli",
           "the UN mission", "5 soldiers", "dozens of people", ""]
WHERE = ["", " in Tripoli", " near Kunduz", " in northern Syria", " at Mitiga airport", " in Khartoum's suburbs"]
WHEN = ["", " on Friday", " on March 3", " on 12 April 2019", " last week", " in 2019", " on Feb. 30", " yesterday",
        " on 31/02/2020", " in the year 99999"]
NOISE = st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)

sentence = st.builds(lambda a, v, o, w, t, tail: f"{a} {v} {o}{w}{t}{tail}.".replace("  ", " "),
                     st.sampled_from(ACTORS), st.sampled_from(VERBS), st.sampled_from(OBJECTS),
                     st.sampled_from(WHERE), st.sampled_from(WHEN), st.sampled_from(["", ", officials said", "!"]))
news = st.lists(st.one_of(sentence, sentence, NOISE), min_size=1, max_size=6).map(" ".join)
published = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


def _check(text: str, day: date) -> None:
    if not text.strip():
        return
    check_text(text, path="<fuzz>")
    article = Article(id="fuzz", text=text.strip(), published=day)
    [(_, frames)] = list(extract_articles([article]))
    body = article.text
    for frame in frames:
        assert 0 <= frame.start < frame.end <= len(body)
        assert frame.sentence == body[frame.start:frame.end]
        assert frame.start <= frame.trigger_start < frame.end
        assert frame.date is None or (isinstance(frame.date, date) and date(1, 1, 1) < frame.date)
        assert frame.date is None or date.fromisoformat(frame.date.isoformat()) == frame.date
        assert 0.0 <= frame.confidence <= 1.0
    graph = graph_from_frames(frames, article)
    validate(graph)  # raises ValidationError with the SHACL report
    graph.serialize(format="nt")  # every term can be written


@settings(deadline=None, max_examples=150, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=news, day=published)
def test_fuzz_extract_news_like_text(text, day):
    _check(text, day)


@settings(deadline=None, max_examples=80, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=300),
       day=published)
def test_fuzz_extract_any_text(text, day):
    _check(text, day)
