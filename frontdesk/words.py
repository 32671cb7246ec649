"""Words in messages: counted nouns ("1 hotel", "3 hotels"; one rule for every sentence that
counts) and what was typed, cut short (one rule for every sentence that quotes input)."""

from __future__ import annotations


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`count` and the noun in the number it needs: plural(1, "hotel") -> "1 hotel",
    plural(1200, "guest") -> "1,200 guests"; `nouns` for irregular plurals."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


#: At most this many characters of what was typed appear in a message.
QUOTE_MAX = 40


def shown(value: object, limit: int = QUOTE_MAX) -> str:
    """`value` as a message may quote it: at most `limit` characters, cut with "…" (a pasted
    page, or a number of thousands of digits, which str() would refuse, is never echoed)."""
    if isinstance(value, int) and value.bit_length() > 4 * limit:
        return "a number too long to show"
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"
