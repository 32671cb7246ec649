"""Counted nouns in messages: "1 hotel", "3 hotels" (one rule for every sentence that counts)."""

from __future__ import annotations


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`count` and the noun in the number it needs: plural(1, "hotel") -> "1 hotel",
    plural(1200, "guest") -> "1,200 guests"; `nouns` for irregular plurals."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"
