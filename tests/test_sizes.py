"""Sizes as people read them: one formatter; a 50 MiB limit is never "larger than 52 MB"."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator import i18n
from facilitator.directory import corpus
from facilitator.i18n.sizes import file_size
from facilitator.storage.store import Store


def test_file_size_in_both_languages() -> None:
    assert file_size(50 * 1024 * 1024, "da") == "50 MiB"
    assert file_size(50 * 1024 * 1024, "en") == "50 MiB"
    assert file_size(1536 * 1024, "da") == "1,5 MiB"
    assert file_size(1536 * 1024, "en") == "1.5 MiB"
    assert file_size(900, "da") == "900 byte" and file_size(900, "en") == "900 bytes"
    assert file_size(2 * 1024**3, "en") == "2 GiB"


@pytest.mark.parametrize(("lang", "words"), [("da", "filen er større end"), ("en", "larger than")])
def test_a_corpus_over_the_limit_names_the_limit_as_set(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, words: str
) -> None:
    monkeypatch.setattr(i18n, "_language", lang)
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(corpus.MAX_FILE_BYTES + 1)  # sparse: the size is checked before reading
    with pytest.raises(corpus.CorpusError) as refused:
        corpus.import_file(store, big)
    message = str(refused.value)
    assert f"{words} 50 MiB." in message, message
    assert "52" not in message
