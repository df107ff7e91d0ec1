"""Pass 4, ``governance`` (C3, C4): which operator's content each operator is.

A lexical verb after a modal is that modal's content ("shall refrain", "may … invite"); a
prohibition verb takes its force from the nearest operator before it ("reaffirm their
commitment … to refrain" is political, "undertake … to refrain" binding); a chapeau lends
its operator to items that have none; a performative verb whose that-clause holds a modal
is only a frame. Every operator left is read on its own by :func:`heads.head`.
"""

from __future__ import annotations

from drafting.strength.passes.chapeau import item_start
from drafting.strength.passes.heads import contextual_tier, head, negation
from drafting.strength.passes.state import UN, Context, Inherited, Negators, Op

GOVERNING = frozenset({"obligation", "commitment", "recommendation", "intention", "permission"})


def governance(
    ctx: Context,
    ops: list[Op],
    negators: Negators,
    complementizers: set[int],
    inherited: Inherited | None,
) -> None:
    """Give every operator the preamble and reported passes left open its tier and polarity:
    as the content of the operator that governs it (C3, C4), as an item under the chapeau
    (C3), or on its own in the instrument's context with its negation (``head``)."""
    if inherited is None and ctx.language == "en" and ctx.tokens.words[0] in ("to", "in"):
        _purpose_fragment(ctx, ops, complementizers)  # opens "to …" or "in order to …"
    last_modal: dict[int, int] = {}  # sentence → index of its last modal
    for index, op in enumerate(ops):
        if op.entry.modal and not op.excluded:
            last_modal[ctx.sentence[op.hit.first]] = index
    framed_sentences: dict[int, Op] = {}
    for index, op in enumerate(ops):
        if op.excluded or op.done:
            continue
        sentence = ctx.sentence[op.hit.first]
        modal_after = last_modal.get(sentence, -1)
        if modal_after > index and _is_frame(op, index, modal_after, complementizers):
            op.subordinate = "frame"
            op.reason = "a frame: the modal in its that-clause sets the tier"
        op.framed = sentence in framed_sentences
        if op.subordinate == "frame":
            framed_sentences.setdefault(sentence, op)
        governor = _governor(ctx, ops, index, complementizers) if index else None
        is_content_prohibition = (
            op.entry.category == "prohibition" and op.entry.context == "present"
        )
        if op.subordinate == "frame":
            ctx.fire("governance")
        if governor is not None and (is_content_prohibition or not op.entry.modal):
            ctx.fire("governance")
            _absorb(ctx, op, governor, negators)
        elif is_content_prohibition and inherited is not None:
            ctx.fire("governance")
            compose_prohibition(op, inherited.tier, f"the chapeau's '{inherited.text}'", "C3")
        elif inherited is not None and _item_verb(ctx, op):
            # "Each Party may: (a) request an inspection": the item's verb is what the
            # chapeau's operator permits or requires, not a call of its own
            ctx.fire("governance")
            op.absorbed = True
            op.tier, op.polarity, op.rule = inherited.tier, inherited.polarity, "C3"
            op.reason = f"content of the chapeau's '{inherited.text}'"
        else:
            head(ctx, op, negators)
            frame = framed_sentences.get(sentence)
            if frame is not None and op.framed:
                _decided(ctx, op, frame)
        op.done = True


def _item_verb(ctx: Context, op: Op) -> bool:
    """Whether ``op`` is the verb that opens a list item (after its marker): a lexical verb
    ("request", "undertake", "invite"), not a modal or a negated form."""
    return (
        op.hit.first == item_start(ctx)
        and not op.entry.modal
        and op.entry.category in ("recommendation", "obligation", "commitment", "intention")
        and op.entry.polarity == "positive"
    )


def _purpose_fragment(ctx: Context, ops: list[Op], complementizers: set[int]) -> None:
    """ "to ensure, by the acceptance of principles …, that armed force shall not be used": a
    text that opens with a lower-case "to" + verb is a purpose clause cut from its lead-in
    ("DETERMINED … to ensure"); the modal in its that-clause is the aim, not a commitment.
    "To ensure that no such weapons are deployed, the Parties shall …" likewise, when the
    main clause after the comma has an operator of its own. With a chapeau given (an item
    "(a) to ensure that …" under "undertake:") this does not apply: the chapeau says what
    the item is."""
    words = ctx.tokens.words
    start = 2 if tuple(words[:3]) == ("in", "order", "to") else 0
    if len(words) < start + 3 or words[start] != "to":
        return
    opening = min((c for c in complementizers if ctx.sentence[c] == 0), default=-1)
    live = [op for op in ops if not op.excluded and ctx.sentence[op.hit.first] == 0]
    if opening < start + 2 or any(op.hit.first < opening for op in live):
        return
    fragment = start == 0 and ctx.text[ctx.tokens.starts[0]].islower()
    end = len(words) - 1 if fragment else ctx.punctuated_end(opening + 1)
    if not fragment and not any(op.hit.first > end for op in live):
        return  # "To ensure that …" with no main clause of its own: nothing to tell apart
    for op in live:
        if opening < op.hit.first <= end:
            op.subordinate = "purpose"
            op.reason = (
                "in the that-clause of a purpose infinitive ('to ensure … that'): an aim (C2)"
            )
            op.tier, op.polarity, op.done = 0, "positive", True
            ctx.fire("governance")


