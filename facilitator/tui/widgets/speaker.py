"""The current speaker's name in big letters, legible from the back of a room.

Textual's Digits only draws numbers, so names get a 3×5 pixel font drawn with half blocks
(three terminal rows), Danish letters included. A name too wide for the panel falls back to
plain bold text rather than being cut.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from facilitator.domain.privacy import mask_cpr

_GLYPHS: dict[str, tuple[str, ...]] = {
    "A": (".#.", "#.#", "###", "#.#", "#.#"),
    "B": ("##.", "#.#", "##.", "#.#", "##."),
    "C": (".##", "#..", "#..", "#..", ".##"),
    "D": ("##.", "#.#", "#.#", "#.#", "##."),
    "E": ("###", "#..", "##.", "#..", "###"),
    "F": ("###", "#..", "##.", "#..", "#.."),
    "G": (".##", "#..", "#.#", "#.#", ".##"),
    "H": ("#.#", "#.#", "###", "#.#", "#.#"),
    "I": ("###", ".#.", ".#.", ".#.", "###"),
    "J": ("..#", "..#", "..#", "#.#", ".#."),
    "K": ("#.#", "#.#", "##.", "#.#", "#.#"),
    "L": ("#..", "#..", "#..", "#..", "###"),
    "M": ("#...#", "##.##", "#.#.#", "#...#", "#...#"),
    "N": ("#..#", "##.#", "#.##", "#..#", "#..#"),
    "O": (".#.", "#.#", "#.#", "#.#", ".#."),
    "P": ("##.", "#.#", "##.", "#..", "#.."),
    "Q": (".#.", "#.#", "#.#", "##.", ".##"),
    "R": ("##.", "#.#", "##.", "#.#", "#.#"),
    "S": (".##", "#..", ".#.", "..#", "##."),
    "T": ("###", ".#.", ".#.", ".#.", ".#."),
    "U": ("#.#", "#.#", "#.#", "#.#", "###"),
    "V": ("#.#", "#.#", "#.#", "#.#", ".#."),
    "W": ("#...#", "#...#", "#.#.#", "##.##", "#...#"),
    "X": ("#.#", "#.#", ".#.", "#.#", "#.#"),
    "Y": ("#.#", "#.#", ".#.", ".#.", ".#."),
    "Z": ("###", "..#", ".#.", "#..", "###"),
    "Æ": (".###", "#.#.", "####", "#.#.", "#.##"),
    "Ø": (".##", "#.#", "###", "#.#", "##."),
    "Å": ("###", "#.#", "###", "#.#", "#.#"),
    "Ä": ("#.#", ".#.", "###", "#.#", "#.#"),
    "Ö": ("#.#", ".#.", "#.#", "#.#", ".#."),
    "Ü": ("#.#", "...", "#.#", "#.#", "###"),
    "É": ("..#", "###", "##.", "#..", "###"),
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("##.", "..#", ".#.", "#..", "###"),
    "3": ("##.", "..#", ".#.", "..#", "##."),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "##.", "..#", "##."),
    "6": (".##", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", ".#.", ".#.", ".#."),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "##."),
    "-": ("...", "...", "###", "...", "..."),
    ".": ("..", "..", "..", "..", "#."),
    "'": ("#", "#", ".", ".", "."),
    " ": ("..", "..", "..", "..", ".."),
}
# Å carries its ring in the row above the letters.
_TOP_ROW = {"Å": ".#.", "Ä": "...", "Ö": "..."}


def big_lines(text: str) -> list[str] | None:
    """Three rows of half-block art for ``text``, or None when a letter has no glyph."""
    pixels: list[str] = ["", "", "", "", "", ""]
    for i, char in enumerate(text.upper()):
        glyph = _GLYPHS.get(char)
        if glyph is None:
            return None
        width = len(glyph[0])
        top = _TOP_ROW.get(char, "." * width)
        rows = (top, *glyph)
        gap = "" if i == 0 else "."
        for r in range(6):
            pixels[r] += gap + rows[r]
    out = []
    for r in range(0, 6, 2):
        upper, lower = pixels[r], pixels[r + 1]
        out.append(
            "".join(
                "█" if a == "#" and b == "#" else "▀" if a == "#" else "▄" if b == "#" else " "
                for a, b in zip(upper, lower, strict=True)
            )
        )
    return out


class SpeakerName(Widget):
    """The current speaker, big when it fits, plain bold when it does not."""

    DEFAULT_CSS = """
    SpeakerName { height: auto; min-height: 3; content-align: center middle; }
    """

    name_text: reactive[str] = reactive("", layout=True)

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.name_text = mask_cpr(text)

    def show(self, text: str) -> None:
        """Show a new name (a CPR number in it masked: the name is drawn large)."""
        self.name_text = mask_cpr(text)

    def render(self) -> Text:
        available = max(1, self.content_size.width)
        if getattr(self.app, "plain", False):
            return Text(self.name_text, style="bold")
        lines = self.big_name(available)
        if lines is not None:
            return Text("\n".join(line.center(available) for line in lines), no_wrap=True)
        return Text(self.name_text.center(available), style="bold")

    def big_name(self, width: int) -> list[str] | None:
        """The name in big letters within ``width``: all of it when it fits, else the first
        name big with the whole name under it (at 100 columns "Karsten Demo-Lund" is 70
        cells of big letters), else None (plain bold text)."""
        name = self.name_text.strip()
        if not name:
            return None
        art = big_lines(name)
        if art is not None and len(art[0]) <= width:
            return art
        first = name.split()[0]
        art = big_lines(first)
        if art is not None and len(art[0]) <= width and first != name:
            return [*art, name]
        return None

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        if getattr(self.app, "plain", False):
            return 3
        lines = self.big_name(width)
        return len(lines) if lines is not None else 3
