"""`Changes.initiator`: which view made a change rides along with it, but is not part of what changed."""

from __future__ import annotations

from boardapp.services.changes import Changes, of


class _View:
    """Stands in for a GUI view: services only ever see an opaque object."""


def test_the_initiator_is_not_part_of_what_changed() -> None:
    view = _View()
    marked = of(minutes=7).made_by(view)
    assert marked.initiator is view
    assert marked == of(minutes=7)  # slots and tests comparing Changes are unaffected
    assert hash(marked) == hash(of(minutes=7))
    assert marked.minutes == frozenset({7})
    assert view.__class__.__name__ not in repr(marked)


def test_only_an_initiator_does_not_make_a_change() -> None:
    assert not Changes().made_by(_View())  # nothing to broadcast
    assert Changes(people=True).made_by(_View())


def test_merging_keeps_a_shared_initiator_and_drops_two_different_ones() -> None:
    one, other = _View(), _View()
    same = of(minutes=1).made_by(one) | of(actions=2).made_by(one)
    assert same.initiator is one and same == Changes(minutes=frozenset({1}), actions=frozenset({2}))
    mixed = of(minutes=1).made_by(one) | of(minutes=3).made_by(other)
    assert mixed.initiator is None and mixed.minutes == frozenset({1, 3})
    assert (of(people=True) | of(minutes=1).made_by(one)).initiator is None


def test_services_never_set_it() -> None:
    assert of(minutes=1).initiator is None and Changes().initiator is None
