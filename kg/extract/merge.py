"""Code each happening once per article: merge re-mentions and a summary lead's events."""
from __future__ import annotations

from dataclasses import replace

from ..geodesy import distance_km
from ..model import Actor, EventFrame, Place

__all__ = ["merge_frames", "joint_actor", "ANAPHORIC", "ANOTHER"]


def joint_actor(actors: list[Actor]) -> Actor:
    """One actor for a joint act: 'United States, France and Britain'."""
    labels = [a.label for a in actors]
    label = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
    kinds = {a.kind for a in actors}
    countries = {a.country for a in actors}
    return Actor(label, kinds.pop() if len(kinds) == 1 else "other", countries.pop() if len(countries) == 1 else None)


def _compatible(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return True
    if a.label == b.label or a.affiliation == b.label or b.affiliation == a.label:
        return True
    generic = {"militias", "forces", "fighters", "troops"}
    return (a.label.split()[-1].lower() in generic and b.label.split()[-1].lower() in generic
            and a.kind == b.kind)


def _place_id(place: Place | None):
    return None if place is None else (place.geonames or place.label)


def _labels(actors: tuple[Actor, ...]) -> tuple[str, ...] | None:
    return tuple(sorted(a.label for a in actors)) or None


def _key(frame: EventFrame) -> tuple:
    return (frame.action, _labels(frame.actors), _labels(frame.targets), _place_id(frame.place), frame.date)


def _stems(trigger: str) -> set[str]:
    return {w[:5] for w in trigger.lower().split() if w.isalpha() and len(w) >= 4}


NEARBY_KM = 40.0  # places this close may name the same happening (a district and its city)


def _places_compatible(a: Place | None, b: Place | None) -> bool:
    """Unknown, the same, one is the country the other lies in, or they lie within NEARBY_KM."""
    if a is None or b is None or _place_id(a) == _place_id(b):
        return True
    if (a.feature == "country" and a.country == b.country) or (b.feature == "country" and b.country == a.country):
        return True
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= NEARBY_KM


def _mergeable(later: EventFrame, summary: EventFrame) -> bool:
    return (later.action == summary.action and _compatible(later.actor, summary.actor)
            and _compatible(later.target, summary.target)
            and (later.date is None or summary.date is None or later.date == summary.date)
            and _places_compatible(later.place, summary.place))


def _affinity(later: EventFrame, summary: EventFrame) -> int:
    return (3 * bool(_stems(later.trigger) & _stems(summary.trigger))
            + (later.target is not None and summary.target is not None and later.target.label == summary.target.label)
            + (later.actor is not None and summary.actor is not None and later.actor.label == summary.actor.label))


def _same_happening(a: EventFrame, b: EventFrame) -> bool:
    """A re-mention: same type and parties (at least one named), no clash of place or date."""
    if ANOTHER in a.evidence + b.evidence and a.trigger_start != b.trigger_start:
        return False  # 'a second strike on the camp'
    if _key(a) == _key(b):
        return True
    if a.action == b.action and a.trigger_start != b.trigger_start and (not a.actors or not b.actors) \
            and _stems(a.trigger) & _stems(b.trigger) and _antecedent(a, b):
        return True  # "an ambush by jihadists" ... "the soldiers were ambushed": the same word, no one new
    if a.action != b.action or (a.actor is None and a.target is None):
        return False
    if a.trigger_start == b.trigger_start:
        return False  # one trigger split by place or target ("bombed the towns of A, B and C")
    same_targets = _labels(a.targets) == _labels(b.targets) or not a.targets or not b.targets
    evidence = (a.place is not None and b.place is not None) or (a.date is not None and b.date is not None) \
        or (a.targets and _labels(a.targets) == _labels(b.targets))  # something besides the actor agrees
    return bool(_same_parties(a.actors, b.actors) and a.actors and same_targets and evidence
                and (a.date is None or b.date is None or a.date == b.date)
                and (a.place is None or b.place is None or _places_compatible(a.place, b.place)))


def _same_parties(a: tuple[Actor, ...], b: tuple[Actor, ...]) -> bool:
    """The same parties, or one the shorter name of the other ('Opposition fighters', 'Syrian
    opposition fighters'): same kind, and every word of one label in the other."""
    if _labels(a) == _labels(b):
        return True
    if len(a) != 1 or len(b) != 1 or a[0].kind != b[0].kind:
        return False
    x, y = (set(actor.label.lower().split()) for actor in (a[0], b[0]))
    return len(min(x, y, key=len)) >= 2 and (x <= y or y <= x)


def merge_frames(frames: list[EventFrame], *, lead_end: int) -> list[EventFrame]:
    """Code each happening once: identical tuples merge, and a summary lead's events merge into
    the later, itemised mention of the same event (which gains the lead's date and place).

    A lead is a summary when it tells several events; a lead that tells one event is that event's
    representative mention, and later re-mentions merge into it instead.
    """
    lead = [f for f in frames if f.start < lead_end]
    if len({f.trigger_start for f in lead}) < 2:
        lead = []
    merged_rest = [f for f in frames if f not in lead]
    absorbed: set[int] = set()
    for summary in lead:
        options = [(_affinity(f, summary), i) for i, f in enumerate(merged_rest)
                   if i not in absorbed and f.start != summary.start and _mergeable(f, summary)
                   and _affinity(f, summary) > 0]
        if not options:
            merged_rest.append(summary)
            continue
        _, best = max(options, key=lambda o: (o[0], -o[1]))
        f = merged_rest[best]
        absorbed.add(best)
        merged_rest[best] = replace(f, date=f.date or summary.date, place=f.place or summary.place,
                                    actor=f.actor or summary.actor, target=f.target or summary.target,
                                    co_actors=f.co_actors or (summary.co_actors if f.actor is None else ()),
                                    co_targets=f.co_targets or (summary.co_targets if f.target is None else ()),
                                    evidence=f.evidence + ("merged with lead",))
    out: list[EventFrame] = []
    for frame in sorted(merged_rest, key=lambda f: (f.start, f.trigger_start)):
        twin = next((i for i, f in enumerate(out) if _same_happening(f, frame)), None)
        if twin is None and ANAPHORIC in frame.evidence:
            twin = next((i for i in range(len(out) - 1, -1, -1) if _antecedent(out[i], frame)), None)
        if twin is None and _empty(frame):  # "80 others were injured in a strike on a detention centre in
            twin = next((i for i in range(len(out) - 1, -1, -1) if out[i].action == frame.action  # Tajoura":
                         and out[i].trigger_start != frame.trigger_start  # one act at A, B and C: three
                         and _same_scene(out[i].place, frame.place)), None)  # naming no one and no day, it adds nothing
        if twin is None and CLAIMED in frame.evidence:
            twin = next((i for i in range(len(out) - 1, -1, -1) if _claimed(out[i], frame)), None)
            if twin is not None:  # the claimer did it: it names whoever the report left unnamed or generic
                f = out[twin]
                claimer = frame.actor if f.actor is None or f.actor.generic else f.actor
                out[twin] = replace(f, actor=claimer, co_actors=f.co_actors if claimer == f.actor else frame.co_actors,
                                    date=f.date or frame.date, place=f.place or frame.place,
                                    evidence=f.evidence + ("claimed",))
                continue
        if twin is None:
            out.append(frame)
        else:
            f = out[twin]
            if _told(frame) > _told(f):  # the mention that writes the most down represents the happening
                f, frame = frame, f
            out[twin] = replace(f, date=f.date or frame.date, place=f.place or frame.place,
                                actor=f.actor or frame.actor, co_actors=f.co_actors or frame.co_actors,
                                target=f.target or frame.target, co_targets=f.co_targets or frame.co_targets)
    return out


def _empty(frame: EventFrame) -> bool:
    """A mention that names neither party nor day (its place, if any, may be told again): it
    re-tells an event of its type told before, unless it says it is another one."""
    return frame.actor is None and frame.target is None and frame.date is None and ANOTHER not in frame.evidence


def _same_scene(told: Place | None, mention: Place | None) -> bool:
    """Where an empty mention may be the event told before: both unplaced, or both placed close
    together ('shelling also hit the towns of A, B and C' after an unplaced attack is news)."""
    if told is None or mention is None:
        return told is None and mention is None
    return _places_compatible(told, mention) or _unplaced_alike(told, mention)


def _told(frame: EventFrame) -> int:
    """How many of its own slots a mention fills (a merged mention keeps the other's as well)."""
    return sum(x is not None for x in (frame.actor, frame.target, frame.place, frame.date))


ANAPHORIC = "definite re-mention"  # 'the attack', 'the clash': names an event told before
CLAIMED = "claim of responsibility"  # 'X claimed the attack', 'the attack was claimed by X'


def _claimed(earlier: EventFrame, claim: EventFrame) -> bool:
    """The nearest earlier event of the type a claim of responsibility names, told before it, whose
    named doer (if any) is the claimer; a generic one ('gunmen', 'a suicide bomber') is who it names."""
    return earlier.action == claim.action and earlier.start < claim.start and (
        earlier.actor is None or earlier.actor.generic or claim.actor is None
        or _compatible_parties(earlier.actors, claim.actors)) \
        and (earlier.date is None or claim.date is None or earlier.date == claim.date)
ANOTHER = "another occurrence"  # 'a second strike', 'a similar attack': not the one told before


def _antecedent(earlier: EventFrame, anaphor: EventFrame) -> bool:
    """'... claimed responsibility for the attack': the nearest earlier event of the type it names."""
    return (earlier.action == anaphor.action and _compatible_parties(earlier.actors, anaphor.actors)
            and _compatible_parties(earlier.targets, anaphor.targets)
            and (earlier.date is None or anaphor.date is None or earlier.date == anaphor.date)
            and (_places_compatible(earlier.place, anaphor.place) or _unplaced_alike(earlier.place, anaphor.place)))


def _unplaced_alike(a: Place | None, b: Place | None) -> bool:
    """One of two places of the same country has no position ('in the Hamarweyne district', a
    district the gazetteer lacks): nothing says they are apart."""
    return a is not None and b is not None and a.country is not None and a.country == b.country \
        and (a.lat is None or b.lat is None)


def _compatible_parties(a: tuple[Actor, ...], b: tuple[Actor, ...]) -> bool:
    return not a or not b or bool({x.label for x in a} & {y.label for y in b}) or all(
        _compatible(x, y) for x in a for y in b)
