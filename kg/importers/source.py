"""Dataset files read as bounded streams: plain or zipped, line by line, never whole.

`members(path)` gives each part of a file to read: the file itself, or every member of a zip
(an encrypted, nested-zip or unreadable member is refused by name, the others are still read).
`Lines` reads a member's lines as UTF-8 text, at most `MAX_LINE` bytes each: a longer line or one
that is not UTF-8 becomes an error for that line (the rest of the line is skipped unread into
memory), so memory stays bounded whatever the file holds.
"""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

from ..errors import InputError

__all__ = ["MAX_LINE", "Member", "members", "open_member", "Lines"]

MAX_LINE = 1 << 20  # bytes of one line: ACLED's longest rows are a few kB, GDELT's under 2 kB
_PIECE = 1 << 16


class Member:
    """One readable part of a dataset file: `name` for messages, `open()` for its bytes."""

    def __init__(self, name: str, opener):
        self.name, self._opener = name, opener

    def open(self) -> BinaryIO:
        """The member's bytes, as a binary stream."""
        return self._opener()


def members(path: str | Path) -> Iterator[Member | InputError]:
    """The parts of `path` to read, in order; each refused zip member as an InputError naming it."""
    path = Path(path)
    if path.suffix.lower() != ".zip":
        if not path.is_file():
            raise InputError("no such file", path=str(path))
        yield Member(str(path), lambda: path.open("rb"))
        return
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise InputError(f"not a readable zip file: {exc}", path=str(path)) from None
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if not infos:
            raise InputError("empty zip file", path=str(path))
        for info in infos:
            where = f"{path}!{info.filename}"
            if info.flag_bits & 0x1:
                yield InputError("encrypted zip member; decrypt the archive first, it was not read", path=where)
            elif info.filename.lower().endswith(".zip"):
                yield InputError("a zip inside the zip; unpack it first, it was not read", path=where)
            elif info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                                            zipfile.ZIP_LZMA):
                yield InputError(f"zip member compressed with method {info.compress_type}, which cannot be "
                                 "read; it was not read", path=where)
            else:
                yield Member(where, lambda info=info: archive.open(info))


class Lines:
    """(line number, text, error) of each line of a binary stream; `error` is None or a ValueError.

    A line that is not UTF-8 keeps its text (undecodable bytes as surrogate escapes, so that its
    commas and quotes still count for CSV), with the error naming the byte; a line over
    `max_line` bytes is skipped unread (its text a bare newline). Reading errors of the stream
    itself (a corrupt zip member) end the iteration with an InputError naming `name`.
    """

    def __init__(self, stream: BinaryIO, name: str, *, max_line: int = MAX_LINE):
        self.stream, self.name, self.max_line = stream, name, max_line

    def _readline(self, size: int) -> bytes:
        try:
            return self.stream.readline(size)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError) as exc:
            raise InputError(f"reading stopped, the file is damaged: {exc}", path=self.name) from None

    def __iter__(self) -> Iterator[tuple[int, str, ValueError | None]]:
        number = 0
        while True:
            raw = self._readline(self.max_line + 1)
            if not raw:
                return
            number += 1
            if len(raw) > self.max_line and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line, a piece at a time
                    raw = self._readline(_PIECE)
                yield number, "\n", ValueError(f"line longer than {self.max_line:,} bytes; it was not read")
                continue
            encoding = "utf-8-sig" if number == 1 else "utf-8"
            try:
                yield number, raw.decode(encoding), None
            except UnicodeDecodeError as exc:
                yield number, raw.decode(encoding, errors="surrogateescape"), ValueError(
                    f"not UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at column {exc.start + 1})")


def open_member(member: Member) -> BinaryIO:
    """Open `member`, with an InputError naming it when it cannot be opened."""
    try:
        return member.open()
    except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError) as exc:
        raise InputError(f"cannot read: {exc}", path=member.name) from None
