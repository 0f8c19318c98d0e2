"""Writing published files: copies or hard links, deterministic zips, and atomic swaps of whole directories."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def write_file(target: Path, content: bytes | Path, link: bool = False) -> None:
    """Bytes, or a copy of a source file (with `link`, a hard link where the file system allows one). A file
    already at target is replaced, never written into: it may be a hard link to a package's own file."""
    if link and isinstance(content, Path):
        try:
            os.link(content, target)
            return
        except FileExistsError:
            target.unlink()
            return write_file(target, content, link)
        except OSError:  # another file system, or none with hard links
            pass
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        target.unlink()
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as out:
        if isinstance(content, bytes):
            out.write(content)
        else:
            with open(content, "rb") as src:
                shutil.copyfileobj(src, out)


def zip_bytes(entries: Iterable[tuple[str, bytes]], level: int = 6) -> bytes:
    """A zip of (name, content) entries in the given order, with fixed timestamps and modes, so the same entries
    always give the same bytes. Entries that are zips already are stored, the rest deflated at `level`."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in entries:
            info = zipfile.ZipInfo(name, ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_STORED if name.endswith(".zip") else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, content, compresslevel=level)
    return buf.getvalue()


def write_zip(entries: Iterable[tuple[str, bytes]], target: Path, level: int = 6) -> None:
    """`zip_bytes` written to target through a temporary file, so a reader never sees half an archive."""
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(zip_bytes(entries, level))
    os.replace(tmp, target)


def world_readable(path: Path) -> None:
    """Directories 755 and files 644, whatever the umask and whatever created them (a temporary directory is 700):
    what is published is served by a web server running as another user."""
    if path.is_file():
        path.chmod(0o644)
        return
    path.chmod(0o755)
    for root, dirs, files in os.walk(path):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)


def swap_into(staging: Path, target: Path) -> None:
    """Replace target by the finished staging directory with two renames, so readers never see half of either."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
