"""The event-type model: a learned second opinion on which CAMEO root a sentence codes.

``examples`` reads the hand-coded training corpus (eventtrain), ``features`` turns a parsed
sentence into the model's inputs, ``classifier`` holds the trained softmax model (fit, save,
load, probabilities), ``hybrid`` combines its probabilities with the rule coder's events.
The trained model ships as ``tieline/data/eventtype.model.gz``.
"""

from tieline.eventtype.classifier import LABELS, NONE, EventTypeModel, shipped_model

__all__ = ["LABELS", "NONE", "EventTypeModel", "shipped_model"]
