"""The base of every result shape: frozen, no unknown fields, the same for CLI and API."""

from pydantic import BaseModel, ConfigDict


class ResultModel(BaseModel):
    """A service result as `--json` prints it and the REST API will return it."""

    model_config = ConfigDict(frozen=True, extra="forbid")
