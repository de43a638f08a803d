"""Embedding the corpus at import, with a progress line: the first suggestion is then quick."""

from __future__ import annotations

import sys
import time

import click

from facilitator.i18n import current_language, t
from facilitator.storage.store import Store


def _number(value: float) -> str:
    """One decimal, with the language's decimal mark (12,5 in Danish)."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if current_language() == "da" else text


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


class ProgressLine:
    """One line on stderr, rewritten after each batch: count, rate and time left.

    Only on a terminal; a pipe or a log gets the closing sentence alone.
    """

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.done = 0
        self.total = 0
        self.live = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        if not self.live:
            return
        elapsed = time.monotonic() - self.start
        rate = done / elapsed if done and elapsed > 0 else 0.0
        left = _duration((total - done) / rate) if rate else "?"
        line = t("embed.progress", done=done, total=total, rate=_number(rate), left=left)
        click.echo(f"\r{line}\x1b[K", err=True, nl=False)

    def close(self) -> None:
        if self.live and self.total:
            click.echo("", err=True)


def embed_corpus(store: Store) -> int:
    """Embed every entry not yet embedded for the default model, in committed batches.

    Without a model the import still stands: the entries are embedded when first needed.
    """
    from facilitator.directory import embeddings
    from facilitator.directory.needs import tag_entries
    from facilitator.directory.ranking import ensure_embeddings, missing_embeddings

    try:
        embedder = embeddings.make_embedder()
    except (ImportError, OSError, RuntimeError, ValueError) as exc:
        click.echo(t("embed.later", reason=exc), err=True)
        return 0
    if not missing_embeddings(store, embedder.model_id):
        tag_entries(store, embedder)  # a new taxonomy, or entries whose vectors were shipped
        click.echo(t("embed.all_ready"))
        return 0
    progress = ProgressLine()
    try:
        embedded = ensure_embeddings(store, embedder, progress=progress)
    except KeyboardInterrupt:
        progress.close()
        click.echo(t("embed.interrupted", done=progress.done, total=progress.total), err=True)
        raise
    progress.close()
    tag_entries(store, embedder)  # seconds: a matrix product over the stored vectors
    seconds = _number(time.monotonic() - progress.start)
    click.echo(t("embed.done", n=embedded, seconds=seconds))
    return embedded
