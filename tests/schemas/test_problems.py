"""Problems carry a severity; only errors make a flow invalid."""

import pytest
from pydantic import ValidationError

from schemas.problems import Problem, errors, is_valid

ERROR = Problem(code="unknown_action", path="/components/0/definition", message="unknown action 'fax'")
WARNING = Problem(code="placeholder", path="/components/1", message="step 2 is a placeholder", severity="warning")


def test_a_problem_is_an_error_unless_it_says_otherwise():
    assert ERROR.severity == "error"
    assert WARNING.model_dump()["severity"] == "warning"


def test_severity_is_error_or_warning_only():
    with pytest.raises(ValidationError):
        Problem(code="x", path="", message="m", severity="info")


def test_only_errors_count_for_validity():
    assert errors([ERROR, WARNING]) == [ERROR]
    assert is_valid([WARNING]) and is_valid([])
    assert not is_valid([WARNING, ERROR])


def test_a_warning_says_so_when_printed():
    assert str(WARNING) == "/components/1: [placeholder, warning] step 2 is a placeholder"
    assert str(ERROR) == "/components/0/definition: [unknown_action] unknown action 'fax'"
