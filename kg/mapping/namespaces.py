"""RDF namespaces of conflict-kg: closed classes for our own terms, plain ones for the rest.

`CKG` and `PLOVER` are closed: a misspelt term raises `AttributeError` instead of
minting a new IRI. `tests/test_ontology.py` checks that `CKG` lists exactly the terms
of `ontology/ckg.ttl` and `PLOVER` exactly the types of `ontology/event-types.ttl`.

>>> CKG.reportedIn
rdflib.term.URIRef('https://w3id.org/conflict-kg/ontology#reportedIn')
>>> PLOVER.ASSAULT
rdflib.term.URIRef('https://w3id.org/conflict-kg/plover/ASSAULT')
>>> CAMEO["18"]
rdflib.term.URIRef('https://w3id.org/conflict-kg/cameo/18')
>>> CKG.reportdIn
Traceback (most recent call last):
    ...
AttributeError: term 'reportdIn' not in namespace 'https://w3id.org/conflict-kg/ontology#'
"""
from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, GEO, OWL, PROV, RDFS, SKOS, XSD, DefinedNamespace

__all__ = ["CKG", "PLOVER", "CAMEO", "SEM", "WGS84", "GEO", "ID", "PLOVER_TYPES", "KIND_IRIS", "KIND_NAMES",
           "PREFIXES", "bind_prefixes"]


