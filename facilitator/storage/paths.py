"""Where facilitator keeps its files: one home folder, relocatable with FACILITATOR_HOME."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import platformdirs

APP_NAME = "facilitator"
DB_NAME = "facilitator.db"


def home() -> Path:
    """The data folder: $FACILITATOR_HOME, else the platform's user data directory."""
    env = os.environ.get("FACILITATOR_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def db_path() -> Path:
    """The SQLite file that holds everything."""
    return home() / DB_NAME


#: Where `make demo` keeps its data: the checkout's own folder (see the Makefile).
DEMO_HOME = ".demo-home"
CHECKOUT = Path(__file__).resolve().parents[2]
#: Where a demo home is looked for: None is the current folder (tests set their own).
DEMO_PLACES: tuple[Path | None, ...] = (None, CHECKOUT)


def demo_homes() -> list[Path]:
    """Demo homes with a database that are not the home in use: the current folder's
    .demo-home, then the checkout's (``make demo`` sets FACILITATOR_HOME only for itself)."""
    found: list[Path] = []
    try:
        current = home().resolve()
        for place in DEMO_PLACES:
            folder = Path.cwd() if place is None else place
            candidate = (folder / DEMO_HOME).resolve()
            if candidate != current and candidate not in found and (candidate / DB_NAME).is_file():
                found.append(candidate)
    except OSError:  # a vanished current folder or an unreadable one: no hint, no harm
        return found
    return found


def backups_dir() -> Path:
    """Copies made before a migration."""
    return home() / "backups"


def documents_dir() -> Path:
    """Rendered plans and briefs written by the app."""
    return home() / "documents"


def citizen_documents_dir(citizen_id: int) -> Path:
    """One citizen's rendered plans and briefs; erased with the citizen."""
    return documents_dir() / f"citizen-{citizen_id}"


def templates_dir() -> Path:
    """A municipality's template overrides (same file name overrides one template)."""
    return home() / "templates"


def settings_path() -> Path:
    """Optional settings file (TOML)."""
    return home() / "settings.toml"


def ensure_private_dir(path: Path) -> Path:
    """Create a folder readable by the owner only (0700), and so every folder it creates on
    the way (``mkdir(parents=True)`` would leave those to the umask, e.g. 0777). A folder that
    exists already keeps its mode: it may be someone's shared folder (``/tmp``, 1777), and
    the app never changes what it did not create (:func:`check_home` refuses an unsafe one)."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)
    if not path.is_dir():
        raise NotADirectoryError(f"not a folder: {path}")
    return path


def home_problem(folder: Path) -> str | None:
    """Why an existing home is unsafe to keep a citizen's notes in: ``"shared"`` (anyone may
    write in it, e.g. a 1777 folder), ``"foreign"`` (another user owns it), else None."""
    try:
        info = folder.stat()
    except OSError:  # missing (made private when created) or not a folder (said elsewhere)
        return None
    if info.st_uid != os.getuid():
        return "foreign"
    if info.st_mode & stat.S_IWOTH:
        return "shared"
    return None


class NotAFile(OSError):
    """The name is taken by something that is not a regular file (a device, a pipe)."""


def write_private(target: Path, data: bytes) -> None:
    """Write a file owner-only (0600) and atomically: a reader sees the old or the new file,
    never half of one. Raises OSError when the folder cannot be written, and NotAFile when
    the name is a device, pipe or socket: renaming over it would replace it (as root, even
    /dev/full). A symlink to a file is written through, where it points."""
    try:
        found = os.stat(target)  # follows a symlink: what the name stands for
    except FileNotFoundError:
        found = None
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise NotAFile(str(target))
    if target.is_symlink():
        target = target.resolve()
    fd, tmp = tempfile.mkstemp(prefix=".facilitator-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _data_root(name: str) -> Path:
    """Package data: inside an installed wheel, else the checkout's top-level folder."""
    packaged = Path(__file__).resolve().parent.parent / "_data" / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / name


def corpus_dir() -> Path:
    """The shipped demo corpus."""
    return _data_root("corpus")


def prompts_dir() -> Path:
    """The shipped prompts for the optional local language model."""
    return _data_root("prompts")
