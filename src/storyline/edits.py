"""User edits of events and storylines: merge, split, rename, pin, recorded and replayed.

Each command checks its arguments against the stored grouping, applies the edit to it and
stores the edit, the new grouping and any retired id (alias) in one transaction; a bad edit is
a :class:`~storyline.model.Rejected` value and changes nothing.

An edit's arguments carry membership snapshots, so a build can replay it on a grouping whose
ids differ (``storyline build --full`` regroups from scratch):

- ``merge``: ``keep`` (the older id, which survives), ``alias`` (the retired id) and
  ``members`` (the merged members: article ids of an event, event ids of a storyline).
- ``split``: ``source``, ``new`` (the id of the split-off part), ``moved`` and ``kept``.
- ``rename``: ``id`` and ``title``. ``pin``: ``id``, ``members`` and ``title``. ``unpin``: ``id``.

Replay finds an object by its id, else as the group holding most of its snapshot, and gives it
the recorded id. Incremental builds start from the stored grouping, where edits are already in
place; they only need :func:`edit_state` (pinned ids, kept titles).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from storyline import ids
from storyline.grouping import Grouping, holder, materialise
from storyline.model import Alias, Edit, Rejected
from storyline.store import Store

EDITABLE = ("event", "storyline")


@dataclass(frozen=True)
class EditState:
    """What the recorded edits ask of every build.

    Attributes:
        pinned: Ids of pinned events and storylines.
        titles: Kept titles (renames, and the title a pinned object had when pinned).
    """

    pinned: frozenset[str]
    titles: Mapping[str, str]


def edit_state(edits: Sequence[Edit]) -> EditState:
    """Replay the edits' effect on pins and titles (later edits win)."""
    pinned: set[str] = set()
    pin_titles: dict[str, str] = {}
    renames: dict[str, str] = {}
    for edit in edits:
        args = edit.args
        if edit.kind == "rename":
            renames[str(args["id"])] = str(args["title"])
        elif edit.kind == "pin":
            pinned.add(str(args["id"]))
            pin_titles[str(args["id"])] = str(args["title"])
        elif edit.kind == "unpin":
            pinned.discard(str(args["id"]))
            pin_titles.pop(str(args["id"]), None)
        elif edit.kind == "merge":
            alias, keep = str(args["alias"]), str(args["keep"])
            if alias in pinned:
                pinned.discard(alias)
                pinned.add(keep)
            renames.pop(alias, None)
            pin_titles.pop(alias, None)
    return EditState(frozenset(pinned), {**pin_titles, **renames})


# -- applying one edit to a grouping (the same code at edit time and at replay) --------------


def apply(grouping: Grouping, edit: Edit) -> None:
    """Apply ``edit`` to ``grouping`` in place (renames and unpins change no membership)."""
    handlers = {
        ("merge", "event"): _merge_events,
        ("split", "event"): _split_event,
        ("pin", "event"): _pin_event,
        ("merge", "storyline"): _merge_storylines,
        ("split", "storyline"): _split_storyline,
        ("pin", "storyline"): _pin_storyline,
    }
    handler = handlers.get((edit.kind, edit.target))
    if handler is not None:
        handler(grouping, edit.args)


def replay(grouping: Grouping, edits: Sequence[Edit], target: str) -> None:
    """Apply every recorded edit of ``target`` kind (``event`` or ``storyline``), in order.

    A pin that a later ``unpin`` undid is skipped.
    """
    active = _active_pins(edits)
    for index, edit in enumerate(edits):
        if edit.target == target and (edit.kind != "pin" or index in active):
            apply(grouping, edit)


def _active_pins(edits: Sequence[Edit]) -> set[int]:
    """Positions of the pin edits still in force (a merge carries the alias's pins along)."""
    pins: dict[str, list[int]] = {}
    for index, edit in enumerate(edits):
        if edit.kind == "pin":
            pins.setdefault(str(edit.args["id"]), []).append(index)
        elif edit.kind == "unpin":
            pins.pop(str(edit.args["id"]), None)
        elif edit.kind == "merge" and str(edit.args["alias"]) in pins:
            moved = pins.pop(str(edit.args["alias"]))
            pins.setdefault(str(edit.args["keep"]), []).extend(moved)
    return {i for positions in pins.values() for i in positions}


def _strings(value: Any) -> list[str]:
    return [str(v) for v in value]


def _merge_events(g: Grouping, args: Mapping[str, Any]) -> None:
    keep, alias, members = str(args["keep"]), str(args["alias"]), _strings(args["members"])
    present = g.event_of()
    target = keep if keep in g.members else alias if alias in g.members else None
    target = target or holder(g.members, members)
    if target is None:
        return
    moving = [a for a in members if a in present]
    if alias != target:
        moving += g.members.get(alias, [])
    g.move_articles(moving, target)
    g.rename_event(target, keep)


