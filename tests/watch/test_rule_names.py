"""Watch rules read actors and places as every filter does: aliases, gazetteer names, LAT,LON."""

from __future__ import annotations

import incident_factory as F
from watchfloor.watch.engine import match_rule
from watchfloor.watch.rules import parse_rules


def _rule(**when):
    (rule,) = parse_rules({"rules": [{"id": "r", "when": when}]})  # the packaged gazetteer
    return rule


def test_an_actor_alias_in_a_rule_matches_the_catalogue_id() -> None:
    incident = F.make_incident()  # names isis and sdf
    assert match_rule(_rule(actors=["daesh"]), incident, None) is not None
    assert match_rule(_rule(actors=["Islamic State"]), incident, None) is not None
    assert match_rule(_rule(actors=["Hezbollah"]), incident, None) is None


def test_a_rule_place_may_be_an_alias_or_lat_lon() -> None:
    incident = F.make_incident()  # al-Shaddadi, ~52 km from al-Hol
    for place in ("al-Hol", "Hol camp", "36.38,41.15"):
        rule = _rule(within={"place": place, "km": 60})
        assert match_rule(rule, incident, None) is not None, place
