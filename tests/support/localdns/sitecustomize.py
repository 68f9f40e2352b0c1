"""Name resolution for the link-check tests, answered on this machine: no DNS query leaves it.

Python imports ``sitecustomize`` at start-up from the first folder on its path that
has one; the link-check tests put this folder on ``PYTHONPATH`` (see
``tests/support/linkcheck.py``), so the check's CLI and every LinkChecker process it
starts load it. Addresses written as IP literals and ``localhost`` resolve as usual;
any other name fails at once as unknown, which is what a resolver answers for a name
under ``.invalid`` (RFC 6761). Each name answered so is appended to the file named by
``MLPREP_TEST_DNS_LOG``, if set, so a test can see the answer came from here.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import ipaddress
import os
import socket
import sys
from typing import Any

_real_getaddrinfo = socket.getaddrinfo
_LOCAL_NAMES = {"localhost", "localhost.localdomain"}


def _is_local(host: object) -> bool:
    if host is None:
        return True
    name = (host.decode("ascii", "replace") if isinstance(host, bytes) else str(host)).rstrip(".").lower()
    if name in _LOCAL_NAMES or name.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(name.split("%", 1)[0])  # an address, perhaps with an IPv6 zone
    except ValueError:
        return False
    return True


def _refuse(host: object) -> socket.gaierror:
    log = os.environ.get("MLPREP_TEST_DNS_LOG")
    if log:
        try:
            with open(log, "a", encoding="utf-8") as out:
                out.write(f"{host}\n")
        except OSError:
            pass
    return socket.gaierror(socket.EAI_NONAME, "Name or service not known")


def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if not _is_local(host):
        raise _refuse(host)
    return _real_getaddrinfo(host, *args, **kwargs)


def _by_name(real: Any) -> Any:
    def resolve(host: Any) -> Any:
        if not _is_local(host):
            raise _refuse(host)
        return real(host)

    return resolve


socket.getaddrinfo = getaddrinfo
socket.gethostbyname = _by_name(socket.gethostbyname)
socket.gethostbyname_ex = _by_name(socket.gethostbyname_ex)


def _load_the_one_this_hides() -> None:
    """Run the interpreter's own sitecustomize, if it has one, as it would have run without this folder."""
    here = os.path.dirname(os.path.abspath(__file__))
    path = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", path)
    if spec is not None and spec.loader is not None:
        spec.loader.exec_module(importlib.util.module_from_spec(spec))


_load_the_one_this_hides()
