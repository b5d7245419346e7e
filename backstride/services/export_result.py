"""The export document as a result shape: the versioned header and every table's rows.

A backup file holds exactly this document (services/portability.py writes it); a restore reads
the file as a plain object, so exports written before this model read the same.
"""

from datetime import datetime
from typing import Any, Final, Literal

from backstride.services.result_model import IsoMoment, ResultModel

EXPORT_FORMAT: Final = "backstride-export"
EXPORT_VERSION: Final = 1


class ExportResult(ResultModel):
    """Everything one user owns: format and version first, when, then the rows table by table."""

    format: Literal["backstride-export"]
    version: Literal[1]
    exported_at: IsoMoment
    tables: dict[str, list[dict[str, Any]]]


def export_result(exported_at: datetime, tables: dict[str, list[dict[str, Any]]]) -> ExportResult:
    """The export document for these rows, stamped with the moment it was made."""
    return ExportResult(
        format=EXPORT_FORMAT, version=EXPORT_VERSION, exported_at=exported_at, tables=tables
    )
