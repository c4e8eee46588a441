"""A generated stress set: sentences of the shapes that make parse-tree walks deep or long.

Each shape is a class of real sentences pushed to its extreme: pronoun and possessive chains,
coordinated subjects with possessives ("Russia and its allies"), appositions, quotes within
quotes, nested prepositional phrases, 300-word sentences and lists of 50 names. The texts are
built from a few actors and verbs in every combination, so that no one sentence is tuned for.
"""

from __future__ import annotations

import itertools

COUNTRIES = ["Russia", "Japan", "China", "France", "Germany", "Brazil", "Kenya", "India"]
VERBS = ["condemned", "criticized", "praised", "accused", "met", "threatened"]
PRONOUN_HEADS = [
    "its allies",
    "their delegation",
    "his government",
    "her ministry",
    "its foreign minister's deputy",
    "the head of their delegation",
    "their leaders' spokesmen",
]
# Whole sentences reported to crash coders of this kind (and the CAMEO manual's examples of
# their shape).
KNOWN_SHAPES = [
    "Russia and its allies condemned Japan.",
    "The head of their delegation criticized Japan.",
    "Rwandan rebels announced that President Kagame and his Rwandan Patriotic Front must agree "
    "to major constitutional changes before they demobilize.",
    "Israeli Prime Minister Ariel Sharon wants Germany to pay more compensation to the families "
    "of 11 Israeli athletes killed by Palestinian gunmen at the 1972 Munich Olympics.",
    "They said their allies and its partners had condemned them.",
    "It said it would ask its allies to tell their governments that they must help it.",
    "Argentina signed an agreement with Brazil on Tuesday night.",
    "Argentina signed an agreement with Brazil on Tuesday night and on Tuesday night again.",
]


def pronoun_chains() -> list[str]:
    """ "France and its allies condemned Japan." and every mix of pronoun heads."""
    texts = []
    for (a, b), head, verb in itertools.product(
        itertools.permutations(COUNTRIES[:4], 2), PRONOUN_HEADS, VERBS[:3]
    ):
        texts.append(f"{a} and {head} {verb} {b}.")
        texts.append(f"{head.capitalize()} and {a} {verb} {b}, {head} said.")
        texts.append(f"{a} said that {head} and {b} {verb} {head}.")
    return texts


def possessive_chain(length: int) -> str:
    owners = "'s ".join(["Russia", *(["minister", "deputy", "aide"] * length)][: length + 1])
    return f"{owners} condemned Japan and its allies' partners' envoys."


def appositions(length: int) -> str:
    names = ", ".join(f"the envoy of {COUNTRIES[k % len(COUNTRIES)]}" for k in range(length))
    return f"Mr. Cheng, {names}, criticized Japan."


def quotes_in_quotes(depth: int) -> str:
    text = "we condemn Japan"
    for k in range(depth):
        country = COUNTRIES[k % len(COUNTRIES)]
        if k % 2:
            text = f"“{country} said ‘{text}’,” its minister said"
        else:
            text = f"“{text}”, {country} said"
    return text + "."


def nested_of(count: int) -> str:
    """ "the head of the office of the office of ..." (three tokens a step)."""
    return "The head " + "of the office " * count + "condemned Japan."


def long_sentence(words: int) -> str:
    parts = []
    for k in itertools.count():
        a, b = COUNTRIES[k % len(COUNTRIES)], COUNTRIES[(k + 3) % len(COUNTRIES)]
        parts.append(f"{a} {VERBS[k % len(VERBS)]} {b} while its allies watched")
        if sum(len(p.split()) for p in parts) >= words:
            break
    return ", and ".join(parts) + "."


def name_list(count: int) -> str:
    names = [f"{c} {k}" for k, c in zip(range(count), itertools.cycle(COUNTRIES), strict=False)]
    listed = ", ".join(COUNTRIES[k % len(COUNTRIES)] for k in range(count))
    return f"{listed} and their allies condemned {', '.join(names[:5])} and Japan."


def verb_chain(count: int) -> str:
    """A subject shared by a long chain of coordinated and controlled predicates."""
    verbs = " and ".join(f"tried to {v}" for v in ["condemn", "criticize", "praise"] * count)
    return f"Russia said it {verbs} Japan."


def stress_texts() -> list[tuple[str, str]]:
    """(id, text) of every stress sentence."""
    texts = list(KNOWN_SHAPES) + pronoun_chains()
    texts += [possessive_chain(n) for n in (1, 5, 20, 60)]
    texts += [appositions(n) for n in (1, 5, 30)]
    texts += [quotes_in_quotes(n) for n in (2, 5, 12)]
    texts += [nested_of(n) for n in (10, 100, 700)]  # 700 steps: a 2,100-token sentence
    texts += [long_sentence(n) for n in (50, 300)]
    texts += [name_list(n) for n in (10, 50)]
    texts += [verb_chain(n) for n in (3, 30, 60)]
    return [(f"stress-{k}", text) for k, text in enumerate(texts)]
