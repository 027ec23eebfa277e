"""The resolution rule on hand-made reports: which pairs may be one happening, and the grouping."""
from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest

from kg.resolve.rule import Report, cluster, compatible, distance_km

ID = "https://w3id.org/conflict-kg/id/"
RSF, SAF, CIV = ID + "actor/rapid-support-forces", ID + "actor/sudanese-armed-forces", ID + "actor/civilians"
KHARTOUM = dict(place=ID + "place/geonames-379252", place_label="Khartoum", lat=15.55177, lon=32.53241,
                geonames=379252, country="SDN", place_precision="town")
OMDURMAN = dict(place=ID + "place/geonames-365137", place_label="Omdurman", lat=15.64453, lon=32.47773,
                geonames=365137, country="SDN", place_precision="town")
MEROWE = dict(place=ID + "place/geonames-370481", place_label="Merowe", lat=18.47036, lon=31.81126,
              geonames=370481, country="SDN", place_precision="town")
SUDAN = dict(place=ID + "place/geonames-366755", place_label="Sudan", lat=14.6779, lon=31.6806,
             geonames=366755, country="SDN", place_precision="country")
CHAD = dict(place=ID + "place/geonames-2434508", place_label="Chad", lat=15.0, lon=19.0, geonames=2434508,
            country="TCD", place_precision="country")


def report(iri: str, graph: str = "article/a", **fields) -> Report:
    base = dict(action="ASSAULT", date=date(2023, 4, 15), actor=RSF, target=SAF, **KHARTOUM)
    base.update(fields)
    return Report(ID + "event/" + iri, ID + graph, **base)


A = report("a")
SAME = [
    ("same-everything-other-article", report("b", "article/b")),
    ("next-day", report("b", "article/b", date=date(2023, 4, 16))),
    ("day-before", report("b", "article/b", date=date(2023, 4, 14))),
    ("target-unknown", report("b", "article/b", target=None)),
    ("actor-unknown", report("b", "article/b", actor=None)),
    ("nearby-town-under-25km", report("b", "article/b", **OMDURMAN)),
    ("country-contains-town", report("b", "article/b", **SUDAN)),
    ("assault-roles-swapped", report("b", "article/b", actor=SAF, target=RSF)),
    ("imported-acled-row", report("b", "dataset/acled-x", source="acled")),
    ("same-geonames-other-iri", report("b", "dataset/gdelt-x", source="gdelt", place=ID + "place/x")),
    ("region-within-100km", report("b", "dataset/acled-x", source="acled", place=ID + "place/y", geonames=None,
                                   lat=16.2, lon=32.6, place_precision="region")),
    # a joint act (or an ACLED row's associated actors): sharing one of its parties is agreeing
    ("joint-actors-share-one", report("b", "dataset/acled-x", source="acled", actor=CIV, co_actors=frozenset({RSF}))),
    ("joint-targets-share-one", report("b", "article/b", target=CIV, co_targets=frozenset({SAF}))),
]
DIFFERENT = [
    ("same-article", report("b")),  # one article's events are never merged by the resolver
    ("both-parties-unknown", report("b", "article/b", actor=None, target=None)),
    ("only-unknowns-agree", report("b", "article/b", actor=None, target=CIV)),
    ("no-place-both-same-parties", report("b", "article/b", place=None, lat=None, lon=None, geonames=None)),
    ("towns-30km-apart", report("b", "article/b", place=ID + "place/y", geonames=None, lat=15.82, lon=32.53)),
    ("region-over-100km", report("b", "dataset/acled-x", source="acled", place=ID + "place/y", geonames=None,
                                 lat=16.6, lon=32.6, place_precision="region")),
    ("different-type", report("b", "article/b", action="COERCE")),
    ("two-days-apart", report("b", "article/b", date=date(2023, 4, 17))),
    ("different-place-330km", report("b", "article/b", **MEROWE)),
    ("country-does-not-contain", report("b", "article/b", **CHAD)),
    ("different-target", report("b", "article/b", target=CIV)),
    ("joint-actors-share-none", report("b", "article/b", actor=CIV, co_actors=frozenset({ID + "actor/police"}))),
    ("undated", report("b", "article/b", date=None)),
    ("date-known-to-the-week", report("b", "dataset/acled-x", source="acled", date_precision="week")),
    ("negated", report("b", "article/b", modality="negated")),
    ("hypothetical", report("b", "article/b", modality="hypothetical")),
    ("no-place-target-unknown", report("b", "article/b", place=None, target=None)),
    ("swap-only-for-assault", None),
]


