"""Every catalogue form that needs no code of its own: one kind per file of
`extractors/catalog/` whose reader is `info_return` or `other_return`. A new form of that
family is one catalogue file."""

from __future__ import annotations

from backtax.extractors import catalog
from backtax.extractors.forms._catalog import form_spec
from backtax.extractors.forms._info_return import InfoReturnKind
from backtax.extractors.forms._other_returns import OtherReturnKind
from backtax.extractors.kinds import register

READERS = {"info_return": InfoReturnKind, "other_return": OtherReturnKind}

for entry in catalog.forms().values():
    if entry.reader in READERS:
        register(READERS[entry.reader](form_spec(entry.doc_type)))
