"""ACLED never leaves actor1 empty with inter1 0: unnamed perpetrators are ACLED's
unidentified group of the event's kind; an actorless strategic development is left blank."""

from __future__ import annotations

from dataclasses import replace

import incident_factory as F
from watchfloor.export.acled import acled_row
from watchfloor.model.incidents import IncidentActor


def _without_actor1(event_type: str):
    incident = F.make_incident(event_type=event_type)
    return replace(incident, actors=tuple(a for a in incident.actors if a.role != "actor1"))


def test_unnamed_attacker_is_the_unidentified_armed_group_of_the_country() -> None:
    row = acled_row(_without_actor1("airstrike"))
    assert row["actor1"] == "Unidentified Armed Group (Syria)"
    assert row["inter1"] == 3
    assert row["interaction"] == 23  # with the SDF (armed group, 2) as actor2


def test_unnamed_protesters() -> None:
    row = acled_row(replace(_without_actor1("protest"), actors=()))
    assert (row["actor1"], row["inter1"], row["interaction"]) == ("Protesters (Syria)", 6, 60)


def test_actorless_strategic_development_is_blank_never_zero() -> None:
    row = acled_row(replace(_without_actor1("prison_escape"), actors=()))
    assert row["actor1"] == "" and row["inter1"] == "" and row["interaction"] == ""


def test_named_actor1_keeps_its_catalogue_code() -> None:
    incident = F.make_incident(event_type="airstrike")
    incident = replace(incident, actors=(IncidentActor("isis", "ISIS", "actor1", 1),))
    row = acled_row(incident)
    assert (row["actor1"], row["inter1"]) == ("ISIS", 2)


def test_export_uses_the_acled_pair_of_who_acts() -> None:
    """The export codes a detention as the reading does: by a faction it is an abduction."""
    row = acled_row(F.make_incident(event_type="raid_arrest"))
    assert row["actor1"] == "ISIS"
    assert (row["event_type"], row["sub_event_type"]) == (
        "Violence against civilians",
        "Abduction/forced disappearance",
    )
    unnamed = acled_row(_without_actor1("raid_arrest"))
    assert (unnamed["event_type"], unnamed["sub_event_type"]) == (
        "Strategic developments",
        "Arrests",
    )
