"""The rule-based extractor: triggers, their parties, place, date and modality, merged per article.

Reading order: `triggers` (which words are events) -> `arguments` (which phrases are the parties)
-> `parties` (which actor a phrase names) -> `places` / `dating` / `modality` -> this module, which
applies the per-type behaviour (`types.tsv`) and the annotation guidelines' filters, then
`merge.merge_frames` codes each happening once.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from spacy.tokens import Doc, Token

from ..model import Actor, Article, EventFrame
from .arguments import Arguments
from .dateline import find_dateline
from .dates import resolve_time
from .dating import Dater
from .dictionary import ActorDictionary, load_dictionary
from .fatalities import fatalities_in
from .geo import Gazetteer, load_gazetteer
from .groups import noun_lemma
from .guidelines import (another, background, definite, drop_summaries, each_other, habitual, in_relative_clause,
                         in_the_fighting, moves_own_forces, newsroom, ongoing_description, quoted, reciprocal,
                         running_total, standing, within_sentence)
from .lexicon import Lexicon
from .coref import REPORTING_VERBS
from .merge import ANAPHORIC, ANOTHER, CLAIMED, merge_frames
from .modality import modality
from .national_bodies import local_body
from .parties import PartyResolver
from .party_places import capital_for_country
from .attach import PlaceAttacher
from .event_places import EventPlaces
from .about import statement_targets
from .crowds import crowd_targets
from .custody import sign_custody
from .places import PlaceFinder
from .triggers import Trigger, TriggerFinder
from .party_words import common_party, party_object, people_noun
from .syntax import child
from .types import behaviour

__all__ = ["RulesExtractor", "VERSION"]

VISITS = frozenset({"visit", "tour", "travel", "arrive", "fly"})
DEALS = frozenset({"ceasefire", "truce", "deal", "agreement", "accord", "armistice"})  # the sides' own acts

VERSION = "2.0.0"
SCENE_SENTENCES = 2  # how far a scene's place carries
HARMED = frozenset({"kill", "wound", "injure", "maim", "leave"})  # "the attack also wounded 20": the same act


class RulesExtractor:
    """The default FrameExtractor: rules over spaCy's parse, resources loaded once and shared."""

    name = "rules"
    version = VERSION

    def __init__(self, lexicon: Lexicon | None = None, dictionary: ActorDictionary | None = None,
                 gazetteer: Gazetteer | None = None):
        self.lexicon = lexicon or Lexicon.load()
        self.dictionary = dictionary or load_dictionary()
        self.gazetteer = gazetteer or load_gazetteer()

    def frames(self, doc: Doc, article: Article) -> list[EventFrame]:
        """All asserted event frames of one article, merged as the guidelines ask."""
        ctx = ArticleContext(self, doc, article)
        frames = []
        scene, age = None, 0  # the one place the last placed sentence named, and how many sentences ago
        for sent in doc.sents:
            triggers = drop_summaries(ctx.triggers.find(sent))
            found = within_sentence([f for t in triggers for f in ctx.frames_of(t)])
            placed = {f.place for f in found if f.place is not None}
            names_places = any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in sent)  # its own geography
            if scene is not None and age <= SCENE_SENTENCES and not names_places:  # "Gunmen attacked X. Two died."
                found = [replace(f, place=scene, evidence=f.evidence + ("scene place",))
                         if f.place is None and behaviour(f.action).scene else f for f in found]
            if placed:
                scene, age = (next(iter(placed)) if len(placed) == 1 else None), 0
            age += 1
            days = [f.date for f in found if f.date is not None and not behaviour(f.action).statement]
            if days:  # "... on Monday. Five fighters surrendered the following day": the day told last
                ctx.when.story_day = days[-1]
            frames += found
        tokens = {t.idx: t for t in doc}
        frames = sign_custody(frames, lambda f: getattr(tokens.get(f.trigger_start), "lemma_", "").lower())
        frames = crowd_targets(frames)
        frames = statement_targets(frames)
        frames = merge_frames(frames, lead_end=ctx.lead_end)
        if ctx.dateline_place is not None:  # stated fallback: the dateline city, for street-level acts
            frames = [replace(f, place=ctx.dateline_place, evidence=f.evidence + ("dateline place",))
                      if f.place is None and behaviour(f.action).at_dateline else f for f in frames]
        return frames


