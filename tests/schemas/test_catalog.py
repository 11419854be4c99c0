"""schemas.catalog: loading, type strings, lookups and dot-walks."""

import pytest
import yaml
from pydantic import ValidationError

from schemas.catalog import DEFAULT_CATALOG, TypeSpec, default_catalog, load_catalog


def test_default_catalog_sizes():
    catalog = default_catalog()
    assert (len(catalog.tables), len(catalog.triggers), len(catalog.flowlogic)) == (25, 11, 13)
    assert (len(catalog.actions), len(catalog.subflows)) == (40, 4)  # 39 actions and the placeholder


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("choice[1, 2,3]", TypeSpec(kind="choice", choices=["1", "2", "3"])),
        ("ref:sys_user", TypeSpec(kind="ref", table="sys_user")),
        ("record:@table", TypeSpec(kind="record", table_from="table")),
        ("integer", TypeSpec(kind="integer")),
    ],
)
def test_type_strings(text, spec):
    assert TypeSpec.parse(text) == spec


def test_definition_by_category():
    catalog = default_catalog()
    assert catalog.definition("action", "slack_post_message").scope == "sn_slack_spoke"
    assert catalog.definition("flowlogic", "FOREACH").container
    assert catalog.definition("subflow", "offboard_user") is not None
    assert catalog.definition("action", "IF") is None
    assert catalog.definition("trigger", "daily") is None


def test_every_table_reference_and_extends_is_known():
    catalog = default_catalog()
    for name, table in catalog.tables.items():
        assert table.extends is None or table.extends in catalog.tables, name
        for field, spec in table.fields.items():
            assert spec.type.table is None or spec.type.table in catalog.tables, (name, field)


def test_every_table_from_names_an_input():
    catalog = default_catalog()
    groups = [catalog.triggers, catalog.flowlogic, catalog.actions, catalog.subflows]
    for group in groups:
        for name, definition in group.items():
            for output, spec in definition.outputs.items():
                assert spec.table_from is None or spec.table_from in definition.inputs, (name, output)


def test_fields_include_inherited_ones():
    fields = default_catalog().fields("incident")
    assert "caller_id" in fields and "priority" in fields
    assert default_catalog().fields("nope") == {}


def test_every_table_has_its_created_and_updated_dates():
    catalog = default_catalog()
    for name in catalog.tables:
        fields = catalog.fields(name)
        assert fields["sys_created_on"].type.kind == fields["sys_updated_on"].type.kind == "date_time", name


def test_resolve_field_dot_walks_references():
    catalog = default_catalog()
    assert catalog.resolve_field("incident", ["caller_id", "manager", "email"]).type.kind == "email"
    assert catalog.resolve_field("incident", ["caller_id", "nope"]) is None
    assert catalog.resolve_field("incident", ["priority", "x"]) is None


def test_load_catalog_rejects_bad_data(tmp_path):
    data = yaml.safe_load(DEFAULT_CATALOG.read_text())
    data["actions"]["log"]["colour"] = "red"
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(ValidationError, match="colour"):
        load_catalog(path)
