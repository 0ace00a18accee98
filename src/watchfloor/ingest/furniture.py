"""Blog and news furniture: comment prompts, share bars, cookie banners, "read more" links.

Only whole lines are removed, and only lines that are furniture in their entirety: a
sentence that merely mentions comments or cookies stays. Link lists under a "Related
articles" heading are dropped too, but only near the end of a text, where they live.
"""

from __future__ import annotations

import re

__all__ = ["strip_furniture"]

# Leading decorations of furniture lines: bullets, arrows, pipes, icon glyphs.
_LEAD = r"^[\s>»•·|→*#\-–—]*"
# Trailing punctuation, counts and arrows: "No comments:", "Comments (3)", "Read more »".
_TRAIL = r"[\s:.!…»›>|\-–—()\d]*$"

_NETWORKS = (
    r"facebook|twitter|x|whatsapp|linkedin|telegram|pinterest|reddit|email|e-mail|print"
    r"|messenger|tumblr|vk|copy link|mail"
)

_PATTERNS: tuple[str, ...] = (
    # Comment prompts (Blogger, WordPress, news sites).
    r"(?:no|\d+|one|view|show|hide|read|add|open)?\s*comments?",
    r"post a comment|leave a (?:comment|reply)|add (?:a |your )?comment|write a comment",
    r"be the first to comment|comments are closed|join the (?:conversation|discussion)",
    r"subscribe to:? post comments(?: \(atom\))?",
    r"newer posts?(?: older posts?)?(?: home)?|older posts?(?: home)?",
    r"email this\s*blogthis!?.*",
    # Share and follow bars.
    rf"share(?: this)?(?: (?:article|story|post|page|video))?(?: (?:on|to|via) (?:{_NETWORKS}))?",
    rf"(?:(?:{_NETWORKS})(?:\s*[|/,·•]\s*|\s+)?){{1,8}}",
    rf"(?:tweet|pin|like|follow)(?: (?:this|us))?(?: on (?:{_NETWORKS}))?",
    r"follow us(?: on .{0,60})?",
    # Newsletter and subscription calls.
    r"subscribe(?: now| today| here)?(?: to (?:our|the) .{0,60})?",
    r"sign up (?:for|to) (?:our|the) .{0,60}newsletter.{0,60}",
    r"(?:get|receive) (?:our|the) .{0,40}newsletter.{0,60}",
    # Navigation and teasers.
    r"read more|continue reading|read (?:the )?full (?:article|story)|more\.\.\.",
    r"click here(?: to .{0,80})?",
    r"skip to (?:main )?content|back to top|jump to comments",
    r"advertisement|sponsored(?: content)?|promoted(?: content)?",
    r"print(?: this)?(?: article| page| story)?",
    # Rights lines.
    # "(c)" only before a year: "(c) the detainees ..." is an enumerated list item.
    r"(?:copyright\s*)?©.{0,120}|(?:copyright\s*)?\(c\)\s*\d{4}.{0,120}|copyright\s+\d{4}.{0,120}",
    r".{0,120}all rights reserved.{0,40}",
    # Press-release end marks ("###", "-###-", "# # #", Markdown-escaped "\###").
    r"\\?#(?:\s?#){2,}|-#{3}-",
    # Taxonomy lines.
    r"(?:tags?|labels?|categories|filed under|topics?):.{0,150}",
)

_FURNITURE = re.compile(
    _LEAD + "(?:" + "|".join(f"(?:{p})" for p in _PATTERNS) + ")" + _TRAIL, re.IGNORECASE
)

# Cookie banners are full sentences, so they get their own test: they mention cookies and
# ask for consent, and they stand alone on a line of their own.
_COOKIE = re.compile(r"\bcookies?\b", re.I)
_CONSENT = re.compile(
    r"\b(?:accept|consent|agree|cookie (?:policy|settings|preferences)|use of cookies"
    r"|we use cookies|(?:web)?site uses cookies|manage (?:cookies|preferences))\b",
    re.I,
)
_COOKIE_MAX = 400

# Headings that open a list of links to other articles; near the end everything under them
# up to the next long paragraph goes too.
_LINK_LIST_HEAD = re.compile(
    _LEAD + r"(?:related(?: articles| stories| posts| content| news| coverage)?|read also"
    r"|see also|you (?:may|might) also (?:like|be interested in)|more (?:from|on) .{1,50}"
    r"|recommended(?: for you| stories)?|most (?:read|popular|viewed|shared)|trending(?: now)?"
    r"|latest news|more stories|also read|further reading)" + _TRAIL,
    re.I,
)
_LINK_LIST_TAIL = 0.6  # a heading past this share of the lines counts as the tail
_LINK_MAX = 160  # longer lines are paragraphs, not link titles

# Furniture lines are short; a long line is always content.
_MAX_LINE = 200


def _is_furniture(line: str) -> bool:
    """True when the whole line is furniture."""
    stripped = line.strip()
    if not stripped:
        return False
    if len(stripped) <= _MAX_LINE and _FURNITURE.fullmatch(stripped):
        return True
    return (
        len(stripped) <= _COOKIE_MAX
        and bool(_COOKIE.search(stripped))
        and bool(_CONSENT.search(stripped))
    )


def strip_furniture(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove furniture lines from text; return the clean text and the removed lines in order."""
    lines = text.split("\n")
    content = [i for i, line in enumerate(lines) if line.strip()]
    tail_from = content[int(len(content) * _LINK_LIST_TAIL)] if content else 0
    kept: list[str] = []
    removed: list[str] = []
    in_link_list = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if in_link_list:
            if len(stripped) > _LINK_MAX:
                in_link_list = False
            else:
                if stripped:
                    removed.append(stripped)
                continue
        if index >= tail_from and stripped and _LINK_LIST_HEAD.fullmatch(stripped):
            in_link_list = True
            removed.append(stripped)
            continue
        if _is_furniture(line):
            removed.append(stripped)
            continue
        kept.append(line)
    return "\n".join(kept), tuple(removed)
