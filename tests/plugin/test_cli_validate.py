"""`flowsmith validate` and `flowsmith schema`."""

import json

import pytest
import yaml
from typer.testing import CliRunner

from agent.unsupported import placeholder_step
from plugin.cli import app
from schemas.catalog import DEFAULT_CATALOG
from tests.schemas.conftest import rich_flow

runner = CliRunner()


@pytest.fixture
def flow_file(tmp_path):
    def write(flow: object) -> str:
        path = tmp_path / "flow.json"
        path.write_text(json.dumps(flow))
        return str(path)

    return write


def test_valid_flow_prints_valid(flow_file):
    result = runner.invoke(app, ["validate", flow_file(rich_flow())])
    assert result.exit_code == 0
    assert result.output.strip() == "valid"


def test_a_placeholder_is_a_warning_and_the_flow_still_valid(flow_file):
    flow = rich_flow()
    flow["components"].append(placeholder_step(len(flow["components"]) + 1, "send a fax to the vendor"))
    result = runner.invoke(app, ["validate", flow_file(flow)])
    assert result.exit_code == 0
    first, last = result.output.strip().splitlines()
    assert "[placeholder, warning] " in first and "'send a fax to the vendor'" in first
    assert last == "valid (warnings: resolve before activation)"


def test_problems_are_printed_one_per_line(flow_file):
    flow = rich_flow()
    flow["trigger"]["type"] = "record_created"
    flow["components"][0]["definition"] = "look_up_recrod"
    result = runner.invoke(app, ["validate", flow_file(flow)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("/components/0/definition: [unknown_action] ")
    assert lines[1].startswith("/trigger/type: [unknown_trigger] ")


def test_json_output(flow_file):
    flow = rich_flow()
    flow["components"][3]["scope"] = "global"
    result = runner.invoke(app, ["validate", flow_file(flow), "--json"])
    assert result.exit_code == 1
    (problem,) = json.loads(result.output)
    assert (problem["code"], problem["path"]) == ("wrong_scope", "/components/3/scope")
    valid = runner.invoke(app, ["validate", flow_file(rich_flow()), "--json"])
    assert (valid.exit_code, json.loads(valid.output)) == (0, [])


def test_missing_file_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert "cannot read" in result.output and "nope.json" in result.output


def test_non_json_file_is_a_clear_error(tmp_path):
    path = tmp_path / "flow.json"
    path.write_text("{not json")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "is not JSON" in result.output


def test_custom_catalog(flow_file, tmp_path):
    data = yaml.safe_load(DEFAULT_CATALOG.read_text())
    del data["actions"]["slack_post_message"]
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(yaml.safe_dump(data))
    result = runner.invoke(app, ["validate", flow_file(rich_flow()), "--catalog", str(catalog)])
    assert result.exit_code == 1
    assert "[unknown_action]" in result.output


def test_bad_catalog_is_a_clear_error(flow_file, tmp_path):
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text("platform: x\n")
    result = runner.invoke(app, ["validate", flow_file(rich_flow()), "--catalog", str(catalog)])
    assert result.exit_code == 2
    assert "cannot load catalog" in result.output


def test_schema_command_prints_the_json_schema():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert "look_up_record" in schema["$defs"]["ActionComponent"]["properties"]["definition"]["enum"]
