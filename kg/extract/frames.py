"""Event frames from spaCy's dependency parse: triggers and their arguments.

Places are attached in `where.py`, dates and modality in `when.py`, re-mentions merged in `merge.py`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ..model import Actor, Article, EventFrame, Place
from .actors import ActorResolver, noun_lemma
from .dateline import find_dateline
from .dates import TimeExpr, resolve_time
from .dictionary import ActorDictionary, load_dictionary
from .fatalities import fatalities_in
from .gazetteer import Gazetteer, load_gazetteer
from .lexicon import Action, Lexicon
from .merge import joint_actor as _joint, merge_frames
from .parse import (AIMING, AT_DATELINE, CLAUSE_DEPS, GENERIC_FIGHT, OCCUR, PAIRED, STATEMENTS, TALLY_VERBS,
                    TARGET_PREPS, UNSIGNED, VIOLENCE_NOUNS, child as _child, obj_class as _obj_class,
                    owned as _owned, pobj as _pobj)
from .when import TimeMixin
from .where import PlaceMixin

__all__ = ["frames_from_doc", "Extractor", "merge_frames"]


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


class _ArticleContext(PlaceMixin, TimeMixin):
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
        return _Draft(trigger=verb if noun is None else noun, action=action,
                      words=words or self._words(verb, noun), actor=actor, target=target,
                      place_tokens=self._places(verb, noun, dobj, actor_tok), time=None,
                      modality=self._modality(verb, action), cues=cues, anchor=verb, more_targets=more_targets)

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
        killed = fatalities_in(sent) if action.plover == "ASSAULT" else None
        return [EventFrame(article_id=self.article.id, action=action.plover, cameo=action.cameo[:2],
                           trigger=draft.words, sentence=self.article.text[start:end], start=start, end=end,
                           trigger_start=draft.trigger.idx, actor=draft.actor, target=target,
                           place=place, date=day, confidence=round(min(max(confidence, 0.05), 0.99), 2),
                           modality="asserted", evidence=tuple(draft.cues), fatalities=killed)
                for place in places for target in targets]
