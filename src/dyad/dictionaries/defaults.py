"""The dictionaries shipped with dyad, and loading them together with the user's own.

Which lines stop a load does not depend on where a file lies. The shipped defaults, PETRARCH's
published files (recognised by their content, `dyad.dictionaries.published`, wherever the
copy is) and every file of a lenient load (`lenient=True`: `dyad validate`) are read
leniently: a bad line is skipped and reported in `DictionarySet.problems` (and, for the files
the caller named, in `DictionarySet.warnings`, for the user to see). Other files the user
names (`dyad code --actors ...`) are read strictly: their first bad line is raised as a
DictionaryLineError. `dyad dict check` lists every bad line of any file. User files are
loaded before the shipped ones, so their entries win wherever the first entry wins (a verb
form, an agent, an actor's default code).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TypeVar

from dyad.dictionaries.actors import parse_actors
from dyad.dictionaries.agents import parse_agents
from dyad.dictionaries.discards import parse_discards
from dyad.dictionaries.model import ActorDictionary, AgentDictionary, DiscardList, VerbDictionary
from dyad.dictionaries.parsed import Parsed
from dyad.dictionaries.published import published_name
from dyad.dictionaries.verbs import parse_verbs
from dyad.errors import DictionaryError, DictionaryLineError

T = TypeVar("T")

PHOENIX_ACTORS = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
AGENTS_FILE = "Phoenix.agents.txt"
VERBS_FILE = "CAMEO.2.0.txt"
DISCARDS_FILE = "Phoenix.discards.txt"


def shipped_dir() -> Path:
    """The folder of the shipped dictionaries (`dyad/data/dictionaries`)."""
    return Path(str(resources.files("dyad").joinpath("data", "dictionaries")))


def unittest_dir() -> Path:
    """The folder of PETRARCH's validation suite (`dyad/data/petrarch-unittest`)."""
    return Path(str(resources.files("dyad").joinpath("data", "petrarch-unittest")))


def default_actor_files() -> list[Path]:
    """Shipped actor dictionaries: the maintained `dyad.*.actors.txt` first, then Phoenix.

    The first dated role that holds wins, so today's office holders must come before the
    2014 Phoenix lists, whose open-ended roles ("BARACK_OBAMA_ [USAGOV >090120]") went stale.
    """
    folder = shipped_dir()
    return [*sorted(folder.glob("dyad.*.actors.txt")), *(folder / n for n in PHOENIX_ACTORS)]


def default_agent_files() -> list[Path]:
    """Shipped agent dictionaries: the `dyad*.agents.txt` supplement, then Phoenix's."""
    folder = shipped_dir()
    return [*sorted(folder.glob("dyad*.agents.txt")), folder / AGENTS_FILE]


def default_verb_files() -> list[Path]:
    """Shipped verb dictionaries: the `dyad*.verbs.txt` supplement, then CAMEO.2.0.

    The supplement comes first so that its patterns win ties with CAMEO's; a verb with no
    matching pattern still takes the first non-null verb code of either file.
    """
    folder = shipped_dir()
    return [*sorted(folder.glob("dyad*.verbs.txt")), folder / VERBS_FILE]


def default_discard_files() -> list[Path]:
    """Shipped discard lists."""
    return [shipped_dir() / DISCARDS_FILE]


@dataclass
class DictionarySet:
    """Every dictionary the coder needs, merged, with the lines skipped in lenient files.

    `problems` holds every line skipped (the shipped defaults' known flaws included);
    `warnings` only those of the files the caller named, which the user should be told about.
    """

    actors: ActorDictionary
    agents: AgentDictionary
    verbs: VerbDictionary
    discards: DiscardList
    problems: list[DictionaryLineError] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    warnings: list[DictionaryLineError] = field(default_factory=list)


def _load(
    user: Sequence[Path],
    shipped: Sequence[Path],
    parse: Callable[[Path], Parsed[T]],
    problems: list[DictionaryLineError],
    warnings: list[DictionaryLineError],
    lenient: bool,
) -> list[tuple[Path, T]]:
    loaded = []
    for path in map(Path, user):
        parsed = parse(path)
        if parsed.problems and not lenient and published_name(path) is None:
            parsed.raise_first()
        problems.extend(parsed.problems)
        warnings.extend(parsed.problems)
        loaded.append((path, parsed.value))
    for path in shipped:
        parsed = parse(path)
        problems.extend(parsed.problems)
        loaded.append((path, parsed.value))
    return loaded


def _merge_verbs(loaded: list[tuple[Path, VerbDictionary]]) -> VerbDictionary:
    if not loaded:
        return VerbDictionary()
    first_path, first = loaded[0]
    merged = VerbDictionary(style=first.style)
    for path, verbs in loaded:
        if verbs.style != merged.style:
            raise DictionaryError(
                str(path),
                f"is a {verbs.style} verb dictionary, {first_path.name} is {first.style}",
                hint="PETRARCH-1 verb files must be loaded alone, with use_defaults=False",
            )
        merged.merge(verbs)
        merged.skipped_patterns += verbs.skipped_patterns
    return merged


def load_dictionaries(
    actors: Sequence[Path] = (),
    agents: Sequence[Path] = (),
    verbs: Sequence[Path] = (),
    discards: Sequence[Path] = (),
    use_defaults: bool = True,
    *,
    lenient: bool = False,
) -> DictionarySet:
    """Load the user's dictionaries and, unless disabled, the shipped ones.

    The user's files are read strictly (the first bad line is raised), unless `lenient` is
    set or a file is one of PETRARCH's published dictionaries: then each bad line is skipped
    and listed in `warnings`. The shipped files are always read leniently.
    """
    problems: list[DictionaryLineError] = []
    warnings: list[DictionaryLineError] = []

    def shipped(paths: Callable[[], list[Path]]) -> list[Path]:
        return paths() if use_defaults else []

    def load(user: Sequence[Path], defaults: Callable[[], list[Path]],
             parse: Callable[[Path], Parsed[T]]) -> list[tuple[Path, T]]:
        return _load(user, shipped(defaults), parse, problems, warnings, lenient)

    actor_parts = load(actors, default_actor_files, parse_actors)
    agent_parts = load(agents, default_agent_files, parse_agents)
    verb_parts = load(verbs, default_verb_files, parse_verbs)
    discard_parts = load(discards, default_discard_files, parse_discards)

    # Each parse returns fresh objects, so the first one can serve as the merge target.
    actor_dict = actor_parts[0][1] if actor_parts else ActorDictionary()
    for _, actor_part in actor_parts[1:]:
        actor_dict.merge(actor_part)
    agent_dict = agent_parts[0][1] if agent_parts else AgentDictionary()
    for _, agent_part in agent_parts[1:]:
        agent_dict.merge(agent_part)
    discard_list = discard_parts[0][1] if discard_parts else DiscardList()
    for _, discard_part in discard_parts[1:]:
        discard_list.merge(discard_part)
    files = [p for parts in (actor_parts, agent_parts, verb_parts, discard_parts)
             for p, _ in parts]
    return DictionarySet(
        actor_dict, agent_dict, _merge_verbs(verb_parts), discard_list, problems, files,
        warnings,
    )
