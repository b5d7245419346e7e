"""The base of every result shape: frozen, no unknown fields, the same for CLI and API."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, PlainSerializer


class ResultModel(BaseModel):
    """A service result as `--json` prints it and the REST API will return it."""

    model_config = ConfigDict(frozen=True, extra="forbid")


IsoMoment = Annotated[datetime, PlainSerializer(datetime.isoformat, return_type=str)]
"""A moment written by datetime.isoformat ('+00:00' for UTC, where pydantic writes 'Z'): for
the shapes that have always been written so (the screening history, the export's header)."""
