"""A plain result built from an object whose attributes carry the names of its fields.

Why one place: services answer with plain result objects (``CaseSummary``, ``CampaignInfo``
…) whose fields mostly repeat a database row's columns, or another result's fields, by
name. Spelled out as ``name=row.name`` one by one, each such copy was a block of lines that
said nothing; here the copy is written once, and a call names only the fields that are not
a plain copy (a joined name, a count, a renamed column). The fields copied are checked when
the object is built: a field the source lacks raises ``AttributeError`` at once.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = ["same_named"]

Result = TypeVar("Result", bound="DataclassInstance")


def same_named(cls: type[Result], source: object, **given: Any) -> Result:
    """``cls(...)``: the fields in ``given`` as given, every other one read from
    ``source``'s attribute of the same name."""
    copied = {
        f.name: getattr(source, f.name) for f in fields(cls) if f.init and f.name not in given
    }
    return cls(**copied, **given)
