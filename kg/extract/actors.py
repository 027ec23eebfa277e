"""Turn noun phrases into canonical actors: dictionary, possessives, group forms, demonyms, pronouns."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..model import Actor
from .dictionary import ActorDictionary
from .names import name_key

__all__ = ["ActorResolver", "FORCE_NOUNS"]

FORCE_NOUNS = {"force", "forces", "troop", "troops", "soldier", "fighter", "army", "militia", "militiaman",
               "unit", "loyalist", "gunman", "militant", "rebel", "insurgent", "jihadist", "police",
               "policeman", "guard", "brigade", "battalion", "commando", "personnel", "military", "navy",
               "army", "airforce", "jet", "warplane", "drone", "artillery", "reinforcement", "position",
               "positions", "base", "stronghold", "convoy", "camp", "headquarters", "ally", "supporter",
               "member", "official", "authority", "government", "administration", "ministry", "coalition"}
DEFINITE = {"insurgent": ("armed_group",), "militant": ("armed_group",), "rebel": ("armed_group",),
            "militia": ("armed_group",), "jihadist": ("armed_group",), "group": ("armed_group",),
            "army": ("state_force",), "military": ("state_force",), "government": ("government",),
            "regime": ("government",), "movement": ("armed_group",)}
SIDES = {"party", "side", "faction", "rival", "camp"}
REPRESENTATIVES = {"leader", "delegation", "delegate", "representative", "envoy", "commander", "chief", "head"}
SPOKES = {"spokesman", "spokeswoman", "spokesperson"}
STATE_NOUNS = {"police", "policeman", "security", "gendarme", "gendarmerie", "riot"}
MILITARY_ASSETS = {"position", "base", "stronghold", "convoy", "camp", "headquarters", "jet", "warplane",
                   "drone", "artillery", "unit", "checkpoint", "outpost"}
COLLECTIVES = {"protester": "Protesters", "demonstrator": "Protesters", "civilian": "Civilians",
               "migrant": "Migrants", "refugee": "Migrants", "journalist": "Journalists",
               "resident": "Civilians", "villager": "Civilians", "worker": "Civilians", "student": "Civilians"}
ORG_KINDS = (
    (re.compile(r"\b(army|forces?|military|navy|air force|police|guard|ministry of defen[cs]e)\b", re.I), "state_force"),
    (re.compile(r"\b(militias?|brigades?|battalions?|front|movement|group|rebels|insurgents|"
                r"liberation|jihad|islamic state|mujahideen)\b", re.I), "armed_group"),
    (re.compile(r"\b(government|ministry|council of ministers|parliament|presidency|cabinet|house of "
                r"representatives|administration)\b", re.I), "government"),
    (re.compile(r"\b(united nations|un|security council|union|league|organi[sz]ation|agency|commission|"
                r"committee|court|nato|bank|fund|red cross|red crescent)\b", re.I), "international_organisation"),
    (re.compile(r"\b(news|agency|tv|television|radio|times|post|press|reuters|channel)\b", re.I), "media"),
)
PERSON_PRONOUNS = {"he", "him", "his", "she", "her"}
GROUP_PRONOUNS = {"it", "its", "they", "them", "their"}
TITLES = re.compile(r"^(?:(?:president|prime minister|minister|general|gen\.|commander|spokesman|"
                    r"spokeswoman|envoy|secretary-general|leader|chief|colonel|col\.|field marshal|"
                    r"marshal|mr\.?|mrs\.?|ms\.?|dr\.?|sheikh|king|prince|emir|sultan)\s+)+", re.I)


def _child_dep(token: Token, dep: str) -> Token | None:
    return next((c for c in token.children if c.dep_ == dep), None)


def noun_lemma(token: Token) -> str:
    """The lowercase singular of a noun, mending the lemmatizer's misses on capitalised plurals."""
    lemma = token.lemma_.lower()
    if lemma == token.lower_ and len(lemma) > 4 and token.tag_ in ("NNS", "NNPS", "NNP"):
        if lemma.endswith("ies"):
            return lemma[:-3] + "y"
        if lemma.endswith("s") and not lemma.endswith("ss"):
            return lemma[:-1]
    return lemma


def _strip_det(text: str) -> str:
    text = re.sub(r"^(the|a|an|all|some|both)\s+", "", text.strip(), flags=re.I)
    return re.sub(r"[“”\"]", "", text).strip()


