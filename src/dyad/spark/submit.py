"""Run `dyad spark code` or `dyad spark merge` under spark-submit.

spark-submit takes a Python file, not a console script; this file is it, with the arguments
of `dyad spark` (the master and resources come from spark-submit's own options):

    spark-submit --master local[2] src/dyad/spark/submit.py code news.jsonl out/
    spark-submit --master local[2] src/dyad/spark/submit.py merge out/ events/
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    """Run `dyad spark ARGS...`, turning dyad errors into one-line messages."""
    from dyad.cli import main as dyad_main

    sys.argv = ["dyad", "spark", *(sys.argv[1:] if argv is None else argv)]
    dyad_main()


if __name__ == "__main__":
    main()