class CKG(DefinedNamespace):
    """The conflict-kg ontology, generated from `ontology/ckg.ttl`."""

    _fail = True

    # owl:Class
    Actor: URIRef  # A person, armed group, state force, government, organisation or population that takes part in an event.
    ActorKind: URIRef  # A coarse category of actor, such as armed group or civilians; the members of the ckg:ActorKinds scheme.
    Article: URIRef  # A news article whose text events were extracted from.
    CameoCode: URIRef  # A CAMEO root event code, 01 to 20; the members of the cameo scheme.
    Dataset: URIRef  # An imported file of coded events, such as an ACLED or GDELT export; its events are prov:wasDerivedFrom it and its triples are stored in the named graph it names.
    Event: URIRef  # Something an actor did to a target at a place and time, as reported in one sentence of one article.
    EventType: URIRef  # A PLOVER event type, such as ASSAULT or PROTEST; the members of the plover scheme.
    Extraction: URIRef  # One run of the extraction pipeline that produced the graph of one article: the extractor, its version and the language model; the article is prov:wasGeneratedBy it.
    Happening: URIRef  # Something that happened once in the world, as established by the one or more event reports (ckg:Event) that describe it; each report links to it with ckg:reportOf.
    Place: URIRef  # A named location where an event happened, optionally resolved to a GeoNames entry and a point geometry.
    QuadClass: URIRef  # One of the four PLOVER/CAMEO quad classes: verbal or material, cooperation or conflict.
    Retrieval: URIRef  # How an article's text reached conflict-kg: read from a file, fetched from a web page, or taken from a feed entry, and when (prov:endedAtTime).

    # skos:ConceptScheme
    ActorKinds: URIRef  # The scheme of coarse actor categories used by ckg:kind.
    QuadClasses: URIRef  # The four quad classes that group PLOVER event types by whether they are verbal or material and cooperative or conflictual.

    # ckg:ActorKind
    ArmedGroup: URIRef  # A non-state organised armed group: rebels, militias, insurgents.
    Civilians: URIRef  # Non-combatant people or populations, including protesters and displaced people.
    Government: URIRef  # A government, ministry or other civilian state authority.
    InternationalOrganisation: URIRef  # An intergovernmental or international non-governmental organisation, such as the UN or the Red Cross.
    Media: URIRef  # Journalists, news outlets and broadcasters.
    OtherActor: URIRef  # An actor that fits none of the other kinds.
    Person: URIRef  # A named individual, such as a commander, official or spokesperson.
    StateForce: URIRef  # Military, police or security forces acting for a state.

    # ckg:QuadClass
    MaterialConflict: URIRef  # Conflictual actions: protest, sanctions, mobilisation, coercion and violence.
    MaterialCooperation: URIRef  # Cooperative actions: working together, giving aid, pulling back.
    VerbalConflict: URIRef  # Conflictual statements: demanding, accusing, rejecting, threatening.
    VerbalCooperation: URIRef  # Cooperative statements: agreeing, consulting, supporting, conceding.

    # owl:ObjectProperty
    action: URIRef  # The PLOVER event type of the event.
    actor: URIRef  # The actor that carries out the event (the source, in CAMEO terms).
    cameo: URIRef  # The CAMEO root code of the event, when one was assigned.
    commands: URIRef  # The armed force this actor commands, such as a general's army or the forces named after their leader.
    kind: URIRef  # The coarse category of the actor, from the ckg:ActorKinds scheme.
    leads: URIRef  # The actor this actor heads, such as a president's state, a secretary-general's organisation or a leader's faction.
    memberOf: URIRef  # The larger actor this actor belongs to, such as an official's government, a commander's force or a unit's army.
    mentions: URIRef  # An actor or place named in the article.
    place: URIRef  # Where the event happened.
    quadClass: URIRef  # The quad class an event type belongs to.
    reportOf: URIRef  # The happening an event report describes; every report has exactly one.
    reportedIn: URIRef  # The article whose text the event was extracted from.
    retrievedBy: URIRef  # The retrieval that brought the article's text in: its file, page or feed and the time it was read.
    sameStoryAs: URIRef  # Another article that carries the same story with small edits (a syndicated copy), kept in the graph id/graph/stories.
    sourceType: URIRef  # The event's type in the scheme of the dataset it was imported from, such as an ACLED sub-event type.
    target: URIRef  # The actor the event is directed at or that undergoes it.

    # owl:DatatypeProperty
    cameoRoot: URIRef  # A two-digit CAMEO root code that the event type covers.
    charEnd: URIRef  # Character offset in the article text where the evidence sentence ends (exclusive).
    charStart: URIRef  # Character offset in the article text where the evidence sentence starts.
    confidence: URIRef  # How sure the extractor is of the event, from 0 to 1 inclusive.
    contentHash: URIRef  # Lower-case hex SHA-256 of the article text and the metadata stored with it, used to skip articles that were already ingested unchanged.
    country: URIRef  # ISO 3166-1 alpha-3 code of the country an actor belongs to or a place lies in.
    date: URIRef  # The day the event happened, resolved from the text against the article's publication date.
    datePrecision: URIRef  # How precisely ckg:date is known: 'day', 'week', 'month' or 'year'.
    dateline: URIRef  # The place name in the article's dateline, where the story was filed.
    evidence: URIRef  # The sentence the event was read from, verbatim.
    extractor: URIRef  # The name of the event extractor that ran, such as 'rules'.
    extractorVersion: URIRef  # The version of the event extractor that ran.
    feed: URIRef  # The RSS or Atom feed the article was an entry of, as it was added with `kg feed add` (a URL or a file).
    fatalities: URIRef  # The number of people reported killed, coded conservatively from vague words ('dozens' is 12).
    featureId: URIRef  # The identifier of a place in the gazetteer of the dataset it was imported from (GDELT's ActionGeo_FeatureID).
    geonamesId: URIRef  # The GeoNames identifier the place was resolved to.
    inputFormat: URIRef  # What the article was read from: 'txt', 'jsonl', 'html', 'warc', 'feed' or 'api'.
    languageModel: URIRef  # The spaCy pipeline the article was parsed with, as name and version ('en_core_web_sm 3.8.0').
    minhashBand: URIRef  # One band of the MinHash signature of the article's text, as a key: articles sharing one are compared as possible copies.
    mentionCount: URIRef  # How many event reports describe a happening (like GDELT's NumMentions); on a GDELT event, its NumMentions.
    modality: URIRef  # Whether the event is reported as having happened: one of 'asserted', 'negated', 'hypothetical' or 'future'.
    notes: URIRef  # A short description of an imported event written by the coders of its dataset, such as ACLED's notes.
    outlet: URIRef  # The news agency or publication the article came from, such as AP or Reuters.
    pageUrl: URIRef  # The URL the article's page was fetched from: a feed entry's link, or a WARC record's target.
    placePrecision: URIRef  # How precisely ckg:place locates the event: 'exact', 'town', 'region' or 'country'.
    published: URIRef  # The day the article was published; relative dates in its text are resolved against it.
    source: URIRef  # Where an event report comes from: 'extracted', 'acled' or 'gdelt'.
    sourceCode: URIRef  # The event code an imported event has in its dataset, such as GDELT's CAMEO EventCode '0874'.
    sourceCount: URIRef  # How many independent sources (datasets, and stories: copies count once) a happening's reports come from; on a GDELT event, its NumSources.
    sourceEventId: URIRef  # The identifier of an imported event in its dataset (ACLED event_id_cnty, GDELT GlobalEventID).
    sourceFile: URIRef  # The file the article was read from, as it was given ('news.jsonl:3' for a line).
    sourceId: URIRef  # The identifier the article had in its input file.
    sourceUrl: URIRef  # The news report an imported event was coded from, such as GDELT's SOURCEURL.
    text: URIRef  # The full body text of the article; ckg:charStart and ckg:charEnd are offsets into it.
    title: URIRef  # The headline of the article.
    trigger: URIRef  # The words in the evidence sentence that signal the event, such as 'shelled' or 'called for'.
    url: URIRef  # Where the article was published online.

    _NS = Namespace("https://w3id.org/conflict-kg/ontology#")


