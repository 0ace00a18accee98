"""Furniture removal: whole furniture lines go and are recorded; content lines stay."""

from __future__ import annotations

import pytest

from watchfloor.ingest.furniture import strip_furniture


@pytest.mark.parametrize(
    "line",
    [
        "No comments:",
        "Post a Comment",
        "12 Comments",
        "Leave a reply",
        "Share this:",
        "Share on Facebook",
        "Share to Twitter",
        "Facebook Twitter WhatsApp Email",
        "Subscribe",
        "Subscribe to our newsletter",
        "Read more »",
        "Continue reading...",
        "Click here to download the full report",
        "We use cookies to improve your experience. By continuing you agree to our cookie policy.",
        "This website uses cookies. Accept all",
        "© 2024 Sample Wire. All rights reserved.",
        "All rights reserved",
        "###",
        "\\###",
        "Tags: Syria, ISIS, Hasakah",
        "Advertisement",
        "Newer Post Older Post Home",
        "Subscribe to: Post Comments (Atom)",
    ],
)
def test_strip_furniture_removes_whole_furniture_line(line):
    text = f"ISIS attacked the prison in Hasakah on Thursday.\n{line}\nThe SDF said it retook it."
    clean, removed = strip_furniture(text)
    assert removed == (line,)
    assert clean == "ISIS attacked the prison in Hasakah on Thursday.\nThe SDF said it retook it."


@pytest.mark.parametrize(
    "line",
    [
        "Comments by the SDF spokesman were later withdrawn.",
        "Facebook said it removed the accounts linked to the attackers.",
        "Share prices in Damascus fell after the attack.",
        "The monitor said readers should click here for updates, but gave no figures.",
        "(c) the detainees must be tried in the region.",
        "Copyright disputes are not at issue here.",
        "Subscribers to the SDF channel were told the prison was secure.",
        "The cookie factory in Hasakah was damaged in the fighting, residents said.",
    ],
)
def test_strip_furniture_keeps_content_lines(line):
    clean, removed = strip_furniture(line)
    assert removed == ()
    assert clean == line


def test_strip_furniture_drops_link_list_at_the_end():
    body = [
        f"Paragraph {i} about the attack on the prison, with details of the fighting."
        for i in range(6)
    ]
    text = "\n".join(
        [*body, "Related articles", "ISIS detainees: a ticking bomb", "Who runs al-Hol?"]
    )
    clean, removed = strip_furniture(text)
    assert removed == ("Related articles", "ISIS detainees: a ticking bomb", "Who runs al-Hol?")
    assert clean == "\n".join(body)


def test_strip_furniture_keeps_related_heading_early_in_text():
    text = "Related\nThe attack was related to earlier escapes.\n" + "More text.\n" * 5
    _clean, removed = strip_furniture(text)
    assert removed == ()


def test_strip_furniture_seed_article_records_blog_furniture():
    text = "The SDF said the prison was secure.\nNo comments:\nPost a Comment"
    clean, removed = strip_furniture(text)
    assert removed == ("No comments:", "Post a Comment")
    assert "comment" not in clean.lower()
