"""The CLI's words for what services say as data: a field as its flag, a hint as a command."""

from backstride.errors import BackstrideError, Hint, InvalidInput, UnknownName

HINT_COMMANDS: dict[Hint, str] = {
    "screen": "backstride screen",
    "screening_history": "backstride screen --history",
    "check_in": "backstride check-in",
    "list_exercises": "backstride exercises",
    "set_equipment": "backstride profile --equipment mat,ball,...",
    "set_run_days": "backstride profile --run-days mon:easy,thu:easy,sat:long (or plan --runs)",
    "import_runs": "backstride import FILES",
    "log_pain": "backstride pain SCORE",
    "count_cadence": "backstride cadence --count (or --steps N with a count you have)",
}
"""Every hint a service can give, as the command that takes the runner there."""

FIELD_FLAGS = {"reaches": "--where", "login": "login", "password": "password"}
"""Fields whose flag is not simply --FIELD (a login is a positional argument of `users`, and a
password is typed at a prompt: both are named as themselves)."""


def flag_of(field: str) -> str:
    """The option that sets a field, e.g. minutes -> --minutes, reaches -> --where."""
    return FIELD_FLAGS.get(field, "--" + field.replace("_", "-"))


def error_text(error: BackstrideError) -> str:
    """The error in the CLI's words: the field as its flag, then the next command, if any."""
    message = str(error)
    if isinstance(error, InvalidInput) and error.field:
        flag = flag_of(error.field)
        words = message.split(" ")
        if isinstance(error, UnknownName) and f"unknown {error.kind} " in message:
            message = message.replace(f"unknown {error.kind} ", f"unknown {flag} ", 1)
        elif error.field in words:
            words[words.index(error.field)] = flag
            message = " ".join(words)
        elif error.field.replace("_", " ") in message:
            message = message.replace(error.field.replace("_", " "), flag, 1)
        else:
            message = f"{flag}: {message}"
    if error.hint is not None:
        message += f"; next: {HINT_COMMANDS[error.hint]}"
    return message


def metronome_command(spm: int, minutes: int) -> str:
    """The command that writes a click track to practise a cadence with."""
    return f"backstride metronome --spm {spm} --minutes {minutes} -o click.wav"
