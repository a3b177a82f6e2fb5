"""A backup is a directory: database.dump, media.tar.gz and manifest.json.

The manifest records what the backup holds (versions, applied migrations,
row counts read in the dump's own snapshot, checksums), so that a restore can
check the files before it touches anything and verify the result after.
"""

from __future__ import annotations

import hashlib
import json
import platform
import tarfile
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from django.conf import settings

from backups import database
from backups.database import BackupError

MANIFEST = "manifest.json"
DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
FORMAT = 1


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def package_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def archive_media(target: Path) -> dict:
    """Packs MEDIA_ROOT (uploaded images and documents); an absent folder packs as empty."""
    root = media_root()
    files = size = 0
    with tarfile.open(target, "w:gz") as archive:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.add(path, arcname=str(path.relative_to(root)), recursive=False)
                    files += 1
                    size += path.stat().st_size
    return {"files": files, "bytes": size}


def create(backup_root: Path, *, include_media: bool = True) -> Path:
    """Writes a new timestamped backup; a partial one never carries the final name."""
    database.require_postgres()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    final = backup_root / stamp
    if final.exists():
        raise BackupError(f"{final} exists already; wait a second and try again.")
    partial = backup_root / f".{stamp}.partial"
    # Backups hold personal data: readable by the owner only.
    partial.mkdir(parents=True, mode=0o700)
    with database.snapshot() as (snapshot_id, cursor):
        database.dump(partial / DATABASE_FILE, snapshot_id)
        counts = database.table_counts(cursor)
        migrations = database.applied_migrations(cursor)
        postgres = database.server_version(cursor)
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(),
        "versions": {
            "portal": package_version("beteiligungsportal"),
            "python": platform.python_version(),
            "django": package_version("Django"),
            "wagtail": package_version("wagtail"),
            "postgresql": postgres,
            "pg_dump": database.tool_version("pg_dump"),
        },
        "database": {
            "name": database.connection_parameters()["dbname"],
            "file": DATABASE_FILE,
            "sha256": sha256(partial / DATABASE_FILE),
            "migrations": migrations,
            "row_counts": counts,
        },
        "media": None,
    }
    if include_media:
        summary = archive_media(partial / MEDIA_FILE)
        manifest["media"] = {
            "root": str(media_root()),
            "file": MEDIA_FILE,
            "sha256": sha256(partial / MEDIA_FILE),
            **summary,
        }
    (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    partial.rename(final)
    return final


@dataclass
class Backup:
    path: Path
    manifest: dict

    @property
    def database_file(self) -> Path:
        return self.path / self.manifest["database"]["file"]

    @property
    def media_file(self) -> Path | None:
        media = self.manifest.get("media")
        return self.path / media["file"] if media else None


def open_backup(path: Path) -> Backup:
    """Reads the manifest and checks every file against its checksum."""
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{path} is no backup: {MANIFEST} is missing.")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: unknown backup format {manifest.get('format')!r}.")
    backup = Backup(path, manifest)
    parts = [(backup.database_file, manifest["database"]["sha256"])]
    if backup.media_file:
        parts.append((backup.media_file, manifest["media"]["sha256"]))
    for file, expected in parts:
        if not file.is_file():
            raise BackupError(f"{file} is missing.")
        if sha256(file) != expected:
            raise BackupError(f"{file} does not match its checksum in the manifest: damaged.")
    return backup


def media_is_empty() -> bool:
    root = media_root()
    return not root.is_dir() or not any(path.is_file() for path in root.rglob("*"))


def restore_media(backup: Backup) -> int:
    root = media_root()
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(backup.media_file, "r:gz") as archive:
        # The "data" filter refuses absolute paths, "..", links out of the folder and devices.
        archive.extractall(root, filter="data")
        return sum(1 for member in archive.getmembers() if member.isfile())


def count_differences(expected: dict[str, int], actual: dict[str, int]) -> list[str]:
    differences = []
    for table, count in sorted(expected.items()):
        found = actual.get(table)
        if found != count:
            differences.append(f"{table}: {count} in the backup, {found} restored")
    return differences