def _split_event(g: Grouping, args: Mapping[str, Any]) -> None:
    source, new = str(args["source"]), str(args["new"])
    present = g.event_of()
    moving = [a for a in _strings(args["moved"]) if a in present]
    if not moving:
        return
    g.move_articles(moving, new)
    found = source if source in g.members else holder(g.members, _strings(args["kept"]))
    if found is not None and found != new:
        g.rename_event(found, source)


def _pin_event(g: Grouping, args: Mapping[str, Any]) -> None:
    pinned, members = str(args["id"]), _strings(args["members"])
    present = g.event_of()
    keep = [a for a in members if a in present]
    found = pinned if pinned in g.members else holder(g.members, keep)
    if found is None:
        return
    g.rename_event(found, pinned)
    g.move_articles(keep, pinned)
    extras = [a for a in g.members.get(pinned, []) if a not in set(members)]
    if extras:
        g.move_articles(extras, ids.event_id(extras[0]))


def _merge_storylines(g: Grouping, args: Mapping[str, Any]) -> None:
    keep, alias, members = str(args["keep"]), str(args["alias"]), _strings(args["members"])
    stories = g.stories()
    target = keep if keep in stories else alias if alias in stories else None
    target = target or holder(stories, members)
    if target is None:
        return
    moving = [e for e in members if e in g.members]
    if alias != target:
        moving += stories.get(alias, [])
    g.move_events(moving, target)
    g.rename_storyline(target, keep)


def _split_storyline(g: Grouping, args: Mapping[str, Any]) -> None:
    source, new = str(args["source"]), str(args["new"])
    moving = [e for e in _strings(args["moved"]) if e in g.members]
    if not moving:
        return
    g.move_events(moving, new)
    stories = g.stories()
    found = source if source in stories else holder(stories, _strings(args["kept"]))
    if found is not None and found != new:
        g.rename_storyline(found, source)


def _pin_storyline(g: Grouping, args: Mapping[str, Any]) -> None:
    pinned, members = str(args["id"]), _strings(args["members"])
    stories = g.stories()
    keep = [e for e in members if e in g.members]
    found = pinned if pinned in stories else holder(stories, keep)
    if found is None:
        return
    g.rename_storyline(found, pinned)
    g.move_events(keep, pinned)
    extras = [e for e in g.stories().get(pinned, []) if e not in set(members)]
    if extras:
        g.move_events(extras, ids.storyline_id(extras[0]))


# -- the commands ----------------------------------------------------------------------------


@dataclass
class _Context:
    """The stored grouping an edit is checked against."""

    grouping: Grouping
    dates: dict[str, date | None]
    taken: set[str]


def _context(store: Store) -> _Context:
    events, storylines = store.events(), store.storylines()
    dates: dict[str, date | None] = {e.id: e.date for e in events}
    dates.update({s.id: s.start for s in storylines})
    taken = set(dates) | {a.alias for a in store.aliases()}
    return _Context(Grouping.from_events(events), dates, taken)


def _reject(command: str, reason: str) -> Rejected:
    return Rejected(f"storyline {command}", reason, "edit")


def _resolve(store: Store, command: str, item: str) -> tuple[str, str] | Rejected:
    matches = store.resolve_id(item)
    if not matches:
        return _reject(command, f"no event or storyline has an id starting with {item!r}")
    if len(matches) > 1:
        names = ", ".join(i for _, i in matches[:5])
        return _reject(command, f"{item!r} is ambiguous: it starts {names}")
    kind, found = matches[0]
    if kind not in EDITABLE:
        return _reject(command, f"{found} is an {kind}; only events and storylines can be edited")
    return kind, found


def _members(g: Grouping, kind: str, item: str) -> list[str]:
    return g.members.get(item, []) if kind == "event" else g.stories().get(item, [])


def _commit(store: Store, g: Grouping, edit: Edit, aliases: Sequence[Alias] = ()) -> Edit:
    """Apply ``edit`` to ``g`` and store edit, grouping and aliases in one transaction."""
    apply(g, edit)
    state = edit_state([*store.edits(), edit])
    copies = {d.article_id for d in store.duplicates()}
    events, storylines = materialise(g, store.articles(), copies, state.titles)
    return store.record_edit(edit, events, storylines, aliases)


def _older(ctx: _Context, a: str, b: str) -> tuple[str, str]:
    """``(older, newer)`` by date (undated counts as newest), then id."""

    def key(item: str) -> tuple[bool, date, str]:
        day = ctx.dates.get(item)
        return (day is None, day or date.min, item)

    first, second = sorted([a, b], key=key)
    return first, second


