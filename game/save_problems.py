"""Why a save could not be written, said so a player understands it, and where else it could go."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from game.strings import s

_REASONS = {
    errno.ENOSPC: "save_reason_full",
    errno.EDQUOT: "save_reason_full",
    errno.EROFS: "save_reason_readonly",
    errno.EACCES: "save_reason_denied",
    errno.EPERM: "save_reason_denied",
    errno.EISDIR: "save_reason_folder",
    errno.ENOTDIR: "save_reason_notdir",
    errno.EEXIST: "save_reason_notdir",  # a folder on the way is a file (mkdir)
}


def reason(error: OSError, lang: str) -> str:
    """What went wrong, in the player's words (a disk that is full, a folder you may not
    write in); the system's own message for anything else."""
    key = _REASONS.get(error.errno or 0)
    if key is None and isinstance(error, PermissionError):
        key = "save_reason_denied"
    if key is not None:
        return s(key, lang)
    return s("save_reason_other", lang, error=error.strerror or error)


@dataclass(frozen=True)
class SaveProblem:
    """The last save of a session failed: where, why, and how many times in a row."""

    path: Path
    error: OSError
    failures: int = 1

    def reason(self, lang: str) -> str:
        return reason(self.error, lang)

    def message(self, lang: str) -> str:
        key = "save_failed" if self.failures == 1 else "save_still_failing"
        return s(key, lang, path=self.path, reason=self.reason(lang), count=self.failures)

    def suggestion(self) -> Path:
        return suggested_place(self.path)


def suggested_place(failed: Path) -> Path:
    """Another place for a save that could not be written at ``failed``: the player's
    documents folder, else the home folder; never the folder that just failed."""
    candidates = []
    try:
        import platformdirs
        candidates.append(Path(platformdirs.user_documents_dir()) / "maatwerk-autosave.json")
    except Exception:  # noqa: BLE001 - no documents folder is known on this system
        pass
    home = Path.home()
    candidates.append(home / "maatwerk-autosave.json")
    failed_dir = Path(failed).expanduser().parent.resolve()
    usable = [c for c in candidates if c.parent.resolve() != failed_dir]
    for candidate in usable:
        if candidate.parent.is_dir() and os.access(candidate.parent, os.W_OK):
            return candidate
    return usable[0] if usable else home / "maatwerk" / "autosave.json"
