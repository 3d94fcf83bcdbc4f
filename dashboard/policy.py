"""Who may see what: the one place the app decides it (issue 14). Never imports dash or flask.

A request's `Viewer` is its account's role (and, for a manager, the structures it is bound to),
or the anonymous visitor of *open mode* (no account exists yet: the app runs as a demo, peers
anonymous, no named download). Every callback, route and download of the app asks one of the
functions below, with the viewer `callbacks.services.AppServices.viewer()` gives it:

| question                     | open mode | manager            | consultant | admin |
|------------------------------|-----------|--------------------|------------|-------|
| `can_view_structure(v, id)`  | any       | its structures     | any        | any   |
| `can_see_names(v)`           | no        | no                 | yes        | yes   |
| `can_compare(v)`             | no        | no                 | yes        | yes   |
| `can_download_dataset(v)`    | no        | no                 | yes        | yes   |
| `can_make_report_batch(v)`   | no        | no                 | yes        | yes   |
| `can_view_overview(v)`       | yes       | yes (aggregates)   | yes        | yes   |
| `can_import(v)`              | no        | no                 | no         | yes   |
| `can_manage_users(v)`        | no        | no                 | no         | yes   |
| `can_read_audit(v)`          | no        | no                 | no         | yes   |

`visible_structures(v, ids)` is the subset of `ids` the viewer may open: what a page offers in
its search, what its address and its controls accept (`dashboard.urlstate` takes that set),
what its CSV downloads may name. Once an account exists a request without a session gets no
viewer at all (the app's gate answers 401 or sends to /login before any of this runs).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final, Literal

Role = Literal["admin", "consultant", "manager"]
ROLES: Final[tuple[Role, ...]] = ("admin", "consultant", "manager")


@dataclass(frozen=True)
class Viewer:
    """Who is asking: a signed-in account (`login`, `role`, a manager's `structures`), or the
    anonymous visitor of open mode (`role` None). Immutable, hashable: part of cache keys."""

    role: Role | None = None
    structures: frozenset[str] = field(default_factory=frozenset)
    login: str | None = None

    @property
    def is_open_mode(self) -> bool:
        """The anonymous visitor of an app that has no account yet."""
        return self.role is None

    def describe(self) -> str:
        """For log lines and the audit log: `login (role)`, or `anonymous (open mode)`."""
        return "anonymous (open mode)" if self.role is None else f"{self.login} ({self.role})"


OPEN_MODE: Final = Viewer()


def account(login: str, role: Role, structures: Iterable[str] = ()) -> Viewer:
    """The viewer of a signed-in account; a manager's `structures` are kept, others' dropped
    (they see every structure)."""
    bound = frozenset(structures) if role == "manager" else frozenset()
    return Viewer(role=role, structures=bound, login=login)


def can_view_structure(viewer: Viewer, structure_id: str) -> bool:
    """Whether `viewer` may open « Ma structure » (and its exports) for `structure_id`: a
    manager its own structures only; everyone else any (open mode too: README, Security)."""
    if viewer.role == "manager":
        return structure_id in viewer.structures
    return True


def visible_structures(viewer: Viewer, structure_ids: Iterable[str]) -> frozenset[str]:
    """The ids among `structure_ids` that `viewer` may open (see can_view_structure)."""
    ids = frozenset(structure_ids)
    if viewer.role == "manager":
        return ids & viewer.structures
    return ids


def can_see_names(viewer: Viewer) -> bool:
    """Whether peers are named (and values exact) in what `viewer` gets: consultants and
    admins. Managers and open mode see "Pair 12", values rounded as shown (issue 11)."""
    return viewer.role in ("admin", "consultant")


def can_compare(viewer: Viewer) -> bool:
    """Whether `viewer` may compare structures side by side (it names them): as names."""
    return can_see_names(viewer)


def can_download_dataset(viewer: Viewer) -> bool:
    """Whether « Données » hands `viewer` the active dataset (every structure's name, id and
    scores): consultants and admins only."""
    return viewer.role in ("admin", "consultant")


def can_make_report_batch(viewer: Viewer) -> bool:
    """Whether `viewer` may make the reports of every structure of an edition (one zip, each
    report anonymous, for results day): consultants and admins. A single structure's report,
    image or presentation follows can_view_structure and can_see_names instead."""
    return viewer.role in ("admin", "consultant")


def can_view_overview(viewer: Viewer) -> bool:
    """The overview shows aggregates (group means, anonymous distributions): everyone."""
    return True


def can_import(viewer: Viewer) -> bool:
    """Whether `viewer` may upload, validate and activate datasets and indicator tables, and
    reactivate a stored version: admins."""
    return viewer.role == "admin"


def can_manage_users(viewer: Viewer) -> bool:
    """Whether `viewer` may add, change and remove accounts: admins."""
    return viewer.role == "admin"


def can_read_audit(viewer: Viewer) -> bool:
    """Whether `viewer` may read the audit log: admins."""
    return viewer.role == "admin"
