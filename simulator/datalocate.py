"""Finding a data set's files again when they are not where its reference says.

A network file names its data files (``DatasetRef.paths``); moved to another machine, or
an example whose data is not bundled (MNIST), it opens without them.  :func:`locate`
looks in a folder the user picks for the files the reference needs, by name, and
returns the reference pointing there.  It only tests names (one ``stat`` each): reading
and checking the files is the readers' work, within their limits.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from .i18n import translate
from .project import DatasetRef
from .safetext import quote, shorten

#: MNIST's standard file names (Yann LeCun's site, Fashion-MNIST, Debian's packages),
#: each found plain or gzipped: the training images and labels, then the test pair.
MNIST_NAMES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
               "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")


def locate(reference: DatasetRef, chosen: str | os.PathLike) -> DatasetRef:
    """``reference`` with its files found in the folder ``chosen`` (or the folder of
    the file ``chosen``), as absolute paths.  MNIST takes its standard names (the
    reference's own names first) and, when both are there, the t10k pair as its test
    set; a CSV file is found by its name, or is the file ``chosen``.  ValueError, one
    line naming the folder and the names looked for, when they are not there."""
    if not reference.paths:
        raise ValueError(translate("simulator.datalocate", "the data set {name} is built in: "
                                   "there are no files to locate").format(
            name=quote(reference.name)))
    chosen = Path(os.path.abspath(chosen))
    folder = chosen if chosen.is_dir() else chosen.parent
    if reference.name == "mnist":
        return _locate_mnist(reference, folder)
    names = [_stem(reference.paths[0])]
    found = _find(folder, names)
    if found is None and chosen.is_file():
        found = str(chosen)   # the user pointed at the file itself, renamed since
    if found is None:
        raise ValueError(_not_found(folder, [names]))
    return replace(reference, paths=(found,))


def missing_files(reference: DatasetRef | None, base_dir=None) -> list[str]:
    """The files ``reference`` names (relative ones from ``base_dir``) that are not
    regular files there: a cheap check, before anything is read."""
    paths = () if reference is None else reference.paths
    return [path for path in paths if not os.path.isfile(Path(base_dir or ".", path))]


def _locate_mnist(reference: DatasetRef, folder: Path) -> DatasetRef:
    """The training pair (required) and the test pair (when both are there), each file
    by the reference's own name, else by MNIST's."""
    own = [_stem(path) for path in reference.paths]
    wanted = [list(dict.fromkeys(own[k:k + 1] + [standard]))
              for k, standard in enumerate(MNIST_NAMES)]
    found = [_find(folder, names) for names in wanted]
    if None in found[:2]:
        raise ValueError(_not_found(folder, [names for names, path in
                                             zip(wanted, found[:2]) if path is None]))
    paths = tuple(found) if None not in found else tuple(found[:2])
    fraction = 0.0 if len(paths) == 4 else reference.test_fraction
    return replace(reference, paths=paths, test_fraction=fraction)


def _stem(path: str) -> str:
    """A file's name without its folder and without .gz."""
    return Path(path).name.removesuffix(".gz")


def _find(folder: Path, names: list[str]) -> str | None:
    """The first of ``names`` (each as it is, then with .gz) that is a regular file in
    ``folder``, as an absolute path; None when none is."""
    for name in names:
        for candidate in (name, name + ".gz"):
            path = folder / candidate
            if os.path.isfile(path):
                return str(path)
    return None


def _not_found(folder: Path, missing: list[list[str]]) -> str:
    """One line: the folder, and for each file missing the names looked for."""
    either = translate("simulator.datalocate", "{first} or {second}")
    both = translate("simulator.datalocate", "{first} and {second}")
    listed = _joined([_joined([quote(name + "[.gz]") for name in names], either)
                      for names in missing], both)
    return translate("simulator.datalocate", "{folder}: no {files} in this folder").format(
        folder=shorten(str(folder), 160), files=listed)


def _joined(items: list[str], pair: str) -> str:
    """``items`` joined by ``pair`` ("{first} or {second}"), from the left."""
    text = items[0]
    for item in items[1:]:
        text = pair.format(first=text, second=item)
    return text
