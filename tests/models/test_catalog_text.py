"""Catalog entries read the same in every prompt: typed inputs (required ones end in `*`) and outputs."""

from models.catalog_text import definition_line, table_line, type_text
from schemas.catalog import default_catalog

CATALOG = default_catalog()


def test_a_definition_line_has_label_scope_typed_inputs_and_outputs():
    line = definition_line("record_create", CATALOG.triggers["record_create"])
    assert line == (
        "record_create (Created; scope global) inputs: table: table*, condition: condition; "
        "outputs: current: record:@table, table_name: string"
    )


def test_an_entry_without_inputs_or_outputs_says_so():
    assert definition_line("ELSE", CATALOG.flowlogic["ELSE"]).endswith("inputs: -; outputs: -")


def test_a_table_line_lists_inherited_fields_with_their_types():
    line = table_line("incident", CATALOG)
    assert line.startswith("incident fields: ")
    assert "caller_id: ref:sys_user" in line and "assigned_to: ref:sys_user" in line  # the second from task


def test_choices_are_listed():
    assert type_text(CATALOG.actions["log"].inputs["level"].type) == "choice[info,warn,error]"