class ArticleContext:
    """Everything known about one article while its frames are built (no state outlives it)."""

    def __init__(self, x: RulesExtractor, doc: Doc, article: Article):
        self.doc, self.article, self.lexicon, self.x_gazetteer = doc, article, x.lexicon, x.gazetteer
        opening = find_dateline(article.text)
        story_dateline = opening[0] if opening else None
        anchor = article.published  # what 'today' means: a dated dateline wins
        if story_dateline:
            dated = resolve_time(story_dateline, article.published)
            if dated is not None and dated.day is not None and dated.precision == "day":
                anchor = dated.day
        self.anchor = anchor
        self.where = PlaceFinder(x.gazetteer, doc, article, story_dateline, x.dictionary.demonym,
                                 lambda name: getattr(x.dictionary.lookup(name), "country", None))
        home = self.where.decide_home()
        self.parties = PartyResolver(doc, x.dictionary, self.where.place_of, home, x.gazetteer.country,
                                     x.gazetteer.capital)
        self.dateline_place = self.where.dateline_place(story_dateline)
        self.attach = PlaceAttacher(self.where)
        self.when = Dater(anchor)
        self.triggers = TriggerFinder(x.lexicon, self)
        self.arguments = Arguments(self)
        self.event_places = EventPlaces(self)
        first = next((s for s in doc.sents if s.text.strip()), None)
        self.lead_end = first.end_char if first is not None else 0
        self.news_day = None

    def is_country(self, token: Token) -> bool:
        """A country named as an object ('accused Russia', 'fired rockets at Israel') is a party;
        so is a capital addressed for its government ('accused Belgrade of')."""
        return self.where.is_country(token, self.parties.entity(token)) or capital_for_country(self.parties, token)

    # -- frames ------------------------------------------------------------------------------
    def frames_of(self, trigger: Trigger) -> list[EventFrame]:
        action = trigger.action
        kind = behaviour(action.plover)
        if modality(trigger.anchor, action, trigger.noun) != "asserted":
            return []
        if action.plover == "THREATEN" and trigger.form == "verb" and self._prediction(trigger.token):
            return []  # "warned that the fighting could spread": a forecast, not a threat
        if newsroom(trigger):
            return []  # "requested anonymity", "declined to comment"
        if in_the_fighting(trigger):
            return []  # "hospitals were attacked and damaged in the fighting"
        if trigger.form == "verb" and standing(trigger.token):
            return []  # "Turkey and Russia support opposite sides", "is allied with": a relation, not an act
        roles = self.arguments.roles(trigger)
        actors = self.parties.resolve_all(roles.actor)
        targets = self.parties.resolve_all(roles.target, military=kind.military) or self._common_target(trigger, roles)
        if not targets and roles.target is not None and trigger.form == "verb":  # "attacked the Mariri camp,
            targets = self.parties.resolve_all(self.arguments.casualties(trigger.token))  # killing two rangers"
        people = self.parties.counted(roles.actor)  # "hundreds of lime growers"
        mirrored = each_other(roles.actor, roles.target)
        if mirrored and not actors:  # "each side accused the other": the story's two sides, both ways
            sides = self.parties.mentions.sides(trigger.token.i)
            actors, targets = (sides[:1], sides[1:2]) if len(sides) == 2 else ([], [])
        if not actors and action.plover == "PROTEST" and self.people_noun(people):
            actors = [common_party(people, self.where.home)]  # "about 50 musicians demonstrated": whoever marches
        if action.plover == "PROTEST":  # "several hundred people rallied": people who protest are protesters
            actors = [replace(a, label="Protesters") if a.generic and a.label == "Civilians" else a for a in actors]
        if len(actors) > 1 and "between" in roles.cues:
            actors, targets = actors[:1], actors[1:]  # "clashes between X and Y": X and Y are the two sides
        elif len(actors) > 1 and not targets and (kind.paired or reciprocal(trigger)):
            actors, targets = actors[:1], actors[1:]  # "the army and the RSF agreed": one with the other
        claim = trigger.support if trigger.support is not None else trigger.token
        if claim.lemma_.lower() == "claim" or (trigger.noun is not None and trigger.noun.dep_ == "nsubjpass"
                                              and trigger.noun.head.lemma_.lower() == "claim"):
            roles.cues.append(CLAIMED)  # "X claimed (responsibility for) the attack": the attack told before
        if another(trigger.noun) or self._also(trigger):
            roles.cues.append(ANOTHER)  # 'a second strike': never merged with the one told before
        elif definite(trigger.noun) and roles.actor is None:
            roles.cues.append(ANAPHORIC)
        if roles.actor is not None and roles.actor.pos_ == "PRON" and actors:
            roles.cues.append("resolved pronoun")
        if trigger.form in ("occurrence", "casualty") and running_total(trigger):
            return []  # "the fighting has killed 270 people": a tally
        if action.plover == "RETREAT" and actors and all(a.kind == "civilians" for a in actors):
            return []  # "students vacated the school for their safety": people leaving, not forces withdrawing
        own = {a.label for a in actors} | {a.affiliation for a in actors if a.affiliation}
        if kind.internal and targets and all(t.label in own for t in targets):
            return []  # a leader urging his own forces, a body meeting itself
        mine = [t for t in targets if t.label in own]
        targets = [t for t in targets if t.label not in own]  # own forces ("ordered his forces to march")
        if kind.internal and mine and not targets:
            return []  # "the general urged his troops to respect human rights": to his own forces
        if action.plover == "MOBILIZE" and roles.target is not None and moves_own_forces(roles.target):
            if not actors and roles.target.dep_ == "nsubjpass" and all(t.kind in ("state_force", "armed_group")
                                                                        for t in targets):
                actors = targets  # "troops were airlifted to Bodhei": the forces moved, whoever sent them
            targets = []  # "ordered loyalist forces to prepare", "deployed troops": the forces moved are its own
        if kind.paired and not actors and not targets and trigger.noun is not None and (
                trigger.noun.tag_ in ("NNS", "NNPS") or noun_lemma(trigger.noun) in DEALS):
            sides = self.parties.mentions.sides(len(self.doc))  # "peace talks began in South Africa": the war's sides
            actors, targets = sides[:1], sides[1:]
        if kind.needs_target and not targets and trigger.token.lemma_.lower() in VISITS:
            host = self._host(roles, trigger)  # "visited the North African country": its government hosts
            targets = [host] if host is not None else []
        if kind.needs_target and not targets:
            return []
        if not actors and not targets and not kind.unsigned:
            return []  # nobody does it to anybody: nothing to code
        time = self.when.time_of(trigger)
        if time is not None and time.future:
            return []
        if ongoing_description(trigger.anchor):
            return []  # "the zone, where it is mounting an offensive": a state, whatever date the clause inherits
        if time is None and in_relative_clause(trigger.anchor):
            return []  # undated description in a relative clause ("units Haftar has deployed")
        if quoted(self.article.text, trigger.support or trigger.token) and trigger.anchor.tag_ not in (
                "VBD", "VBN") and kind.military:
            return []  # a quoted armed act not told in the past is rhetoric ("we are coming to crush them")
        if time is not None and time.precision in ("year", "month") and time.day is None \
                and not time.recent(self.anchor):
            return []  # undated background ("destroyed in 2014 fighting"), not "at the end of July"
        if time is None and background(trigger):
            return []  # "Having seized the east, ...", "since the start of the offensive"
        if (time is None or time.day is None) and habitual(trigger):
            return []  # "has struck several checkpoints", "has stepped up attacks": a pattern, not an event
        day = self._day(trigger, time, kind)
        places = self._places(trigger, roles) or [None]
        frames = [self._frame(trigger, roles.cues, self._here(roles.actor, actors, place), target, place, day)
                  for place in places for target in (self._here(roles.target, targets, place) or [None])]
        if mirrored and actors and targets:
            frames += [self._frame(trigger, roles.cues, targets, actors[0], place, day) for place in places]
        return frames

    @staticmethod
    def _also(trigger: Trigger) -> bool:
        """"shelling also hit the towns of A and B", "rebels again attacked X": one more act, not the one
        told before (not "the attack also wounded 20", "also confirmed the attack": more of the same; nor
        "the leaders also agreed that ...": another term of the deal told before)."""
        anchor = trigger.anchor
        return trigger.form in ("verb", "occurrence") and behaviour(trigger.action.plover).military \
            and not definite(trigger.noun) \
            and anchor.lemma_.lower() not in HARMED | REPORTING_VERBS \
            and any(c.dep_ == "advmod" and c.lower_ in ("also", "again") for c in anchor.children)

    def _here(self, token: Token | None, parties: list[Actor], place) -> list[Actor]:
        """'police in Kampala' in a Kenyan story: a domestic body named by its noun alone is the
        body of the country where the event happened."""
        local = local_body(self.parties, token, place) if len(parties) == 1 else None  # None at home
        if local is None or parties[0] != self.parties.resolve(token, pronouns=False):
            return parties  # (or the party is not what the phrase names: 'between X and Y' split it)
        return [local]

    def _common_target(self, trigger: Trigger, roles) -> list[Actor]:
        """'accused local ranchers of': a verb that takes only parties makes its object one."""
        lemma = self.triggers.verb_lemma(trigger.token) if trigger.form == "verb" else ""
        return [common_party(roles.target, self.where.home)] if party_object(roles.target, lemma, self.lexicon) else []

    def _host(self, roles, trigger: Trigger) -> Actor | None:
        """The government of the country a visit went to."""
        obj = child(trigger.token, "dobj")
        ent = self.parties.entity(obj) if obj is not None else None
        place = self.where.place_of(ent) if ent is not None else None
        iso3 = place.country if place is not None else (self.where.home if obj is not None and obj.lemma_.lower() in (
            "country", "nation", "capital") else None)
        if iso3 is None or iso3 in {a.country for a in self.parties.resolve_all(roles.actor)}:
            return None
        country = self.x_gazetteer.country(iso3)
        return self.parties.country_actor(iso3, country.label if country is not None else iso3)

    def _prediction(self, verb: Token) -> bool:
        """A warning whose clause says what will happen to others, not what the warner will do."""
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None:
            return False
        said = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if said is None or said.lower_ in ("it", "they", "we", "he", "she", "i"):
            return False  # "warned it would boycott the polls": the warner's own act
        speaker = self.arguments.subject(verb)
        mine = self.parties.resolve(speaker) if speaker is not None else None
        theirs = self.parties.resolve(said)
        return theirs is None or mine is None or theirs.label != mine.label

    def _day(self, trigger: Trigger, time, kind):
        day = time.day if time is not None else None
        anchor = trigger.anchor
        if day is None and time is None and kind.statement and anchor.tag_ in ("VBZ", "VBP") \
                and anchor.dep_ in ("ROOT", "conj"):
            day = self.anchor  # a press statement in the present tense dates its own act
        if time is not None and time.precision == "news-day" and self.news_day:
            day = self.news_day
        if time is not None and time.precision == "previous-day" and self.news_day:
            day = self.news_day - timedelta(days=1)  # "reported a similar attack the previous night"
        if day is not None and self.news_day is None:
            self.news_day = day
        return day

    def _places(self, trigger: Trigger, roles) -> list:
        return self.event_places.of(trigger, roles)

    def people_noun(self, token: Token | None) -> bool:
        """A common noun that can only be people here, as the subject of a protest ('musicians',
        'dockers', 'lime growers'): no event noun, place, weapon or thing the lexicon knows."""
        return people_noun(token, self.lexicon, self.parties)

    def _frame(self, trigger: Trigger, cues: list, actors: list[Actor], target: Actor | None, place, day):
        if place is not None and place.country:  # a generic group takes the country of the event's place
            actors = [replace(a, country=place.country) if a.generic else a for a in actors]
            if target is not None and target.generic:
                target = replace(target, country=place.country)
        actor = actors[0] if actors else None
        cues = [f"{trigger.form} trigger"] + list(cues) + (["joint actor"] if len(actors) > 1 else [])
        if actor is not None and self.parties.dictionary.get(actor.label) == actor:
            cues.append("dictionary actor")
        sent = trigger.token.sent
        text = self.article.text
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        confidence = 0.5 + 0.1 * ("dictionary actor" in cues) + 0.05 * (place is not None) \
            + 0.05 * (day is not None) + 0.1 * (actor is not None and not actor.generic) \
            - 0.05 * ("event noun" in cues) - 0.05 * ("passive voice" in cues and actor is None)
        killed = fatalities_in(sent) if behaviour(trigger.action.plover).fatalities else None
        return EventFrame(article_id=self.article.id, action=trigger.action.plover, cameo=trigger.action.cameo[:2],
                          trigger=self._words(trigger), sentence=text[start:end], start=start, end=end,
                          trigger_start=trigger.token.idx, actor=actor, target=target, place=place, date=day,
                          confidence=round(min(max(confidence, 0.05), 0.99), 2), modality="asserted",
                          evidence=tuple(dict.fromkeys(cues)), fatalities=killed, co_actors=tuple(actors[1:]),
                          place_precision=self.where.precision.get((place.label, place.within))
                          if place is not None and place.within else None)

    def _words(self, trigger: Trigger) -> str:
        parts = [trigger.token]
        if trigger.support is not None:
            parts.append(trigger.support)
        if trigger.form == "verb":
            parts += [c for c in trigger.token.children if c.dep_ == "prt"]
        return " ".join(t.text for t in sorted(set(parts), key=lambda t: t.i))
