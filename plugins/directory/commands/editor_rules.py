"""What the local editor may ask of decap-server: the rules ``editor_guard`` keeps.

decap-server (``theme/node_modules/decap-server``, "fs" mode) does what a
request asks anywhere inside the folder it edits, which is the repository's
root, as the editor's collections name their paths from there
(``content/services``): it would as readily write ``pelicanconf.py``,
``plugins/`` or ``.github/workflows/``. Its actions, and the paths each takes:

==================  ===============================  ============================
action              paths                            here
==================  ===============================  ============================
info                none                             passed on
entriesByFolder     ``folder`` (+ extension, depth)  a kind's folder, its suffix, depth 1
entriesByFiles      ``files[].path``                 entries
getEntry            ``path``                         an entry
persistEntry        ``entry``/``dataFiles[].path``,  entries; pictures;
                    ``.newPath``, ``assets[].path``  no ``newPath`` (see below)
getMedia            ``mediaFolder``                  the media folder
getMediaFile        ``path``                         a picture
persistMedia        ``asset.path``                   a picture
deleteFile(s)       ``path``, ``paths[]``            pictures only: the editor
                                                     deletes no entry (``delete: false``)
getDeployPreview    none (answers null)              passed on
anything else       (Git mode's editorial workflow)  refused
==================  ===============================  ============================

An entry is a file directly inside the folder of a kind the editor edits
(``cms.config.EDITABLE``, in ``repository_content_path``), with a suffix that
kind takes; a picture is one directly inside the editor's media folder
(``cms.config.MEDIA_FOLDER``), PNG, JPEG, GIF, WebP or AVIF (not SVG, which
can carry script). A file's name is letters, digits, ``.``, ``_`` and ``-``,
not starting with a dot, as the editor names files; so no path holds ``..``,
``//`` or a leading ``/``. Nothing on the way to a file, nor the file, may be
a link (decap-server follows links that stay inside the repository, so a link
in ``content/`` to ``pelicanconf.py`` would otherwise be written through), and
a file may have no second name (a hard link). ``newPath`` is refused: with it
decap-server moves every file in the entry's folder along with the entry, and
the editor's collections (no nested folders) never send it.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from ..cms.config import EDITABLE, MEDIA_FOLDER
from ..problems import DirectoryError
from ..reading.files import stem_and_suffix

PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")


class Refused(DirectoryError):
    """A request decap-server must not carry out; the message says why."""


@dataclass(frozen=True)
class Rules:
    root: Path  # the folder decap-server edits: the repository's root
    folders: dict[str, tuple[str, ...]]  # "content/services": the suffixes its entries take
    media: str  # the editor's media folder, from the root

    @classmethod
    def of(cls, root: Path, content_path: str) -> Rules:
        """The rules for the editor's collections, named as cms/config.py names them."""
        return cls(root, {f"{content_path}/{k.folder}": k.suffixes for k in EDITABLE}, MEDIA_FOLDER)


def check(rules: Rules, body) -> None:
    """Refused, saying why, unless ``body`` (a request, parsed) is one the editor may make."""
    if not isinstance(body, dict):
        raise Refused("a request to the editor's backend is a JSON object")
    action = body.get("action")
    if not isinstance(action, str) or action not in ACTIONS:
        raise Refused(f"{action!r} is not something the local editor does")
    params = body.get("params")
    ACTIONS[action](rules, params if isinstance(params, dict) else {})


def entry(rules: Rules, path) -> None:
    """``path`` names an entry of a kind the editor edits (or refused)."""
    folder, name = _split(path)
    suffixes = rules.folders.get(folder)
    if suffixes is None:
        raise Refused(f"{path!r} is not in a folder of entries ({', '.join(rules.folders)})")
    if not NAME.fullmatch(name) or stem_and_suffix(name)[1] not in suffixes:
        raise Refused(f"{path!r}: an entry in {folder}/ is a file named like name{' or name'.join(suffixes)}")
    _no_links(rules, path)


def picture(rules: Rules, path) -> None:
    """``path`` names a picture in the media folder (or refused)."""
    folder, name = _split(path)
    if folder != rules.media or not NAME.fullmatch(name) or stem_and_suffix(name)[1].lower() not in PICTURES:
        raise Refused(f"{path!r} is not a picture ({', '.join(PICTURES)}) in the media folder {rules.media}/")
    _no_links(rules, path)


def _split(path) -> tuple[str, str]:
    if not isinstance(path, str):
        raise Refused(f"a path is missing, or is not text: {path!r}")
    folder, _, name = path.rpartition("/")
    return folder, name


