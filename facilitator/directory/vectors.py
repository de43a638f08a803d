"""Vectors shipped beside a corpus file, so the demo is ready without embedding it first.

``NAME.vectors.npz`` beside ``NAME.json`` holds one model id, the content hashes and their
float32 vectors, exactly as `ensure_embeddings` stored them. At import they are copied into
the embeddings table under that model id: an entry whose text changed has another hash and
is embedded again, an unchanged one never; a different model simply never reads them.
"""

from __future__ import annotations

from pathlib import Path

from facilitator.directory.dense import Vectors
from facilitator.storage.store import Store

SUFFIX = ".vectors.npz"


def sidecar_path(corpus_path: Path) -> Path:
    """Where the vectors for ``corpus_path`` are shipped (demo_kommune.vectors.npz)."""
    return corpus_path.with_name(corpus_path.stem + SUFFIX)


def write_vectors(store: Store, model_id: str, path: Path, hashes: list[str] | None = None) -> int:
    """Write the store's vectors of ``model_id`` for its corpus entries (or for ``hashes``,
    e.g. the needs taxonomy's examples); returns how many."""
    import json

    import numpy as np

    if hashes is None:
        wanted = "SELECT content_hash FROM corpus_entries"
        params: list[str] = [model_id]
    else:
        wanted = "SELECT value FROM json_each(?)"
        params = [model_id, json.dumps(hashes)]
    rows = store.rows(
        "SELECT v.content_hash, v.vector FROM embeddings v WHERE v.model = ? AND"
        f" v.content_hash IN ({wanted}) ORDER BY v.content_hash",
        params,
    )
    keys = np.array([r["content_hash"] for r in rows], dtype=str)
    vectors = np.vstack([np.frombuffer(r["vector"], dtype="<f4") for r in rows]).astype("<f4")
    with path.open("wb") as out:
        np.savez_compressed(out, model=np.array(model_id), hashes=keys, vectors=vectors)
    return len(rows)


def read_vectors(path: Path, model_id: str | None = None) -> tuple[str, dict[str, Vectors]]:
    """The model id and the vectors by content hash in a shipped file; nothing when the file
    is missing, unreadable, or (with ``model_id``) made with another model."""
    if not path.is_file():
        return "", {}
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as data:
            model = str(data["model"])
            hashes = [str(h) for h in data["hashes"]]
            vectors = np.asarray(data["vectors"], dtype="<f4")
    except (OSError, ValueError, KeyError):
        return "", {}
    if vectors.ndim != 2 or len(vectors) != len(hashes):
        return "", {}
    if model_id is not None and model != model_id:
        return "", {}
    return model, dict(zip(hashes, vectors, strict=True))


def store_vectors(store: Store, model_id: str, vectors: list[tuple[str, Vectors]]) -> None:
    """Keep vectors in the embeddings table under their content hash (existing ones stay)."""
    with store.atomic():
        store.db.conn.executemany(
            "INSERT OR IGNORE INTO embeddings (model, content_hash, vector) VALUES (?, ?, ?)",
            [(model_id, h, v.astype("<f4").tobytes()) for h, v in vectors],
        )


def load_vectors(store: Store, path: Path) -> int:
    """Copy shipped vectors for the store's corpus entries not yet embedded; returns how many.

    A missing or unreadable file is no error: the entries are then embedded as usual.
    """
    model, found = read_vectors(path)
    if not found:
        return 0
    wanted = {
        r["content_hash"]
        for r in store.rows(
            "SELECT e.content_hash FROM corpus_entries e LEFT JOIN embeddings v"
            " ON v.content_hash = e.content_hash AND v.model = ? WHERE v.content_hash IS NULL",
            [model],
        )
    }
    rows = [(h, v) for h, v in found.items() if h in wanted]
    if rows:
        store_vectors(store, model, rows)
    return len(rows)
