"""Every knob and limit of one diff in one frozen value, checked when it is made.

The options travel with the report (``DiffReport.options``) and are echoed whole in its JSON
(``options``), so any result can be made again from the report alone. A limit that changes
what the report says is a field here, never a module constant: a reader can see it, and
a caller can change it.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, Literal

from drafting.model import frozen_value

Granularity = Literal["word", "char"]
EngineName = Literal["auto", "c++", "python"]
StrengthMode = Literal["always", "never"]
WholeSentence = Literal["chance", "similarity", "never"]


@frozen_value()
class DiffOptions:
    """Every knob of a diff; validated on construction, echoed in the JSON report.

    ``granularity``: diff word tokens (words, whitespace runs, single punctuation marks) or
    characters. ``ignore_case`` / ``ignore_punctuation``: fold case; compare words only.
    ``whole_sentence``: when a changed sentence is shown as one whole replacement: ``chance``
    (the default) when every word the two sides share is a chance anchor (a function word,
    punctuation), so a sentence that keeps its structure ("will ... become ... of NATO")
    keeps its common words; ``similarity`` when its word similarity is below
    ``replace_below`` and it has more than one change (the rule before issue 9); ``never``.
    ``rewrite_below``: with ``chance``, a sentence whose word similarity is below this is a
    rewrite too: the few words it shares are coincidences (a name, a cognate across two
    language versions), and anchoring on them would scatter the change.
    ``replace_below``: the similarity threshold of ``whole_sentence="similarity"`` (and of
    character diffs and ``ignore_punctuation``, which have no function words).
    ``match_above``: the least similarity for two sentences or two articles with different
    content to be paired as the same unit (a lower pair is reported removed plus added).
    ``engine``: the diff-match-patch build (same algorithm, same output; speed only).
    ``strength``: grade the guarantee strength of changed units (``always``, the default:
    there is no size above which it is skipped, issue 9) or not (``never``).
    ``whole_text_limit``: the longest side (characters) whose whole text also gets an overall
    strength comparison.
    ``max_region_cells``: the largest unmatched region (items of A x items of B) paired by
    similarity; a larger one is reported as removed plus added items, with a note.
    """

    granularity: Granularity = "word"
    ignore_case: bool = False
    ignore_punctuation: bool = False
    whole_sentence: WholeSentence = "chance"
    rewrite_below: float = 0.2
    replace_below: float = 0.5
    match_above: float = 0.5
    engine: EngineName = "auto"
    strength: StrengthMode = "always"
    whole_text_limit: int = 20_000
    max_region_cells: int = 40_000

    def __post_init__(self) -> None:
        if self.granularity not in ("word", "char"):
            raise ValueError(f"granularity must be word or char, not {self.granularity!r}")
        for name in ("rewrite_below", "replace_below", "match_above"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"{name} must be a number between 0 and 1, not {value!r}")
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, not {value}")
        for name in ("ignore_case", "ignore_punctuation"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be true or false, not {getattr(self, name)!r}")
        if self.whole_sentence not in ("chance", "similarity", "never"):
            raise ValueError(
                f"whole_sentence must be chance, similarity or never, not {self.whole_sentence!r}"
            )
        if self.engine not in ("auto", "c++", "python"):
            raise ValueError(f"engine must be auto, c++ or python, not {self.engine!r}")
        if self.strength not in ("always", "never"):
            raise ValueError(f"strength must be always or never, not {self.strength!r}")
        for name in ("whole_text_limit", "max_region_cells"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a whole number of at least 0, not {value!r}")

    def to_json(self) -> dict[str, Any]:
        """Every field, in declaration order, as the report's ``options``."""
        return {f.name: getattr(self, f.name) for f in fields(self)}
