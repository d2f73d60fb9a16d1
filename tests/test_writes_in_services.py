"""Every write goes through claims/services: the admin, the API, the forms, the public pages
and the commands never save, update, delete or create a model themselves. Read from the
source, so a write added anywhere else fails here before it ships."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOORS = [
    "claims/admin",
    "claims/api",
    "claims/management",
    "claims/forms.py",
    "claims/views.py",
    "claims/review_import.py",
]
WRITES = {
    "save",
    "update",
    "delete",
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}


def writes_in(source: str) -> list[tuple[int, str]]:
    """(line, call) for each ``something.save(`` (or update, delete, create…) in the source."""
    return [
        (node.lineno, ast.unparse(node.func))
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in WRITES
    ]


def door_files() -> list[Path]:
    files = []
    for door in DOORS:
        path = ROOT / door
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def test_the_walk_finds_writes_of_every_shape():
    source = (
        "obj.save(update_fields=['x'])\n"
        "Claim.objects.filter(pk=1).update(status='false')\n"
        "queryset.delete()\n"
        "Review.objects.create(note='n')\n"
        "Outlet.objects.get_or_create(name='x')\n"
        "services.review.review_claim(claim_id=1)\n"
    )
    assert [line for line, _ in writes_in(source)] == [1, 2, 3, 4, 5]


def test_the_walk_reads_the_admin_and_the_api():
    names = {path.relative_to(ROOT).as_posix() for path in door_files()}
    assert {"claims/admin/claims.py", "claims/api/views/reviews.py"} <= names


@pytest.mark.parametrize("path", door_files(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_no_model_is_written_outside_services(path):
    found = writes_in(path.read_text())
    assert not found, f"{path.relative_to(ROOT)} writes outside claims/services: {found}"
