"""The words a facility claim is read by: control phrases (whose actor follows them, sits
inside them or precedes them), allies in side phrases, capacity and holding cues, foreign
counts, what moves people away, and the nouns that count a facility's population."""

from __future__ import annotations

import re

__all__ = [
    "AFTER",
    "ALLY",
    "BEFORE",
    "CAPACITY",
    "FOREIGN",
    "HOLDING",
    "INSIDE",
    "LOSE",
    "MOVED",
    "POPULATION_NOUNS",
]

# Control phrases whose actor comes after them: "under the control of", "run by", "handed over to".
AFTER = re.compile(
    r"\bunder\s+(?:the\s+)?(?:full\s+|direct\s+)?(?:control|administration|management|custody|"
    r"supervision|guard)\s+of\s+(?:the\s+)?"
    r"|\b(?:run|controlled|held|managed|guarded|administered|operated|overseen|secured|"
    r"taken\s+over|seized|captured|retaken|recaptured)\s+by\s+(?:the\s+)?"
    r"|\b(?:hand(?:ed|s|ing)?|turn(?:ed|s|ing)?)\s+over\s+(?P<between>.{0,60}?)\bto\s+(?:the\s+)?"
    r"|\btransfer(?:red|ring|s)?\s+(?:of\s+)?control\s+(?:of\s+|over\s+)?(?P<between2>.{0,60}?)"
    r"\bto\s+(?:the\s+)?",
    re.IGNORECASE,
)
# ... whose actor sits inside them: "under SDF control", "SDF-run".
INSIDE = re.compile(
    r"\bunder\s+(?:the\s+)?(?P<who>[^\s,;.]+(?:\s+[^\s,;.]+){0,4}?)\s+"
    r"(?:control|administration|custody|guard)\b"
    r"|(?P<who2>[\w.'’]+(?:\s+[\w.'’]+){0,3}?)-(?:run|controlled|held|administered|operated|"
    r"managed|guarded)\b",
    re.IGNORECASE,
)
# ... whose actor is the clause's subject: "re-took full control of", "lost control of".
BEFORE = re.compile(
    r"\b(?:re-?tak(?:e|es|en|ing)|re-?took|tak(?:e|es|en|ing)|took|regain(?:ed|s|ing)?|"
    r"seiz(?:e|ed|es|ing)|captur(?:e|ed|es|ing)|recaptur(?:e|ed|es|ing)|assum(?:e|ed|es|ing)|"
    r"announc(?:e|ed|es|ing)|restor(?:e|ed|es|ing)|retain(?:ed|s|ing)?|maintain(?:ed|s|ing)?|"
    r"ha(?:ve|s|d)|keep(?:s|ing)?|kept|los(?:e|es|t|ing))\s+(?:back\s+)?(?:full\s+|total\s+|"
    r"complete\s+|effective\s+|direct\s+)?control\s+(?:of|over)\b",
    re.IGNORECASE,
)
# An ally in a side phrase just before an actor ("along with Coalition forces").
ALLY = re.compile(
    r"\b(?:along\s+with|together\s+with|alongside|backed\s+by|supported\s+by|with\s+the\s+help"
    r"\s+of|aided\s+by|and)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
LOSE = re.compile(r"\blos(?:e|es|t|ing)\b", re.IGNORECASE)
CAPACITY = re.compile(
    r"\b(?:capacity|built\s+(?:for|to\s+hold)|designed\s+(?:for|to\s+hold)|meant\s+(?:for|to\s+"
    r"hold)|intended\s+for|room\s+for)\b[^.;]{0,25}$",
    re.IGNORECASE,
)
HOLDING = re.compile(
    r"\b(?:hold(?:s|ing)?|held|hous(?:e|es|ed|ing)|home\s+to|population\s+of|shelter(?:s|ed|ing)?"
    r"|host(?:s|ed|ing)?|accommodat(?:e|es|ed|ing)|contain(?:s|ed|ing)?|residents?\s+number"
    r"|population\b[^.;]{0,25}\bto)\b[^.;]{0,25}$",
    re.IGNORECASE,
)
FOREIGN = re.compile(
    r"\b(?:foreign(?:ers?)?|third[- ]country|non-(?:Syrian|Iraqi)|"
    r"(?:other|\d+|dozens\s+of|several)\s+(?:nationalities|countries))\b",
    re.IGNORECASE,
)
# What happened to people after the figure, which makes it not the facility's population.
MOVED = re.compile(
    r"^[^.;]{0,60}?\b(?:mov(?:e|ed|ing)|transferr?(?:ed|ing)?|relocat\w*|escap\w*|fled|flee\w*|"
    r"freed|releas\w*|repatriat\w*|return\w*|remov\w*|evacuat\w*|sent|deport\w*|kill\w*|died|"
    r"dead|captur\w*|arrest\w*|surrender\w*|broke\s+out|handed|arriv\w*|left|depart\w*|"
    r"came|born)\b",
    re.IGNORECASE,
)
POPULATION_NOUNS = frozenset(
    [
        "person",
        "people",
        "resident",
        "inhabitant",
        "detainee",
        "prisoner",
        "inmate",
        "woman",
        "women",
        "child",
        "children",
        "family",
        "individual",
        "member",
        "suspect",
        "fighter",
        "displaced",
        "refugee",
        "idp",
        "foreigner",
        "national",
        "girl",
        "boy",
        "minor",
        "orphan",
        "widow",
        "household",
        "man",
        "men",
        "militant",
        "element",
        "affiliate",
        "captive",
        "kid",
    ]
)
