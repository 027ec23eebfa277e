"""The typed records passed between stages: Article, Actor, Place, EventFrame (stdlib only)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

__all__ = ["ACTOR_KINDS", "ROLES", "MODALITIES", "Origin", "Article", "Actor", "Place", "EventFrame", "Extraction", "JointParties"]

ROLES = ("leader", "commander")  # Actor.role besides a plain member (None)
ACTOR_KINDS = ("person", "armed_group", "state_force", "government",
               "international_organisation", "civilians", "media", "other")
MODALITIES = ("asserted", "negated", "hypothetical", "future")


@dataclass(frozen=True)
class Origin:
    """Where an article's text was read from, and when (kept as its provenance, `kg.mapping.origin`)."""

    format: str  # how it was read: 'txt', 'jsonl', 'html', 'warc', 'feed' or 'api'
    file: str | None = None  # the file as given ('pages/a.html'; 'news.jsonl:3' for a line)
    page: str | None = None  # the URL the page was fetched from (a feed entry's link, a WARC record's target)
    feed: str | None = None  # the feed (URL or file, as added) the entry came from
    retrieved: datetime | None = None  # when it was fetched (a file: when it was last written), timezone-aware


@dataclass(frozen=True)
class Article:
    """A news article: its text and what is known of its publication."""

    id: str
    text: str
    published: date
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    source: str | None = None  # where it was read from: "path" or "path:line"
    origin: Origin | None = None  # provenance (file, page, feed, time); not part of the content hash

    @property
    def content_hash(self) -> str:
        """sha256 of the text and the metadata that reach the graph, as hex."""
        h = hashlib.sha256()
        for part in (self.id, self.text, self.published.isoformat(), self.title,
                     self.url, self.outlet, self.dateline):
            h.update((part or "").encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass(frozen=True)
class Actor:
    """A canonical actor: who did something or had it done to them."""

    label: str
    kind: str = "other"
    country: str | None = None
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None  # canonical label of the body a person leads or belongs to
    generic: bool = False  # a group named by a common noun ('Civilians', 'Gunmen'): one per country
    role: str | None = None  # how it stands to its affiliation: None (a member), 'leader' or 'commander'

    def to_json(self, iri: str | None = None) -> dict:
        """The actor as the `kg extract` JSON object."""
        return {"label": self.label, "iri": iri, "kind": self.kind, "country": self.country}


@dataclass(frozen=True)
class Place:
    """A named place, geocoded when the gazetteer knows it."""

    label: str
    lat: float | None = None
    lon: float | None = None
    geonames: int | None = None
    country: str | None = None
    feature: str | None = None  # city, region, district, mountain, country, ...
    aliases: tuple[str, ...] = ()
    feature_id: str | None = None  # the place's id in an imported dataset's gazetteer (GDELT)
    admin1: str | None = None  # name of the first-level division it lies in ('Kaduna', 'Sar-e Pol')
    admin2: str | None = None  # name of the second-level division, where the gazetteer knows it
    within: str | None = None  # not in the gazetteer: placed at this containing place's coordinates

    def to_json(self, iri: str | None = None) -> dict:
        """The place as the `kg extract` JSON object."""
        return {"label": self.label, "iri": iri, "lat": self.lat, "lon": self.lon,
                "geonames": self.geonames, "country": self.country, "feature": self.feature,
                "admin1": self.admin1, "admin2": self.admin2, "within": self.within}


class JointParties:
    """`actors` and `targets` of a record with ``actor, co_actors, target, co_targets`` (an
    extracted frame, an imported row): the first party, then the others of a joint act."""

    @property
    def actors(self) -> tuple[Actor, ...]:
        """Every actor: the first one, then the co-actors."""
        return ((self.actor,) if self.actor is not None else ()) + self.co_actors

    @property
    def targets(self) -> tuple[Actor, ...]:
        """Every target: the first one, then the co-targets."""
        return ((self.target,) if self.target is not None else ()) + self.co_targets


@dataclass(frozen=True)
class EventFrame(JointParties):
    """One event: who did what to whom, where and when, and the evidence for it."""

    article_id: str
    action: str  # PLOVER type, e.g. "ASSAULT"
    cameo: str  # CAMEO root code, e.g. "19"
    trigger: str
    sentence: str
    start: int  # character offset of the sentence in the article text
    end: int  # end offset (exclusive)
    trigger_start: int  # character offset of the trigger's first token in the article text
    actor: Actor | None = None
    target: Actor | None = None
    place: Place | None = None
    date: date | None = None
    confidence: float = 0.5
    modality: str = "asserted"
    evidence: tuple[str, ...] = field(default=())  # the cues the frame rests on
    fatalities: int | None = None  # people the sentence says were killed (kg.extract.fatalities)
    date_precision: str | None = None  # 'day', 'week', 'month', 'year'; None is 'day' when dated
    place_precision: str | None = None  # 'exact', 'town', 'region', 'country'; None: from the place
    co_actors: tuple[Actor, ...] = ()  # further parties of a joint act ("Egypt and Saudi Arabia urged")
    co_targets: tuple[Actor, ...] = ()  # further parties acted on together



@dataclass(frozen=True)
class Extraction:
    """Which extractor (name and version) and which language model produced an article's events."""

    extractor: str
    version: str
    model: str | None = None  # 'en_core_web_sm 3.8.0'
