"""A folder a test can fill up or make read-only, and free again, as honestly as the machine allows.

As root with mount permitted, the folder is a tiny tmpfs: a full disk is a real ENOSPC and a
read-only folder a real EROFS (root writes through chmod, so chmod proves nothing there).
Without mount, a full disk is an OSError(ENOSPC) injected into the save write; a read-only
folder is chmod 0o500 for a normal user, and an injected PermissionError for root.
"""

from __future__ import annotations

import errno
import functools
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from game import saves


@functools.lru_cache(maxsize=1)
def can_mount() -> bool:
    if os.geteuid() != 0 or os.environ.get("MAATWERK_TEST_NO_MOUNT"):  # the second: to try
        return False                                                    # the fallbacks
        return False
    probe = Path(tempfile.mkdtemp(prefix="maatwerk-mount-probe-"))
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)],
                              capture_output=True, timeout=10)
        if done.returncode != 0:
            return False
        subprocess.run(["umount", str(probe)], capture_output=True, timeout=10)
        return True
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        probe.rmdir()


def chmod_stops_writes(folder: Path) -> bool:
    """Whether a folder at 0o500 really refuses a new file (not for root)."""
    folder.chmod(0o500)
    try:
        (folder / ".probe").write_text("x")
    except PermissionError:
        return True
    finally:
        folder.chmod(0o700)
    (folder / ".probe").unlink()
    return False


class Place:
    """A folder for saves that can fail like a full disk or a read-only folder, then recover."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder = folder
        self.monkeypatch = monkeypatch
        self.mounted = False
        self.injected: int | None = None  # errno of the injected failure, when injecting
        folder.mkdir(parents=True, exist_ok=True)
        if can_mount():
            subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs",
                            str(folder)], check=True, timeout=10)
            self.mounted = True
        self.how = "mount" if self.mounted else "inject"
        self._install_injection()

    # the injection only acts while self.injected is set and only for this folder
    def _install_injection(self) -> None:
        real_write, real_replace = saves.write_atomic, os.replace

        def failing(path) -> None:
            if self.injected is not None and Path(path).resolve().parent == self.folder.resolve():
                raise OSError(self.injected, os.strerror(self.injected), str(path))

        def write(path, *args, **kwargs):
            failing(path)
            return real_write(path, *args, **kwargs)

        def replace(src, dst, *args, **kwargs):
            failing(dst)
            return real_replace(src, dst, *args, **kwargs)

        self.monkeypatch.setattr(saves, "write_atomic", write)
        self.monkeypatch.setattr(os, "replace", replace)

    def fill(self) -> None:
        """No space left in the folder."""
        if not self.mounted:
            self.injected = errno.ENOSPC
            return
        fd = os.open(self.folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while True:
                os.write(fd, b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        finally:
            os.close(fd)
        # a few bytes may still fit in a half page: take them too
        for n in range(64):
            try:
                (self.folder / f"crumb{n}").write_bytes(b"\0" * 64)
            except OSError:
                break

    def free(self) -> None:
        if not self.mounted:
            self.injected = None
            return
        for path in self.folder.glob("filler"):
            path.unlink()
        for path in self.folder.glob("crumb*"):
            path.unlink()

    def lock(self) -> None:
        """The folder becomes read-only."""
        if self.mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(self.folder)], check=True,
                           timeout=10)
        elif chmod_stops_writes(self.folder):
            self.folder.chmod(0o500)
        else:
            self.injected = errno.EACCES

    def unlock(self) -> None:
        if self.mounted:
            subprocess.run(["mount", "-o", "remount,rw", str(self.folder)], check=True,
                           timeout=10)
        else:
            self.folder.chmod(0o700)
            self.injected = None

    def close(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.folder)], capture_output=True, timeout=10)
            self.mounted = False
        else:
            self.folder.chmod(0o700)


@pytest.fixture
def place(tmp_path, monkeypatch):
    spot = Place(tmp_path / "saves", monkeypatch)
    yield spot
    spot.close()