class ActorResolver:
    """Resolve the actor a token's phrase refers to, remembering mentions for pronouns."""

    def __init__(self, doc: Doc, dictionary: ActorDictionary, place_of, home: str | None = None):
        self.doc = doc
        self.home = home  # the article's country: bare 'police' are that country's police
        self._ents: dict[int, Span] | None = None
        self.dictionary = dictionary
        self.place_of = place_of  # Span -> Place | None
        self.mentions: list[tuple[int, Actor]] = []
        self.people: dict[str, Actor] = {}  # last name key -> person actor
        self._collect()

    # -- mentions -------------------------------------------------------------------------
    def _collect(self) -> None:
        """Note every actor mention in document order (for pronouns and short names)."""
        seen = set()
        for token in self.doc:
            if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("compound", "amod") and token.i not in seen:
                actor = self.resolve(token, _pronouns=False)
                if actor:
                    self.mentions.append((token.i, actor))
                    seen.add(token.i)

    def antecedent(self, token: Token, *, person: bool, plural: bool | None = None) -> Actor | None:
        """A compatible earlier mention: the subject of the sentence before first, else the nearest."""
        sent = token.sent
        if token.dep_ in ("nsubj", "nsubjpass") and sent.start > 0:
            previous = self.doc[sent.start - 1].sent
            for index, actor in self.mentions:
                tok = self.doc[index]
                if previous.start <= index < previous.end and tok.dep_ in ("nsubj", "nsubjpass") \
                        and tok.head.dep_ == "ROOT" and person == (actor.kind == "person"):
                    return actor
        for index, actor in reversed(self.mentions):
            if index >= token.i or token.i - index > 120:
                continue
            if person != (actor.kind == "person"):
                continue
            return actor
        return None

    # -- resolution -----------------------------------------------------------------------
    def resolve(self, token: Token, *, _pronouns: bool = True, military: bool = False) -> Actor | None:
        """The canonical actor of the phrase headed by `token`, or None.

        `military`: the phrase is the object of an attack, so a commander stands for his forces.
        """
        if token.pos_ == "PRON" or token.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
            if not _pronouns:
                return None
            return self.pronoun(token)
        if token.pos_ == "NUM" or token.lower_ in ("one", "some", "many", "most", "all", "part", "dozens",
                                                   "hundreds", "thousands", "scores", "group", "number") \
                or noun_lemma(token) in REPRESENTATIVES:
            pobj = self._of_object(token)
            if pobj is not None:
                inner = self.resolve(pobj, _pronouns=_pronouns, military=military)
                if inner or (token.lower_ != "group" and noun_lemma(token) not in REPRESENTATIVES):
                    return inner
        actor = self._named(token)
        if actor is None and _pronouns:
            actor = self._definite(token)
        if actor is None:
            actor = self._group(token, _pronouns)
        if actor is None:
            actor = self._collective(token)
        if actor and military and actor.kind == "person" and actor.affiliation:
            return self.dictionary.get(actor.affiliation) or actor
        return actor

    def _definite(self, token: Token) -> Actor | None:
        """'the insurgents', 'the militia', 'the army': the nearest earlier actor of that sort."""
        kinds = DEFINITE.get(noun_lemma(token))
        det = _child_dep(token, "det")
        if kinds is None or det is None or det.lower_ not in ("the", "these", "those", "this", "that"):
            return None
        if any(c.dep_ in ("compound", "amod", "poss", "prep") for c in token.children):
            return None
        for index, actor in reversed(self.mentions):
            if index < token.i and token.i - index < 150 and actor.kind in kinds:
                return actor
        return None

    def pronoun(self, token: Token) -> Actor | None:
        """Resolve he/she/it/they: the speaker of a reporting verb first, else the nearest mention."""
        low = token.lower_
        person = low in PERSON_PRONOUNS
        speaker = self._speaker(token)
        if speaker is not None and (speaker.kind == "person") == person:
            return speaker
        return self.antecedent(token, person=person)

    def _speaker(self, token: Token) -> Actor | None:
        subject = self.speaker_token(token)
        return self.resolve(subject, _pronouns=False) if subject is not None else None

    def speaker_token(self, token: Token) -> Token | None:
        """For a pronoun in reported speech ('X said it ...'), the reporting verb's subject."""
        head = token.head
        while head.dep_ in ("conj", "xcomp", "aux") and head.head is not head:
            head = head.head
        if head.dep_ != "ccomp" or head.head.lemma_ not in ("say", "announce", "claim", "state", "declare",
                                                             "tell", "report", "confirm", "add"):
            return None
        subject = next((c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return None
        return subject

    def _of_object(self, token: Token) -> Token | None:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        return None

    def _entity(self, token: Token) -> Span | None:
        if token.ent_iob_ == "O":
            return None
        if self._ents is None:
            self._ents = {i: ent for ent in self.doc.ents for i in range(ent.start, ent.end)}
        return self._ents.get(token.i)

    def _named(self, token: Token) -> Actor | None:
        ent = self._entity(token)
        phrase = None
        if token.pos_ != "PROPN":
            start = min([token.i] + [c.left_edge.i for c in token.lefts if c.dep_ in ("det", "compound", "amod",
                                                                                   "poss")])
            phrase = self.doc[start: token.i + 1]
        if phrase is not None:  # "Afghan security forces", "the Saudi-led coalition"
            hit = self.dictionary.lookup(_strip_det(phrase.text))
            if hit:
                return hit
        if ent is None or ent.label_ not in ("PERSON", "ORG", "NORP", "GPE", "FAC"):
            return None
        if ent.label_ == "ORG" and any(t.tag_ == "POS" for t in ent) and ent.root.i != token.i:
            return None  # "Khalifa Haftar's forces" tagged as one ORG: the possessive rule decides
        text = _strip_det(ent.text)
        hit = self.dictionary.lookup(text)
        if hit:
            return hit
        if ent.label_ == "PERSON":
            body = self._spokesman_of(token)
            return body or self._person(TITLES.sub("", text))
        if ent.label_ == "ORG":
            kind = next((k for pattern, k in ORG_KINDS if pattern.search(text)), "other")
            return Actor(text, kind)
        if ent.label_ == "NORP":
            demonym = self.dictionary.demonym(text)
            if demonym and token.lemma_.lower() in FORCE_NOUNS:
                return None  # handled as a group form
            return Actor(text, "armed_group") if text.endswith("s") and not demonym else None
        if ent.label_ == "GPE" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "conj", "appos"):
            place = self.place_of(ent)
            if place is not None and place.feature == "country":
                return self.dictionary.country_actor(place.country) or Actor(place.label, "government",
                                                                             place.country)
        return None

    def _spokesman_of(self, token: Token) -> Actor | None:
        """'X, a Taliban spokesman': the body the person speaks for."""
        for child in token.children:
            if child.dep_ == "appos" and child.lemma_.lower() in SPOKES:
                for mod in child.children:
                    if mod.dep_ in ("compound", "amod", "nmod") and mod.pos_ == "PROPN":
                        body = self.dictionary.lookup(mod.text)
                        if body is not None and body.kind != "person":
                            return body
        return None

    def _person(self, name: str) -> Actor:
        parts = name.split()
        key = name_key(parts[-1]) if parts else name_key(name)
        known = self.people.get(key)
        if known and len(parts) == 1:
            return known
        actor = Actor(name, "person")
        if len(parts) > 1 or key not in self.people:
            self.people[key] = actor
        return actor

    def _group(self, token: Token, pronouns: bool) -> Actor | None:
        """Possessive and group forms: 'Haftar's forces', 'militias from Misrata', 'Libyan forces'."""
        lemma = noun_lemma(token)
        if lemma in SIDES:
            owner = _child_dep(token, "poss")
            owner_actor = self.resolve(owner, _pronouns=pronouns) if owner is not None else None
            if owner_actor is not None and owner_actor.kind != "person":
                mods = " ".join(c.lower_ for c in token.children if c.dep_ == "amod")
                return Actor(" ".join(filter(None, [owner_actor.label, mods, token.lower_])), "other",
                             owner_actor.country)
            return None
        if lemma not in FORCE_NOUNS and token.lower_ not in FORCE_NOUNS:
            return None
        for child in token.children:
            if child.dep_ == "poss":
                owner = self.resolve(child, _pronouns=pronouns)
                if owner is None:
                    return None
                if owner.kind == "person":
                    return self.dictionary.get(owner.affiliation) or Actor(f"{owner.label} forces", "armed_group",
                                                                            owner.country)
                return owner
        for child in token.children:  # "Taliban fighters", "Houthi rebels", "Wagner mercenaries"
            if child.dep_ in ("compound", "amod", "nmod") and child.pos_ == "PROPN":
                ent = self._entity(child)
                text = _strip_det(ent.text) if ent is not None else child.text
                body = self.dictionary.lookup(text)
                if body is not None and body.kind not in ("government",):
                    return self.dictionary.get(body.affiliation) or body if body.kind == "person" else body
                if ent is not None and ent.label_ in ("ORG", "NORP") and not self.dictionary.demonym(text):
                    kind = next((k for pattern, k in ORG_KINDS if pattern.search(text)), "armed_group")
                    return Actor(text, kind)
        for child in token.children:  # "forces loyal to the GNA", "militias allied with the government"
            if child.dep_ == "amod" and child.lemma_.lower() in ("loyal", "allied", "affiliated", "aligned", "ally"):
                prep = next((c for c in child.children if c.dep_ == "prep"), None)
                pobj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
                owner = self.resolve(pobj, _pronouns=pronouns) if pobj is not None else None
                if owner is not None:
                    return self.dictionary.get(owner.affiliation) or owner if owner.kind == "person" else owner
        places = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "of", "in", "under", "loyal", "allied", "based"):
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                body = self._named(pobj) if pobj.ent_type_ in ("ORG", "NORP") or pobj.pos_ == "PROPN" else None
                if body is not None and body.kind not in ("person",) and child.lower_ in ("of", "under", "loyal",
                                                                                         "allied"):
                    return body  # "a warplane of the Libyan National Army"
                if child.lower_ == "under" or pobj.ent_type_ == "PERSON":
                    leader = self.resolve(pobj, _pronouns=pronouns)
                    if leader and leader.kind == "person":
                        return self.dictionary.get(leader.affiliation) or Actor(f"{leader.label} forces",
                                                                                 "armed_group", leader.country)
                    if leader:
                        return leader
                places.append(pobj)
        names = []
        for cand in places:
            for t in [cand, *[c for c in cand.children if c.dep_ in ("pobj",)],
                      *[g for c in cand.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]]:
                names.extend(self._place_names(t))
        kind = "armed_group" if lemma in ("militia", "militiaman", "rebel", "insurgent", "fighter", "gunman") \
            else "state_force"
        noun = "militias" if lemma in ("militia", "militiaman") else token.text if token.text.endswith("s") \
            else token.text + "s"
        for child in token.children:
            if child.dep_ in ("amod", "compound") and self.dictionary.demonym(child.text):
                iso3, _country = self.dictionary.demonym(child.text)
                return Actor(f"{child.text} {noun.lower()}", kind, iso3)
        security = lemma in ("force", "forces", "officer") and any(
            c.dep_ == "compound" and c.lower_ in ("security", "riot") for c in token.children)
        if not names and self.home and (lemma in STATE_NOUNS or security) and not any(
                c.dep_ in ("amod", "compound", "nmod") and c.pos_ == "PROPN" for c in token.children):
            demonym = self.dictionary.demonym_of(self.home)
            if demonym:
                words = [c.lower_ for c in token.children if c.dep_ == "compound" and c.lower_ in ("security", "riot")]
                noun_text = " ".join(words + [token.lower_ if lemma != "police" else "police"])
                return Actor(f"{demonym} {noun_text}", "state_force", self.home)
        if names:
            if len(names) == 1 and names[0].place.feature == "country":
                demonym = self.dictionary.demonym_of(names[0].country)
                if demonym:
                    return Actor(f"{demonym} {noun.lower()}", kind, names[0].country)
            short = " and ".join(dict.fromkeys(n.surface for n in names))
            return Actor(f"{short} {noun.lower()}", kind, names[0].country)
        return None

    def _place_names(self, token: Token) -> list:
        """Places named at a token and the tokens coordinated with it."""
        out = []
        for t in [token, *token.conjuncts]:
            ent = self._entity(t)
            if ent is not None and ent.label_ in ("GPE", "LOC", "FAC"):
                place = self.place_of(ent)
                if place is not None:
                    out.append(_Named(place, ent.text))
        return out

    def _collective(self, token: Token) -> Actor | None:
        label = COLLECTIVES.get(noun_lemma(token))
        if label is None:
            return None
        return self.dictionary.get(label) or Actor(label, "civilians")


class _Named:
    """A place with the surface form the text used for it."""

    def __init__(self, place, surface: str):
        self.place, self.surface = place, surface
        self.label, self.country = place.label, place.country