def merge(store: Store, first: str, second: str) -> Edit | Rejected:
    """Merge two events or two storylines; the older id survives, the other becomes its alias.

    Args:
        store: The database.
        first: An event or storyline id (or unique prefix, or alias).
        second: Another of the same kind.

    Returns:
        The stored edit, or why it was refused (nothing is changed then).
    """
    a, b = _resolve(store, "merge", first), _resolve(store, "merge", second)
    if isinstance(a, Rejected):
        return a
    if isinstance(b, Rejected):
        return b
    if a[0] != b[0]:
        return _reject("merge", f"cannot merge {a[0]} {a[1]} with {b[0]} {b[1]}: kinds differ")
    if a[1] == b[1]:
        return _reject("merge", f"{first!r} and {second!r} are the same {a[0]} {a[1]}")
    ctx = _context(store)
    keep, alias = _older(ctx, a[1], b[1])
    members = _members(ctx.grouping, a[0], keep) + _members(ctx.grouping, a[0], alias)
    edit = Edit("merge", a[0], {"keep": keep, "alias": alias, "members": members})
    return _commit(store, ctx.grouping, edit, [Alias(alias, keep, a[0])])


def split(store: Store, item: str, member_ids: Sequence[str]) -> Edit | Rejected:
    """Move members out of an event (articles) or a storyline (events) into a new one.

    The new id comes from the first moved member (in the group's order) whose id is free.

    Args:
        store: The database.
        item: The event or storyline id (or unique prefix, or alias).
        member_ids: Article ids (of an event) or event ids (of a storyline) to move; unique
            prefixes are accepted.
    """
    found = _resolve(store, "split", item)
    if isinstance(found, Rejected):
        return found
    kind, source = found
    ctx = _context(store)
    members = _members(ctx.grouping, kind, source)
    moved = _pick(members, member_ids)
    if isinstance(moved, str):
        return _reject("split", f"{moved!r} is not a member of {kind} {source}")
    if not moved or len(moved) == len(members):
        return _reject("split", f"a split must leave at least one member in {source}")
    new = _new_id(kind, moved, ctx.taken)
    kept = [m for m in members if m not in moved]
    edit = Edit("split", kind, {"source": source, "new": new, "moved": moved, "kept": kept})
    return _commit(store, ctx.grouping, edit)


def _pick(members: Sequence[str], wanted: Sequence[str]) -> list[str] | str:
    """The members named by ``wanted`` (ids or unique prefixes) in member order, or the first
    name that matches no single member."""
    chosen: set[str] = set()
    for name in wanted:
        hits = [m for m in members if m == name] or [m for m in members if m.startswith(name)]
        if len(hits) != 1:
            return name
        chosen.add(hits[0])
    return [m for m in members if m in chosen]


def _new_id(kind: str, moved: Sequence[str], taken: set[str]) -> str:
    make = ids.event_id if kind == "event" else ids.storyline_id
    for member in moved:
        if make(member) not in taken:
            return make(member)
    prefix = "e-" if kind == "event" else "s-"
    return prefix + ids.content_hash(kind, "split", *moved)


def rename(store: Store, item: str, title: str) -> Edit | Rejected:
    """Give an event or storyline a title that later builds keep."""
    found = _resolve(store, "rename", item)
    if isinstance(found, Rejected):
        return found
    if not title.strip():
        return _reject("rename", "the new title is empty")
    ctx = _context(store)
    return _commit(store, ctx.grouping, Edit("rename", found[0], {"id": found[1], "title": title}))


def pin(store: Store, item: str) -> Edit | Rejected:
    """Pin an event or storyline: later builds keep its members and title and add nothing."""
    found = _resolve(store, "pin", item)
    if isinstance(found, Rejected):
        return found
    kind, pinned = found
    if pinned in edit_state(store.edits()).pinned:
        return _reject("pin", f"{kind} {pinned} is already pinned")
    ctx = _context(store)
    title = _title(store, kind, pinned)
    args = {"id": pinned, "members": _members(ctx.grouping, kind, pinned), "title": title}
    return _commit(store, ctx.grouping, Edit("pin", kind, args))


def unpin(store: Store, item: str) -> Edit | Rejected:
    """Undo :func:`pin`: later builds may grow the event or storyline again."""
    found = _resolve(store, "unpin", item)
    if isinstance(found, Rejected):
        return found
    kind, pinned = found
    if pinned not in edit_state(store.edits()).pinned:
        return _reject("unpin", f"{kind} {pinned} is not pinned")
    ctx = _context(store)
    return _commit(store, ctx.grouping, Edit("unpin", kind, {"id": pinned}))


def _title(store: Store, kind: str, item: str) -> str:
    rows = store.events() if kind == "event" else store.storylines()
    return next(r.title for r in rows if r.id == item)


def summary(edit: Edit) -> str:
    """One line saying what an edit did."""
    args = edit.args
    if edit.kind == "merge":
        return f"merged {edit.target} {args['alias']} into {args['keep']} (now an alias)"
    if edit.kind == "split":
        return f"split {len(_strings(args['moved']))} out of {args['source']} into {args['new']}"
    if edit.kind == "rename":
        return f"renamed {args['id']} to {args['title']!r}"
    return f"{edit.kind}ned {edit.target} {args['id']}"