def _decided(ctx: Context, op: Op, frame: Op) -> None:
    """ "Décide que tous les États prendront …", "Decides that all States will …": in a
    resolution the future or present inside a "decides that" frame is what is decided; it
    binds as the decision does (4 in the Security Council), not as a political "will"."""
    if (
        frame.entry.context == "decide"
        and op.entry.context in ("will", "present")
        and ctx.instrument in UN
        and 0 < op.tier < 4
    ):
        tier, _, where = contextual_tier(frame.entry, ctx.instrument)
        if tier > op.tier:
            name = ctx.text[frame.hit.start : frame.hit.end]
            op.tier, op.rule = tier, "C2"
            op.reason = f"decided under '{name}' ({where})"


def _is_frame(op: Op, index: int, last_modal: int, complementizers: set[int]) -> bool:
    """'We agreed that these countries will …', 'decides that … shall': the modal inside the
    that-clause, not the performative verb, says how strong the commitment is."""
    if op.entry.modal or op.entry.category not in ("obligation", "commitment"):
        return False
    last = op.hit.last
    return last_modal > index and any(c in complementizers for c in range(last + 1, last + 4))


def _governor(ctx: Context, ops: list[Op], index: int, complementizers: set[int]) -> Op | None:
    """The operator whose content this one is, if any."""
    op = ops[index]
    first = op.hit.first
    content_prohibition = op.entry.category == "prohibition" and op.entry.context == "present"
    for back in range(index - 1, -1, -1):  # not reversed(ops[:index]): a copy per operator
        candidate = ops[back]  # made one 1 MB sentence of 47,600 operators take 12 s
        if candidate.excluded or (candidate.absorbed and candidate.rule == "C2"):
            continue
        last = candidate.hit.last
        if ctx.sentence[last] != ctx.sentence[first] or ctx.clause[last] != ctx.clause[first]:
            return None
        if any(last < c < first for c in complementizers) and not (
            # "Demands that all parties refrain …", "Requests that States abstain …": the
            # that-clause of a resolution's operative verb is what it demands
            content_prohibition
            and (
                candidate.entry.context in ("un", "decide")
                or candidate.entry.category == "recommendation"
            )
        ):
            return None
        if (
            candidate.entry.category not in GOVERNING
            and not candidate.entry.modal
            and not (candidate.entry.category == "acknowledgement" and first - last <= 3)
        ):
            if content_prohibition:
                continue
            return None
        if content_prohibition:
            return candidate
        reach = 8 if op.entry.category in ("permission", "saving") else 5
        if first - last <= reach and not op.entry.modal:
            return candidate
        return None
    return None


def _absorb(ctx: Context, op: Op, governor: Op, negators: Negators) -> None:
    """``op`` is the content of ``governor``: a prohibition composes with its force, an
    entitlement keeps its own tier, anything else takes the governor's reading."""
    op.absorbed = True
    name = ctx.text[governor.hit.start : governor.hit.end]
    if op.entry.category == "prohibition" and not op.entry.modal:
        # "shall refrain", "shall remain prohibited", "commitment … to refrain"
        own_negation = negation(ctx, op, negators)
        if own_negation:
            op.tier, op.polarity, op.negated, op.rule = 1, "positive", True, "C4"
            op.reason = "negated prohibition: a permission (C4)"
            return
        compose_prohibition(op, governor.tier, f"'{name}'", "C4")
        return
    if (
        op.entry.category in ("permission", "saving")
        and op.entry.context is None
        and not governor.negated
        and governor.entry.category != "acknowledgement"
    ):
        # "shall … have the right to", "will be entitled to": the modal carries an entitlement
        op.tier, op.polarity, op.rule = op.entry.tier or 0, op.entry.polarity, op.entry.rule
        op.reason = f"entitlement carried by '{name}'"
        governor.subordinate = "carrier"
        governor.reason = f"carries the entitlement '{ctx.text[op.hit.start : op.hit.end]}'"
        return
    op.tier, op.polarity, op.negated = governor.tier, governor.polarity, governor.negated
    op.subordinate = op.subordinate or governor.subordinate
    op.rule = governor.rule or governor.entry.rule
    op.reason = f"content of '{name}'"


def compose_prohibition(op: Op, governing_tier: int, name: str, rule: str) -> None:
    """'refrain' under an operator: binding → 5, political → 3, should → 2 (all negative)."""
    if governing_tier >= 4:
        op.tier = 5
    elif governing_tier == 1:
        op.tier, op.polarity = 1, "positive"
        op.rule, op.reason = rule, f"permitted restraint under {name}"
        return
    else:
        op.tier = governing_tier
    op.polarity, op.rule = "negative", rule
    op.reason = f"prohibition under {name} ({governing_tier})"