@pytest.mark.parametrize("other", [case[1] for case in SAME], ids=[case[0] for case in SAME])
def test_resolve_rule_merges(other):
    assert compatible(A, other) and compatible(other, A)


@pytest.mark.parametrize("other", [case[1] for case in DIFFERENT], ids=[case[0] for case in DIFFERENT])
def test_resolve_rule_keeps_apart(other):
    if other is None:  # CONSULT is not symmetric: A met B and B met A are kept apart
        a, other = replace(A, action="CONSULT"), report("b", "article/b", action="CONSULT", actor=SAF, target=RSF)
    else:
        a = A
    assert not compatible(a, other) and not compatible(other, a)


def test_resolve_rule_khartoum_one_article_three_happenings():
    """One article tells of three things in Khartoum on the same Saturday: the RSF seizing the state
    broadcaster's building, RSF fighters clashing with the army near the airport, and air force
    jets bombing RSF bases. Same type, day and city, overlapping parties: still three happenings.
    A second article's account of the clashes joins the clashes, and only them."""
    seizure = report("seizure", target=None)
    clashes = report("clashes")
    strikes = report("strikes", actor=ID + "actor/sudanese-air-force", target=RSF)
    assert cluster([seizure, clashes, strikes]) == [(clashes,), (seizure,), (strikes,)]
    other = report("other-clashes", "article/b")
    groups = cluster([seizure, clashes, strikes, other])
    assert (clashes, other) in groups and len(groups) == 3


def test_resolve_rule_two_rows_of_one_dataset_never_merge():
    one, two = report("a", "dataset/acled-x", source="acled"), report("b", "dataset/acled-y", source="acled")
    assert not compatible(one, two)
    assert compatible(one, report("c", "dataset/gdelt-x", source="gdelt"))


def test_resolve_rule_distance_km():
    assert distance_km(15.55177, 32.53241, 15.64453, 32.47773) == pytest.approx(11.8, abs=0.5)
    assert distance_km(15.55177, 32.53241, 18.47036, 31.81126) > 300


def test_resolve_rule_cluster_is_complete_linkage():
    # b is compatible with a and c, but a and c name different targets: two happenings, not one
    a, b, c = report("a"), report("b", "article/b", target=None), report("c", "article/c", target=CIV)
    groups = cluster([c, b, a])
    assert [[r.iri[-1] for r in g] for g in groups] == [["a", "b"], ["c"]]


def test_resolve_rule_cluster_ignores_input_order():
    reports = [report(name, f"article/{name}", date=date(2023, 4, 14 + i % 3), target=[SAF, None, CIV][i % 3])
               for i, name in enumerate("abcdefghij")]
    reports += [report("u", date=None), report("n", modality="negated")]
    expected = cluster(reports)
    for seed in range(5):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        assert cluster(shuffled) == expected


def test_resolve_rule_unmergeable_reports_are_alone():
    groups = cluster([report("a", date=None), report("b", date=None), report("c", modality="future")])
    assert sorted(len(g) for g in groups) == [1, 1, 1]


def test_resolve_rule_groups_span_at_most_the_tolerance():
    chain = [report(str(day), f"article/{day}", date=date(2023, 4, day)) for day in range(10, 16)]
    for group in cluster(chain):
        dates = [r.date for r in group]
        assert (max(dates) - min(dates)).days <= 1
