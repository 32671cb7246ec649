"""Helpers shared by the unit tests."""

from __future__ import annotations

import pytest


async def refused(snapshot, error, phrase, call, field=None):
    """Await `call`, which must raise `error` with `phrase` in its message (and `field`), with
    the database unchanged; returns the error."""
    before = snapshot()
    with pytest.raises(error) as caught:
        await call
    assert snapshot() == before
    assert phrase in str(caught.value)
    if field is not None:
        assert caught.value.field == field
    return caught.value
