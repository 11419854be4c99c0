"""Failures of other systems, told to a client without their text.

An upstream's error body, an exception's message or a stack trace can carry secrets (a model
server echoing headers, a database URL); what a client sees is the kind of failure and an error
id, while the service log keeps the whole exception under that id.
"""

import logging
import uuid

log = logging.getLogger("flowsmith")


def report(what: str, exc: BaseException) -> str:
    """Log `exc` in full under a fresh error id; return the message a client may see."""
    error_id = uuid.uuid4().hex[:12]
    log.warning("%s [error id %s]", what, error_id, exc_info=exc)
    return f"{what} ({type(exc).__name__}; error id {error_id}, details in the service log)"
