"""An upload written to disk as it arrives: each file hashed on the way, the total capped.

Multipart forms (the upload page) and raw bodies (the API) are read chunk by chunk from the
request stream, so a whole export never sits in memory; a body past the cap stops at the
byte that crossed it and leaves nothing behind.
"""

import hashlib
import os
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from fastapi import Request
from python_multipart.multipart import MultipartParser, parse_options_header

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks

MAX_FILES = 1000
"""Files in one upload (a whole history is better sent as its export zip)."""
MAX_FIELD_BYTES = 4096
UPLOAD_CEILING = 2**50
"""The framework's own body limit on upload routes: they count the bytes themselves."""
UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


class UploadRefused(Exception):
    """An upload that cannot be taken, with its status and a sentence saying why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Staged:
    """One file of an upload, on disk in the staging folder."""

    name: str
    path: Path
    sha256: str
    size_bytes: int


@dataclass(slots=True)
class StagedUpload:
    """What an upload held: its plain fields and its files."""

    fields: dict[str, str] = field(default_factory=dict)
    files: list[Staged] = field(default_factory=list)

    @property
    def size_bytes(self) -> int:
        """All the files together."""
        return sum(file.size_bytes for file in self.files)

    def discard(self) -> None:
        """Remove every staged file (the upload was refused, or its files were kept)."""
        for file in self.files:
            file.path.unlink(missing_ok=True)


def too_large(cap_bytes: int) -> UploadRefused:
    """The refusal of an upload past the cap, naming the cap and the setting."""
    return UploadRefused(
        413,
        f"this upload is larger than the limit of {cap_bytes / 1024**2:,.0f} MB "
        "(BACKSTRIDE_MAX_UPLOAD_MB); send the files in smaller batches",
    )


def safe_name(name: str) -> str:
    """A file name as sent, without folders or control characters (its ending says its kind)."""
    base = UNSAFE.sub("", name.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    return base[-200:] or "upload"


def _declared_length(request: Request, cap_bytes: int) -> None:
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > cap_bytes:
        raise too_large(cap_bytes)


class _File:
    """A staged file being written: its stream and running digest."""

    def __init__(self, folder: Path, name: str) -> None:
        self.name = name
        self.path = folder / f"{uuid.uuid4().hex}.part"
        self.stream: BinaryIO = self.path.open("xb")
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.stream.write(data)
        self.digest.update(data)
        self.size += len(data)

    def close(self) -> Staged:
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        return Staged(self.name, self.path, self.digest.hexdigest(), self.size)


async def stage_body(request: Request, folder: Path, cap_bytes: int, name: str) -> StagedUpload:
    """A raw body (one file's bytes) written to the staging folder."""
    _declared_length(request, cap_bytes)
    upload = StagedUpload()
    file = _File(folder, safe_name(name))
    try:
        async for chunk in request.stream():
            file.write(chunk)
            if file.size > cap_bytes:
                raise too_large(cap_bytes)
    except BaseException:
        file.stream.close()
        file.path.unlink(missing_ok=True)
        raise
    upload.files.append(file.close())
    return upload


async def stage_form(request: Request, folder: Path, cap_bytes: int) -> StagedUpload:
    """A multipart form's files written to the staging folder, its small fields kept."""
    _declared_length(request, cap_bytes)
    kind, options = parse_options_header(request.headers.get("content-type", ""))
    if kind != b"multipart/form-data" or b"boundary" not in options:
        raise UploadRefused(415, "send the files as a multipart/form-data form")
    reader = _FormReader(folder)
    parser = MultipartParser(options[b"boundary"], reader.callbacks())
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > cap_bytes:
                raise too_large(cap_bytes)
            parser.write(chunk)
        parser.finalize()
        reader.check_complete()
    except BaseException as error:
        reader.abandon()
        if isinstance(error, UploadRefused):
            raise
        if isinstance(error, Exception):
            raise UploadRefused(400, f"the form could not be read ({error})") from error
        raise
    return reader.upload


class _FormReader:
    """The multipart parser's callbacks: headers of each part, then its data to a file or field."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.upload = StagedUpload()
        self._header = b""
        self._value = b""
        self._headers: dict[bytes, bytes] = {}
        self._file: _File | None = None
        self._field: tuple[str, bytearray] | None = None
        self._ended = False
        self._blank = False

    def callbacks(self) -> "MultipartCallbacks":
        return {
            "on_part_begin": self._begin,
            "on_header_field": self._header_field,
            "on_header_value": self._header_value,
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_done,
            "on_part_data": self._data,
            "on_part_end": self._part_end,
            "on_end": self._end,
        }

    def _begin(self) -> None:
        self._headers = {}

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._header += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _header_end(self) -> None:
        self._headers[self._header.lower()] = self._value
        self._header, self._value = b"", b""

    def _headers_done(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        name = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in options:
            if len(self.upload.files) >= MAX_FILES:
                raise UploadRefused(413, f"more than {MAX_FILES} files in one upload: send a zip")
            filename = options[b"filename"].decode("utf-8", "replace")
            self._blank = not filename
            self._file = _File(self.folder, safe_name(filename))
        else:
            self._field = (name, bytearray())

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self._file is not None:
            self._file.write(data[start:end])
        elif self._field is not None:
            self._field[1].extend(data[start:end])
            if len(self._field[1]) > MAX_FIELD_BYTES:
                raise UploadRefused(413, f"the field {self._field[0]!r} is too long")

    def _part_end(self) -> None:
        if self._file is not None:
            staged = self._file.close()
            self._file = None
            if staged.size_bytes == 0 and self._blank:
                staged.path.unlink(missing_ok=True)  # the file input was left empty
            else:
                self.upload.files.append(staged)
        elif self._field is not None:
            name, value = self._field
            self.upload.fields[name] = value.decode("utf-8", "replace")
            self._field = None

    def _end(self) -> None:
        self._ended = True

    def check_complete(self) -> None:
        if not self._ended:
            raise UploadRefused(400, "the form ended before its last part: send it again")

    def abandon(self) -> None:
        if self._file is not None:
            self._file.stream.close()
            self._file.path.unlink(missing_ok=True)
        self.upload.discard()
