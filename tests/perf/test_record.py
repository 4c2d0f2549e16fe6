"""compilecli.record behaves as the dataclasses it replaces on the start-up path."""
from __future__ import annotations

import dataclasses
from typing import List, Optional

import pytest

from compilecli import record


@record.dataclass(frozen=True, order=True)
class Point:
    x: int
    y: int = 0
    tags: tuple = ()


@record.dataclass
class Bag:
    name: str
    items: List[int] = record.field(default_factory=list)
    note: Optional[str] = record.field(default=None, repr=False, compare=False)


@dataclasses.dataclass(frozen=True, order=True)
class RealPoint:
    x: int
    y: int = 0
    tags: tuple = ()


def test_init_positions_keywords_defaults():
    assert Point(1).y == 0 and Point(1, 2).y == 2 and Point(x=3, tags=(1,)).tags == (1,)
    assert vars(Point(1, 2)) == {"x": 1, "y": 2, "tags": ()}
    with pytest.raises(TypeError):
        Point()
    with pytest.raises(TypeError):
        Point(1, x=2)
    with pytest.raises(TypeError):
        Point(1, z=2)
    with pytest.raises(TypeError):
        Point(1, 2, 3, 4)


def test_frozen_eq_hash_order_repr_as_dataclasses():
    pairs = [((1, 2), (1, 3)), ((2, 0), (1, 9)), ((1, 2), (1, 2))]
    for a, b in pairs:
        mine, real = (Point(*a), Point(*b)), (RealPoint(*a), RealPoint(*b))
        for op in ("__lt__", "__le__", "__gt__", "__ge__", "__eq__"):
            assert getattr(mine[0], op)(mine[1]) == getattr(real[0], op)(real[1])
        assert (hash(mine[0]) == hash(mine[1])) == (a == b)
    assert repr(Point(1, 2)) == "Point(x=1, y=2, tags=())"
    with pytest.raises(AttributeError):
        Point(1).x = 2
    with pytest.raises(AttributeError):
        del Point(1).x
    assert Point(1) != RealPoint(1) and sorted([Point(2), Point(1)]) == [Point(1), Point(2)]


def test_factories_are_fresh_compare_false_is_ignored_and_mutable_is_unhashable():
    a, b = Bag("a"), Bag("a")
    a.items.append(1)
    assert b.items == [] and a != b
    assert Bag("x", note="one") == Bag("x", note="two")
    assert "note" not in repr(Bag("x", note="secret"))
    with pytest.raises(TypeError):
        hash(Bag("x"))


def test_replace_and_fields():
    bag = record.replace(Bag("a", [1], "n"), name="b")
    assert (bag.name, bag.items, bag.note) == ("b", [1], "n")
    assert [f.name for f in record.fields(Point)] == ["x", "y", "tags"]
