"""Timestamps in activity files: ISO 8601 text (Z, offset or none) to UTC-aware datetimes."""

from datetime import UTC, datetime

from backstride.importers.failure import ImportFailure


def parse_utc(text: str) -> datetime:
    """An ISO 8601 time as an aware UTC datetime; a time without a zone is taken as UTC."""
    try:
        parsed = datetime.fromisoformat(text.strip())
        if parsed.tzinfo is UTC:  # 'Z', by far the most common: nothing to convert
            return parsed
        if parsed.tzinfo is None:
            # GPX and TCX both define their times as UTC; some writers just omit the 'Z'.
            return parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError) as exc:
        raise ImportFailure(f"the time {text.strip()!r} is not an ISO 8601 time") from exc


def local_offset_min(text: str) -> int | None:
    """The local UTC offset a time was written with, in minutes; None for 'Z' or no zone."""
    stripped = text.strip()
    if stripped.upper().endswith("Z"):
        return None
    try:
        offset = datetime.fromisoformat(stripped).utcoffset()
    except ValueError:
        return None
    return None if offset is None else round(offset.total_seconds() / 60)
