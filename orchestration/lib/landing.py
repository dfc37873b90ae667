"""Landing: group a source's input files into dated snapshots and copy them, unchanged, into
``<data dir>/raw/<source>/<as_of>/`` with a manifest.

Every input mode (bundled sample, a user's folder, a live fetch) ends here, so everything after
landing follows one code path and can be replayed from the raw folder alone.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from orchestration.lib.errors import SourceFormatError, TumenConfigError

MANIFEST = "manifest.json"
# Files a person leaves beside data: never mistaken for source files.
IGNORED_NAMES = {"README", "README.md", "README.txt", MANIFEST, "LICENSE", ".DS_Store"}
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})[-_]?(\d{2})[-_]?(\d{2})(?!\d)")

Classifier = Callable[[Path], "str | None"]
PublisherDate = Callable[[Path, str], "date | None"]


@dataclass(frozen=True)
class InputFile:
    role: str
    path: Path
    origin: str  # where it came from: an absolute path or a URL
    fetched_at: str | None = None
    last_modified: str | None = None  # the server's Last-Modified, when fetched live


@dataclass
class PendingSnapshot:
    source: str
    as_of: date
    as_of_basis: str
    files: list[InputFile] = field(default_factory=list)


@dataclass(frozen=True)
class LandedFile:
    name: str
    role: str
    sha256: str
    bytes: int
    origin: str
    fetched_at: str

    @property
    def as_dict(self) -> dict:
        return self.__dict__.copy()


@dataclass
class LandedSnapshot:
    source: str
    as_of: date
    as_of_basis: str
    folder: Path
    files: list[LandedFile]
    dataset: str
    new_files: int = 0  # how many files this landing copied in (0 when all were already landed)

    def paths_by_role(self) -> dict[str, list[Path]]:
        by_role: dict[str, list[Path]] = {}
        for f in sorted(self.files, key=lambda f: f.name):
            by_role.setdefault(f.role, []).append(self.folder / f.name)
        return by_role

    @property
    def fingerprint(self) -> str:
        """Changes when any file of the snapshot changes: drives idempotent reloads."""
        digest = hashlib.sha256()
        for f in sorted(self.files, key=lambda f: f.name):
            digest.update(f"{f.name}:{f.sha256}\n".encode())
        return digest.hexdigest()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def date_in_name(path: Path) -> date | None:
    for match in _DATE_IN_NAME.finditer(path.name):
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
    return None


def _is_ignored(path: Path) -> bool:
    return path.name in IGNORED_NAMES or path.name.startswith(".")


def discover(
    source: str,
    folder: Path,
    classify: Classifier,
    publisher_as_of: PublisherDate,
) -> list[PendingSnapshot]:
    """Group the files under ``folder`` into snapshots, oldest first.

    A snapshot's date comes, in order of trust, from a ``YYYY-MM-DD`` sub-folder name, a date in
    the file name, the publisher's own date inside the file, or the file's modification time.
    The basis is recorded in the manifest so nobody mistakes a guess for a publication date.
    """
    if not folder.is_dir():
        raise TumenConfigError(f"{source}: input folder {folder} does not exist")
    grouped: dict[date, PendingSnapshot] = {}

    def add(path: Path, as_of: date, basis: str) -> None:
        role = classify(path)
        if role is None:
            raise SourceFormatError(
                path, f"not a recognised {source} file (see orchestration/defs/sources/{source}/README.md)"
            )
        snap = grouped.setdefault(as_of, PendingSnapshot(source, as_of, basis))
        # The weakest basis wins so the manifest never overstates certainty.
        if _BASIS_RANK[basis] > _BASIS_RANK[snap.as_of_basis]:
            snap.as_of_basis = basis
        snap.files.append(InputFile(role, path, str(path.resolve())))

    undated: list[tuple[Path, str | None]] = []
    for entry in sorted(folder.iterdir()):
        if _is_ignored(entry):
            continue
        if entry.is_dir():
            try:
                as_of = date.fromisoformat(entry.name)
            except ValueError:
                raise SourceFormatError(
                    entry, "sub-folders of a source folder must be named YYYY-MM-DD (the snapshot date)"
                ) from None
            for path in sorted(entry.rglob("*")):
                if path.is_file() and not _is_ignored(path):
                    add(path, as_of, "folder name")
            continue
        role = classify(entry)
        dated = date_in_name(entry)
        if dated is not None:
            add(entry, dated, "file name")
            continue
        published = publisher_as_of(entry, role) if role else None
        if published is not None:
            add(entry, published, "publisher field")
        else:
            undated.append((entry, role))
    if undated:
        # Loose files without a date of their own belong with the folder's one dated snapshot
        # (sdn_2024-05-03.csv beside add.csv); with none, the folder is one snapshot dated by
        # its newest file. With several dated snapshots the pairing would be a guess.
        loose_dates = sorted({d for d, snap in grouped.items() if snap.as_of_basis != "folder name"})
        if len(loose_dates) > 1:
            raise SourceFormatError(
                undated[0][0],
                "has no date while the folder holds several dated snapshots "
                f"({', '.join(d.isoformat() for d in loose_dates)}); put each snapshot's files in a YYYY-MM-DD sub-folder",
            )
        if loose_dates:
            for path, _ in undated:
                add(path, loose_dates[0], grouped[loose_dates[0]].as_of_basis)
        else:
            newest = max(p.stat().st_mtime for p, _ in undated)
            modified = datetime.fromtimestamp(newest, tz=timezone.utc).date()
            for path, _ in undated:
                add(path, modified, "file modified time")
    if not grouped:
        raise TumenConfigError(f"{source}: no input files in {folder}")
    return [grouped[d] for d in sorted(grouped)]


_BASIS_RANK = {"folder name": 0, "publisher field": 1, "file name": 1, "fetch time": 2, "file modified time": 3}


def land(snapshot: PendingSnapshot, raw_root: Path, dataset: str) -> LandedSnapshot:
    """Copy the snapshot's files into the raw area; raw files are immutable once landed.

    Landing the same bytes again is a no-op (re-running a night is idempotent). Different bytes
    under a name that already landed for that date are refused rather than overwritten.
    """
    folder = raw_root / snapshot.source / snapshot.as_of.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path = folder / MANIFEST
    existing = _read_manifest(manifest_path)
    if existing and existing.get("dataset") not in (None, dataset):
        raise TumenConfigError(
            f"{folder} holds {existing['dataset']!r} data; this run brings {dataset!r} data. "
            "Use a separate data directory (--data-dir) so the two never mix in one warehouse."
        )
    files = {f["name"]: f for f in (existing or {}).get("files", [])}
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    seen_names: set[str] = set()
    copied = 0
    for item in snapshot.files:
        name = item.path.name
        if name in seen_names:
            raise SourceFormatError(item.path, f"two input files named {name} for snapshot {snapshot.as_of}")
        seen_names.add(name)
        digest = sha256_of(item.path)
        target = folder / name
        if name in files:
            if files[name]["sha256"] != digest:
                raise SourceFormatError(
                    item.path,
                    f"raw file {target} already landed with sha256 {files[name]['sha256'][:12]}…; "
                    f"this one is {digest[:12]}… Raw files are immutable: give the new file its own date "
                    "folder or use a new data directory",
                )
            continue
        if target.exists() and sha256_of(target) != digest:
            raise SourceFormatError(target, "a file with this name but other content is already in the raw area")
        if item.path.resolve() != target.resolve():
            tmp = target.with_name(f".{name}.partial")
            shutil.copyfile(item.path, tmp)
            tmp.replace(target)
            target.chmod(0o444)
        copied += 1
        files[name] = LandedFile(
            name=name,
            role=item.role,
            sha256=digest,
            bytes=target.stat().st_size,
            origin=item.origin,
            fetched_at=item.fetched_at or now,
        ).as_dict
    manifest = {
        "source": snapshot.source,
        "as_of": snapshot.as_of.isoformat(),
        "as_of_basis": snapshot.as_of_basis if not existing else existing["as_of_basis"],
        "dataset": dataset,
        "files": [files[k] for k in sorted(files)],
    }
    if copied or existing is None:
        _write_json_atomic(manifest_path, manifest)
    landed = read_landed(folder)
    landed.new_files = copied
    return landed


def read_landed(folder: Path) -> LandedSnapshot:
    manifest = _read_manifest(folder / MANIFEST)
    if manifest is None:
        raise SourceFormatError(folder, "raw snapshot folder has no manifest.json")
    return LandedSnapshot(
        source=manifest["source"],
        as_of=date.fromisoformat(manifest["as_of"]),
        as_of_basis=manifest["as_of_basis"],
        folder=folder,
        files=[LandedFile(**f) for f in manifest["files"]],
        dataset=manifest.get("dataset", "own"),
    )


def landed_snapshots(raw_root: Path, source: str) -> list[LandedSnapshot]:
    """Every snapshot of a source in the raw area, oldest first."""
    base = raw_root / source
    if not base.is_dir():
        return []
    return [read_landed(p) for p in sorted(base.iterdir()) if (p / MANIFEST).is_file()]


def landed_datasets(raw_root: Path) -> set[str]:
    return {s.dataset for src in _sources_in(raw_root) for s in landed_snapshots(raw_root, src)}


def _sources_in(raw_root: Path) -> Iterable[str]:
    return sorted(p.name for p in raw_root.iterdir() if p.is_dir()) if raw_root.is_dir() else []


def _read_manifest(path: Path) -> dict | None:
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def _write_json_atomic(path: Path, payload: dict) -> None:
    tmp = path.with_name(f".{path.name}.partial")
    tmp.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)
