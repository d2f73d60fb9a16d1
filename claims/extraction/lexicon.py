"""Words the extractor's features and rules share, in one place a newcomer can extend.

Each list is plain data; the regexes and the model's cue features are built from it.
"""

from __future__ import annotations

# Word prefixes (lower case) that name an outcome, for the model's "outcome cue in the clause"
# features. Longest prefix wins; a prefix is matched against the start of a lower-cased word.
OUTCOME_CUES: dict[str, str] = {
    "kill": "killed",
    "dead": "killed",
    "die": "killed",
    "died": "killed",
    "death": "killed",
    "fatal": "killed",
    "perish": "killed",
    "drown": "killed",
    "murder": "killed",
    "slain": "killed",
    "slaughter": "killed",
    "execut": "killed",
    "massacr": "killed",
    "lives": "killed",
    "bodies": "killed",
    "body": "killed",
    "martyr": "killed",
    "toll": "killed",
    "deceased": "killed",
    "succumb": "killed",
    "victim": "killed",
    "casualt": "injured",
    "injur": "injured",
    "wound": "injured",
    "hurt": "injured",
    "harm": "injured",
    "hospital": "injured",
    "treated": "injured",
    "patients": "injured",
    "stabb": "injured",
    "burn": "injured",
    "missing": "missing",
    "unaccounted": "missing",
    "disappear": "missing",
    "rubble": "missing",
    "displac": "displaced",
    "fled": "displaced",
    "flee": "displaced",
    "homeless": "displaced",
    "evacu": "displaced",
    "uproot": "displaced",
    "shelter": "displaced",
    "relocat": "displaced",
    "arrest": "arrested",
    "detain": "arrested",
    "detention": "arrested",
    "captur": "arrested",
    "apprehend": "arrested",
    "custody": "arrested",
    "charged": "arrested",
    "booked": "arrested",
}
# Words that make a figure hypothetical or a forecast ("could kill up to 100").
HYPOTHETICAL_WORDS = frozenset("could would might may if unless feared risk expected".split())
# Words that mark an earlier or revised figure ("up from", "previous toll").
REVISION_WORDS = frozenset("from previous earlier initial initially originally prior".split())
# Head nouns of counted people who are not casualties ("4 survivors"): a veto in decisions.
NOT_CASUALTY_HEADS = frozenset("survivors survivor rescuers rescuer".split())