def _no_links(rules: Rules, path: str, folder: bool = False) -> None:
    """Each part of ``path`` that exists is a folder, not a link, and so is its end unless
    that is a file, which must be an ordinary file with one name. What does not exist
    yet decap-server makes (folders, then the file): nothing to follow there."""
    here, parts = rules.root, path.split("/")
    for number, part in enumerate(parts, 1):
        here = here / part
        try:
            info = os.lstat(here)
        except FileNotFoundError:
            return
        except OSError as err:
            raise Refused(f"{path!r}: {part} cannot be checked ({err.strerror})") from None
        if stat.S_ISLNK(info.st_mode):
            raise Refused(f"{path!r}: {'/'.join(parts[:number])} is a link, which the editor never follows")
        if number < len(parts) or folder:
            if not stat.S_ISDIR(info.st_mode):
                raise Refused(f"{path!r}: {'/'.join(parts[:number])} is not a folder")
        elif not stat.S_ISREG(info.st_mode) or info.st_nlink > 1:
            raise Refused(f"{path!r} is not an ordinary file with one name (a device, or a hard link)")


def _items(value, what: str) -> list:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise Refused(f"{what} is a list of objects")
    return value


def _nothing(rules: Rules, params: dict) -> None:
    """info, getDeployPreview: no path, nothing written."""


def _entries_by_folder(rules: Rules, params: dict) -> None:
    folder = params.get("folder")
    suffixes = rules.folders.get(folder) if isinstance(folder, str) else None
    if suffixes is None:
        raise Refused(f"{folder!r} is not a folder of entries ({', '.join(rules.folders)})")
    if params.get("extension") not in [suffix.lstrip(".") for suffix in suffixes]:
        raise Refused(f"the entries of {folder}/ end in {' or '.join(suffixes)}")
    if params.get("depth") != 1 or isinstance(params.get("depth"), bool):
        raise Refused(f"only the files directly in {folder}/ are entries (depth 1)")
    _no_links(rules, folder, folder=True)


def _entries_by_files(rules: Rules, params: dict) -> None:
    for item in _items(params.get("files"), "files"):
        entry(rules, item.get("path"))


def _get_entry(rules: Rules, params: dict) -> None:
    entry(rules, params.get("path"))


def _persist_entry(rules: Rules, params: dict) -> None:
    files = _items(params.get("dataFiles", []), "dataFiles")
    if "entry" in params:  # the older form, which decap-server still writes
        files = [*files, *_items([params["entry"]], "entry")]
    if not files:
        raise Refused("persistEntry names no file to write")
    for item in files:
        if "newPath" in item:
            raise Refused("the editor does not move entries (newPath): decap-server would move their neighbours too")
        entry(rules, item.get("path"))
    for asset in _items(params.get("assets", []), "assets"):
        picture(rules, asset.get("path"))


def _get_media(rules: Rules, params: dict) -> None:
    if params.get("mediaFolder") != rules.media:
        raise Refused(f"{params.get('mediaFolder')!r} is not the media folder {rules.media}/")
    _no_links(rules, rules.media, folder=True)


def _get_media_file(rules: Rules, params: dict) -> None:
    picture(rules, params.get("path"))


def _persist_media(rules: Rules, params: dict) -> None:
    asset = params.get("asset")
    picture(rules, asset.get("path") if isinstance(asset, dict) else None)


def _delete(paths: list, rules: Rules) -> None:
    if not paths:
        raise Refused("deleteFiles names no file")
    for path in paths:
        if isinstance(path, str) and path.rpartition("/")[0] in rules.folders:
            raise Refused(f"{path!r}: the editor deletes no entries; remove the file in Git, in a pull request")
        picture(rules, path)


def _delete_file(rules: Rules, params: dict) -> None:
    _delete([params.get("path")], rules)


def _delete_files(rules: Rules, params: dict) -> None:
    paths = params.get("paths")
    _delete(paths if isinstance(paths, list) else [None], rules)


ACTIONS = {
    "info": _nothing,
    "entriesByFolder": _entries_by_folder,
    "entriesByFiles": _entries_by_files,
    "getEntry": _get_entry,
    "persistEntry": _persist_entry,
    "getMedia": _get_media,
    "getMediaFile": _get_media_file,
    "persistMedia": _persist_media,
    "deleteFile": _delete_file,
    "deleteFiles": _delete_files,
    "getDeployPreview": _nothing,
}
