"""ImportFailure: an activity file that cannot be read, with a sentence a runner can act on."""

from backstride.errors import BackstrideError


class ImportFailure(BackstrideError):
    """An activity file could not be imported; the message says what is wrong with it."""


class NotAnActivity(ImportFailure):
    """A readable file that holds something else (a workout, settings, monitoring data)."""
