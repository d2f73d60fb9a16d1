"""Regex building helpers shared by the extraction modules."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Words recur within and across articles, so what depends on a word alone is cached
# (functools.lru_cache) for this many words.
WORD_CACHE_SIZE = 50_000


def word_alternation(words: Iterable[str]) -> str:
    """Return a non-capturing regex matching exactly the given literal words, as a prefix trie.

    ``said|says|say`` becomes ``sa(?:id|ys?)``-like nesting, which Python's regex engine tries
    far faster than a flat alternation because each branch point inspects one character.
    Longer words are preferred where one word is a prefix of another.
    """
    return _trie_pattern(_trie(words))


def word_branches(words: Iterable[str]) -> list[str]:
    """The alternatives of :func:`word_alternation` without their enclosing group, one per first
    character, for a pattern that puts other literal words after them (joined with ``|``).

    A pattern whose every alternative starts with a literal character is scanned only where
    one of those characters occurs; a group in front of other alternatives is tried at every
    position of the text (``re`` derives no first-character set from it).
    """
    return _branches(_trie(words))


def _trie(words: Iterable[str]) -> dict:
    trie: dict = {}
    for word in set(words):
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}
    return trie


def _branches(node: dict) -> list[str]:
    return [
        re.escape(character) + _trie_pattern(child)
        for character, child in sorted(node.items())
        if character
    ]


def phrase_alternation(phrases: Iterable[str]) -> str:
    """Return ``a|b|...`` matching the given phrases in order, any run of whitespace between
    their words ("close to" matches "close  to" and "close\\nto")."""
    return "|".join(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in phrases)


def _trie_pattern(node: dict) -> str:
    ends_here = "" in node
    branches = _branches(node)
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


def sample_matches(pattern: re.Pattern[str], count: int, seed: int = 0) -> list[str]:
    """Up to ``count`` random strings ``pattern`` matches, each a whole match.

    Random walks over the pattern's syntax tree (every alternative, repetitions of a few
    rounds, whitespace written as spaces, line breaks and tabs, letters in both cases) kept
    only where the pattern really matches them: to check that a cheap gate lets through every
    text its pattern can match. Deterministic for a seed.
    """
    import random
    import re._parser as parser

    rng = random.Random(seed)
    tree = list(parser.parse(pattern.pattern))
    found: list[str] = []
    for _ in range(count * 20):
        try:
            text = _sample(tree, rng, parser)
        except _Unsampled:
            continue
        if pattern.fullmatch(text) is not None and text.strip():
            found.append(text)
            if len(found) == count:
                break
    return found


class _Unsampled(Exception):
    """A construct the sampler does not write (a backreference, a negated category)."""


_SAMPLE_SPACE = [" ", " ", " ", "\n", "  ", "\t"]
_SAMPLE_WORD = "aeiostnrlkdhcmAEKT"


def _sample(items: list, rng, parser) -> str:
    out = []
    for opcode, argument in items:
        name = str(opcode)
        if name == "LITERAL":
            character = chr(argument)
            out.append(
                character.upper() if character.isalpha() and rng.random() < 0.1 else character
            )
        elif name == "NOT_LITERAL":
            out.append(rng.choice([c for c in "a b,1" if c != chr(argument)]))
        elif name == "ANY":
            out.append(rng.choice("ab 1"))
        elif name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        elif name == "IN":
            out.append(_sample_class(argument, rng))
        elif name == "SUBPATTERN":
            out.append(_sample(list(argument[3]), rng, parser))
        elif name == "BRANCH":
            out.append(_sample(list(rng.choice(argument[1])), rng, parser))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, body = argument
            high = low + 2 if high == parser.MAXREPEAT else min(high, low + 2)
            out.extend(_sample(list(body), rng, parser) for _ in range(rng.randint(low, high)))
        elif name == "CATEGORY":
            out.append(_sample_category(str(argument), rng))
        else:
            raise _Unsampled(name)
    return "".join(out)


def _sample_class(members: list, rng) -> str:
    if members and str(members[0][0]) == "NEGATE":
        allowed = [c for c in " ae,1-'" if not _in_class(members[1:], c)]
        if not allowed:
            raise _Unsampled("negated class")
        return rng.choice(allowed)
    choices = []
    for kind, value in members:
        kind = str(kind)
        if kind == "LITERAL":
            choices.append(chr(value))
        elif kind == "RANGE":
            choices.extend(chr(code) for code in range(value[0], min(value[1], value[0] + 25) + 1))
        elif kind == "CATEGORY":
            choices.append(_sample_category(str(value), rng))
        else:
            raise _Unsampled(kind)
    return rng.choice(choices)


_CATEGORY_TESTS = {
    "CATEGORY_SPACE": str.isspace,
    "CATEGORY_WORD": lambda c: c.isalnum() or c == "_",
    "CATEGORY_DIGIT": str.isdigit,
}


def _in_class(members: list, character: str) -> bool:
    for kind, value in members:
        kind = str(kind)
        if kind == "LITERAL" and chr(value) == character:
            return True
        if kind == "RANGE" and value[0] <= ord(character) <= value[1]:
            return True
        if kind == "CATEGORY" and _CATEGORY_TESTS.get(str(value), lambda c: True)(character):
            return True
    return False


def _sample_category(category: str, rng) -> str:
    if category == "CATEGORY_SPACE":
        return rng.choice(_SAMPLE_SPACE)
    if category == "CATEGORY_WORD":
        return rng.choice(_SAMPLE_WORD)
    if category == "CATEGORY_DIGIT":
        return rng.choice("0123456789")
    raise _Unsampled(category)


def _add(state: tuple[str, bool], character: str) -> tuple[str, bool]:
    word, _ = state
    if character.isspace():
        return (word, bool(word))
    return (character.lower() + word, False)
