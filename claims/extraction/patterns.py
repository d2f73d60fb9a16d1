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


def phrase_alternation(phrases: Iterable[str]) -> str:
    """Return ``a|b|...`` matching the given phrases in order, any run of whitespace between
    their words ("close to" matches "close  to" and "close\\nto")."""
    return "|".join(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in phrases)


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


class UnboundedWord(ValueError):
    """The pattern's last word is not a finite set of literals (e.g. it ends with ``\\w+``)."""


def final_words(pattern: str) -> frozenset[str]:
    """Every word (lower case, split on whitespace) a match of ``pattern`` can end with.

    For patterns anchored at ``$`` that match the text before a number ("killed at least "),
    this is the exact set of last words a cheap gate may check before running the pattern:
    derived from the pattern's own alternatives, it cannot drift from them. Raises
    :class:`UnboundedWord` where the last word is open-ended.
    """
    import re._parser as parser  # the stdlib's regex parser; no third-party code

    states = _walk(list(parser.parse(pattern)), {("", False)}, parser)
    words = set()
    for word, _done in states:
        if not word:
            raise UnboundedWord(f"{pattern[:60]}... can end without a word")
        words.add(word)
    return frozenset(words)


def _walk(items: list, states: set[tuple[str, bool]], parser) -> set[tuple[str, bool]]:
    """Walk ``items`` backwards from the end, extending each open (reversed) last word."""
    constants = parser
    for opcode, argument in reversed(items):
        open_states = {state for state in states if not state[1]}
        states = states - open_states
        if not open_states:
            return states
        states |= _step(opcode, argument, open_states, constants)
    return states


def _step(opcode, argument, states, constants) -> set[tuple[str, bool]]:
    name = str(opcode)
    if name == "LITERAL":
        return {_add(state, chr(argument)) for state in states}
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return states
    if name == "IN":
        characters = []
        for kind, value in argument:
            if str(kind) == "LITERAL":
                characters.append(chr(value))
            elif str(kind) == "CATEGORY" and str(value) == "CATEGORY_SPACE":
                characters.append(" ")
            elif str(kind) == "NEGATE":
                raise UnboundedWord("negated character class")
            else:
                raise UnboundedWord(f"character class {kind}")
        return {_add(state, character) for state in states for character in characters}
    if name == "SUBPATTERN":
        return _walk(list(argument[3]), states, constants)
    if name == "BRANCH":
        found: set[tuple[str, bool]] = set()
        for alternative in argument[1]:
            found |= _walk(list(alternative), states, constants)
        return found
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, body = argument
        body = list(body)
        found = set(states) if low == 0 else set()
        current = states
        limit = high if high != constants.MAXREPEAT else None
        for repetition in range(1, (limit or 50) + 1):
            current = _walk(body, current, constants)
            if repetition >= low:
                found |= current
            if all(done for _, done in current) or not current:
                break
            if (
                limit is None
                and repetition > 3
                and any(not done and word for word, done in current)
            ):
                raise UnboundedWord("open-ended repetition inside the last word")
        return found
    raise UnboundedWord(f"{name} in the last word")


def _add(state: tuple[str, bool], character: str) -> tuple[str, bool]:
    word, _ = state
    if character.isspace():
        return (word, bool(word))
    return (character.lower() + word, False)
