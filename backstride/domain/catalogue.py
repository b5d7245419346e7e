"""The exercise catalogue: loading the packaged TOML files, lookups, filters and ladders."""

import difflib
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable

from pydantic import ValidationError

from backstride.domain.exercise import Exercise
from backstride.domain.patterns import Pattern
from backstride.errors import DataError, UnknownName

UNIVERSAL_STOP_SIGNS: tuple[tuple[str, str], ...] = (
    (
        "Pain in your back climbs above 5 out of 10 while you exercise.",
        "DOMAIN.md 2.4",
    ),
    (
        "Pain, tingling or numbness spreads into a leg, further down a leg, or into both legs.",
        "DOMAIN.md 2.4",
    ),
    (
        "New numbness between the legs, trouble passing urine or new leg weakness: "
        "stop and seek help the same day.",
        "DOMAIN.md 2.1.2",
    ),
)


@dataclass(frozen=True, slots=True)
class Rung:
    """One place on a ladder: the level id and the exercise family it belongs to."""

    level_id: str
    exercise: Exercise

    @property
    def name(self) -> str:
        """The human name of this rung."""
        for level in self.exercise.ladder:
            if level.id == self.level_id:
                return level.name
        return self.exercise.name


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Every exercise, checked as a whole: ids unique, links resolved, ladders acyclic."""

    exercises: tuple[Exercise, ...]
    _by_id: dict[str, Exercise] = field(init=False, repr=False)
    _rungs: dict[str, Rung] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Exercise] = {}
        rungs: dict[str, Rung] = {}
        families: set[str] = set()
        for exercise in self.exercises:
            if exercise.id in by_id:
                raise DataError(f"exercise id {exercise.id!r} appears twice")
            if exercise.family in families:
                raise DataError(f"family {exercise.family} has more than one file")
            families.add(exercise.family)
            by_id[exercise.id] = exercise
            for level_id in exercise.level_ids:
                if level_id in rungs:
                    raise DataError(f"ladder level id {level_id!r} appears twice")
                rungs[level_id] = Rung(level_id, exercise)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_rungs", rungs)
        self._check_links()

    def _check_links(self) -> None:
        for exercise in self.exercises:
            for link, back in (
                ("progresses_to", "regresses_to"),
                ("regresses_to", "progresses_to"),
            ):
                target_id = getattr(exercise, link)
                if target_id is None:
                    continue
                target = self._by_id.get(target_id)
                if target is None:
                    raise DataError(f"{exercise.id}: {link} names unknown exercise {target_id!r}")
                if getattr(target, back) != exercise.id:
                    raise DataError(
                        f"{exercise.id} {link} {target_id}, but {target_id}.{back} "
                        f"is {getattr(target, back)!r}: ladder links must pair up"
                    )
        for exercise in self.exercises:
            self.family_chain(exercise.id)

    def get(self, exercise_id: str) -> Exercise:
        """The exercise with this id or alias; unknown names raise with close matches."""
        wanted = exercise_id.strip().lower()
        if wanted in self._by_id:
            return self._by_id[wanted]
        for exercise in self.exercises:
            if wanted in (alias.lower() for alias in exercise.aliases):
                return exercise
            if wanted == exercise.name.lower():
                return exercise
        raise UnknownName(
            "exercise",
            exercise_id,
            self.suggestions(wanted),
            "the catalogue lists them all",
            hint="list_exercises",
        )

    def suggestions(self, wanted: str) -> list[str]:
        """Exercise ids whose id, name or alias is close to what was typed."""
        names: dict[str, str] = {}
        for exercise in self.exercises:
            for name in (exercise.id, exercise.name.lower(), *map(str.lower, exercise.aliases)):
                names.setdefault(name, exercise.id)
        close = difflib.get_close_matches(wanted, list(names), n=6, cutoff=0.6)
        contained = [name for name in names if len(wanted) >= 3 and wanted in name]
        ordered = dict.fromkeys(names[name] for name in [*close, *contained])
        return list(ordered)[:3]

    def rung(self, level_id: str) -> Rung:
        """The ladder rung with this level id."""
        try:
            return self._rungs[level_id]
        except KeyError:
            raise UnknownName(
                "ladder level", level_id, [], "use an exercise id or one of its ladder levels"
            ) from None

    def next_level(self, level_id: str) -> Rung | None:
        """The next harder rung: the next variation, else the next family's easiest one."""
        exercise = self.rung(level_id).exercise
        ids = exercise.level_ids
        position = ids.index(level_id)
        if position + 1 < len(ids):
            return self._rungs[ids[position + 1]]
        if exercise.progresses_to is None:
            return None
        return self._rungs[self._by_id[exercise.progresses_to].level_ids[0]]

    def previous_level(self, level_id: str) -> Rung | None:
        """The next easier rung: the previous variation, else the easier family's hardest one."""
        exercise = self.rung(level_id).exercise
        ids = exercise.level_ids
        position = ids.index(level_id)
        if position > 0:
            return self._rungs[ids[position - 1]]
        if exercise.regresses_to is None:
            return None
        return self._rungs[self._by_id[exercise.regresses_to].level_ids[-1]]

    def family_chain(self, exercise_id: str) -> list[Exercise]:
        """The families linked to this one, easiest first; a cycle is a data error."""
        start = self._by_id[exercise_id]
        chain = [start]
        seen = {start.id}
        for link in ("regresses_to", "progresses_to"):
            current = start
            while (next_id := getattr(current, link)) is not None:
                if next_id in seen:
                    raise DataError(f"ladder cycle through {next_id!r} ({link})")
                seen.add(next_id)
                current = self._by_id[next_id]
                if link == "regresses_to":
                    chain.insert(0, current)
                else:
                    chain.append(current)
        return chain

    def ladder(self, exercise_id: str) -> list[Rung]:
        """Every rung of the whole ladder this exercise sits on, easiest first."""
        return [
            self._rungs[level_id]
            for exercise in self.family_chain(self.get(exercise_id).id)
            for level_id in exercise.level_ids
        ]

    def select(
        self,
        *,
        owned: Iterable[str] | None = None,
        category: str | None = None,
        pattern: Pattern | None = None,
    ) -> list[Exercise]:
        """Exercises doable with the owned equipment, in a category, not avoided for a pattern."""
        owned_set = set(owned) if owned is not None else None
        return [
            exercise
            for exercise in self.exercises
            if (owned_set is None or exercise.needs_only(owned_set))
            and (category is None or exercise.category == category)
            and (pattern is None or exercise.patterns[pattern].fit != "avoid")
        ]


def read_exercise(source: Traversable) -> Exercise:
    """Parse and validate one exercise file; its file name must be its id."""
    try:
        raw = tomllib.loads(source.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"{source.name}: not valid TOML: {error}") from error
    try:
        exercise = Exercise.model_validate(raw)
    except ValidationError as error:
        raise DataError(f"{source.name}: {error}") from error
    if source.name != f"{exercise.id}.toml":
        raise DataError(f"{source.name}: the file name must be the id, {exercise.id}.toml")
    return exercise


def load_catalogue(directory: Traversable | None = None) -> Catalogue:
    """Read every exercise file (the packaged ones by default), ordered by family number."""
    folder = directory if directory is not None else files("backstride.data") / "exercises"
    exercise_files = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".toml")),
        key=lambda entry: entry.name,
    )
    exercises = sorted((read_exercise(entry) for entry in exercise_files), key=_family_order)
    return Catalogue(tuple(exercises))


def _family_order(exercise: Exercise) -> tuple[str, str]:
    return (exercise.family, exercise.id)
