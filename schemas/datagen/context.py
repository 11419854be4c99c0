"""What the steps of a flow can refer to: the record in scope, its person, its wording."""

import itertools

from schemas.base import StrictModel

_KEYS = itertools.count(1)


def new_key(prefix: str) -> str:
    """A fresh symbolic step key (names never reach the output, only orders do)."""
    return f"{prefix}{next(_KEYS)}"


class Ctx(StrictModel):
    """The record a step acts on (`rec` pill, None for schedules) and how requests name it."""

    kind: str  # record | schedule | email | sla | catalog | item
    rec: str | None = None
    table: str | None = None
    label: str = "record"
    ident: str = ""  # pill naming the record, e.g. {{trigger.current.number}}
    ident_word: str = "number"  # what requests call it: number, name, asset tag, subject
    person: str | None = None  # pill of a sys_user reference
    person_word: str = ""
    person_email: str | None = None
    is_task: bool = False
    item: str = ""  # the catalog item a service_catalog trigger names

    def field(self, name: str) -> str:
        """Pill of a field of the record in scope: {{trigger.current}} -> {{trigger.current.name}}."""
        return self.rec[:-2] + "." + name + "}}"

    @property
    def headline(self) -> str:
        if self.kind == "email":
            return self.ident
        label = self.label[0].upper() + self.label[1:]
        return f"{label} {self.ident}".strip()

    @property
    def summary(self) -> str:
        return self.field("short_description") if self.is_task else self.headline
