"""Command line for gluteutils: ``python -m gluteutils --help``."""

from __future__ import annotations

import argparse
import sys

from .data_docs import data_readme
from .errors import GluteutilsError
from .library import data_dir, load_all
from .plan_command import add_plan_parser


def _check_data(_: argparse.Namespace) -> int:
    tables = load_all()
    for name, frame in tables.items():
        print(f"{name}: {len(frame)} rows OK")
    print(f"all data files in {data_dir()} are valid")
    return 0


def _data_docs(_: argparse.Namespace) -> int:
    sys.stdout.write(data_readme())
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for ``python -m gluteutils``.

    Returns
    -------
    argparse.ArgumentParser
        The parser, with one sub-command per task.
    """
    parser = argparse.ArgumentParser(
        prog="python -m gluteutils",
        description="Tools of the Glutes for Runners curriculum.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check-data", help="validate every shipped data file")
    check.set_defaults(func=_check_data)
    docs = sub.add_parser("data-docs", help="print data/README.md (the data schemas) to stdout")
    docs.set_defaults(func=_data_docs)
    add_plan_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name; defaults to ``sys.argv[1:]``.

    Returns
    -------
    int
        Exit status: 0 on success, 1 when a command fails with a gluteutils error.
    """
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except GluteutilsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
