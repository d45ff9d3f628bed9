"""The JSON Schemas an editor reads: every shipped file passes its schema, mistakes do not."""

from __future__ import annotations

import copy
import json
import tomllib

import jsonschema
import pytest

from conftest import SCENARIOS
from game.content.schema import schema

KINDS = {"case": "cases", "events": "events", "campaign": "campaigns"}


def _files(kind: str):
    return sorted((SCENARIOS / KINDS[kind]).glob("*.toml"))


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    body = schema(kind)
    jsonschema.Draft202012Validator.check_schema(body)
    return jsonschema.Draft202012Validator(body)


def _errors(kind: str, data: dict) -> list[str]:
    return [e.message for e in _validator(kind).iter_errors(data)]


@pytest.mark.parametrize("kind", KINDS)
def test_every_shipped_file_passes_its_schema(kind):
    files = _files(kind)
    assert files
    for path in files:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert _errors(kind, data) == [], path.name


@pytest.mark.parametrize("kind", KINDS)
def test_the_schema_names_its_dialect_and_describes_every_field(kind):
    body = schema(kind)
    assert body["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    tables = [body] + list(body["$defs"].values())
    for table in tables:
        for variant in [table] + table.get("anyOf", []):
            for name, field in variant.get("properties", {}).items():
                assert field.get("description"), f"{variant.get('title')}.{name}"


def _case():
    return tomllib.loads((SCENARIOS / "cases" / "scootmobiel-henk.toml").read_text("utf-8"))


def test_the_case_schema_rejects_a_wrong_type_a_misspelt_field_and_an_unknown_loyalty():
    data = _case()
    wrong = copy.deepcopy(data)
    wrong["investigations"][0]["hours"] = "2"
    assert any("is not of type 'integer'" in e for e in _errors("case", wrong))
    misspelt = copy.deepcopy(data)
    misspelt["options"][0]["outcom"] = misspelt["options"][0].pop("outcome")
    assert _errors("case", misspelt)
    loyalty = copy.deepcopy(data)
    loyalty["options"][0]["loyalties"]["burgers"] = loyalty["options"][0]["loyalties"].pop("burger")
    assert _errors("case", loyalty)


def test_the_events_schema_rejects_the_same_mistakes():
    path = _files("events")[0]
    data = tomllib.loads(path.read_text("utf-8"))
    wrong = copy.deepcopy(data)
    wrong["event"][0]["kind"] = 3
    assert _errors("events", wrong)
    misspelt = copy.deepcopy(data)
    misspelt["event"][0]["sendr"] = misspelt["event"][0].pop("sender")
    assert _errors("events", misspelt)
    loyalty = copy.deepcopy(data)
    loyalty["event"][0]["trigger"] = {"loyalty": "burgers", "at_least": 1}
    assert _errors("events", loyalty)


def test_the_campaign_schema_rejects_the_same_mistakes():
    data = tomllib.loads((SCENARIOS / "campaigns" / "intro.toml").read_text("utf-8"))
    wrong = copy.deepcopy(data)
    wrong["hours_per_case"] = "4"
    assert _errors("campaign", wrong)
    misspelt = copy.deepcopy(data)
    misspelt["meterz"] = misspelt.pop("meters")
    assert _errors("campaign", misspelt)
    loyalty = copy.deepcopy(data)
    loyalty["epilogue"] = [{"when": {"loyalty": "burgers", "at_least": 1}, "text": "x"}]
    assert _errors("campaign", loyalty)


def test_maatwerk_schema_prints_each_kind(capsys):
    from game.cli import main

    for kind in KINDS:
        assert main(["schema", kind]) == 0
        printed = json.loads(capsys.readouterr().out)
        assert printed == json.loads(json.dumps(schema(kind)))
