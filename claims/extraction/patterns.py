"""Regex building helpers shared by the extraction modules."""

from __future__ import annotations

import re
from collections.abc import Iterable


def word_alternation(words: Iterable[str]) -> str:
    """Return a non-capturing regex matching exactly the given literal words, as a prefix trie.

    ``said|says|say`` becomes ``sa(?:id|ys?)``-like nesting, which Python's regex engine tries
    far faster than a flat alternation because each branch point inspects one character.
    Longer words are preferred where one word is a prefix of another.
    """
    trie: dict = {}
    for word in set(words):
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    ends_here = "" in node
    branches = [
        re.escape(character) + _trie_pattern(child)
        for character, child in sorted(node.items())
        if character
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends_here else body