class PLOVER(DefinedNamespace):
    """The 16 PLOVER event types, generated from `ontology/event-types.ttl`."""

    _fail = True

    AGREE: URIRef  # An actor agrees to, signs or commits to an accord, settlement or joint course of action with another actor.
    CONSULT: URIRef  # Actors meet, visit, talk or negotiate with each other, in person or remotely.
    SUPPORT: URIRef  # An actor voices praise, endorsement or diplomatic backing for another actor or its position.
    CONCEDE: URIRef  # An actor verbally gives way to another: it apologises, admits responsibility, or accepts a demand or terms.
    COOPERATE: URIRef  # Actors work together in practice, for example by sharing intelligence or coordinating economic, military or judicial action.
    AID: URIRef  # An actor gives humanitarian, economic, military or other material help to another actor.
    RETREAT: URIRef  # An actor backs down in practice: it withdraws forces, releases people or property, lifts restrictions or sanctions, or holds a ceasefire.
    REQUEST: URIRef  # An actor asks, appeals to or demands of another actor that it do or provide something.
    ACCUSE: URIRef  # An actor criticises, blames or accuses another actor, or opens an investigation or legal case against it.
    REJECT: URIRef  # An actor refuses a proposal, request or demand, or declines to cooperate or comply.
    THREATEN: URIRef  # An actor warns that it will take coercive, punitive or violent action against another, often unless a condition is met.
    PROTEST: URIRef  # People or organised groups demonstrate, strike, boycott, riot or otherwise act collectively against an authority or policy.
    SANCTION: URIRef  # An actor cuts or downgrades relations with another: it imposes sanctions or embargoes, expels diplomats, or halts aid or talks.
    MOBILIZE: URIRef  # An actor deploys, masses or raises the alert of military, police or other forces without yet using them against a target.
    COERCE: URIRef  # An actor imposes its will by force short of direct violence: it arrests, detains or captures people, seizes property, or restricts movement or speech.
    ASSAULT: URIRef  # An actor uses physical violence against people or property: attacks, shelling, bombings, killings, abductions or mass violence.

    _NS = Namespace("https://w3id.org/conflict-kg/plover/")


# CAMEO root codes are digits ("18"), not identifiers: use CAMEO["18"].
CAMEO = Namespace("https://w3id.org/conflict-kg/cameo/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
# rdflib's WGS namespace uses https://, but the W3C vocabulary is http://.
WGS84 = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
ID = Namespace("https://w3id.org/conflict-kg/id/")

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",
    "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

KIND_IRIS: dict[str, URIRef] = {
    "person": CKG.Person,
    "armed_group": CKG.ArmedGroup,
    "state_force": CKG.StateForce,
    "government": CKG.Government,
    "international_organisation": CKG.InternationalOrganisation,
    "civilians": CKG.Civilians,
    "media": CKG.Media,
    "other": CKG.OtherActor,
}
# The other way: a ckg:kind IRI (as a string, as query results give it) -> its kind name.
KIND_NAMES: dict[str, str] = {str(iri): name for name, iri in KIND_IRIS.items()}

PREFIXES: dict[str, Namespace] = {
    "ckg": CKG._NS, "plover": PLOVER._NS, "cameo": CAMEO, "sem": SEM, "prov": PROV._NS,
    "skos": SKOS._NS, "wgs84": WGS84, "geo": GEO._NS, "dcterms": DCTERMS._NS, "xsd": XSD._NS,
    "rdfs": RDFS._NS, "owl": OWL._NS, "id": ID,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the conflict-kg prefixes on `graph`, replacing other bindings of those names.

    Returns the same graph, so that it can be used as ``bind_prefixes(Graph())``.

    >>> g = bind_prefixes(Graph())
    >>> g.namespace_manager.expand_curie("wgs84:lat")
    rdflib.term.URIRef('http://www.w3.org/2003/01/geo/wgs84_pos#lat')
    >>> g.qname(CKG.reportedIn)
    'ckg:reportedIn'
    """
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
