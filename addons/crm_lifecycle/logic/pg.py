# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the PostgreSQL server of a cursor supports (the suite runs on 10 and later).

- ``jit`` (the setting) exists from 11 on;
- ``siglen`` of trigram GiST indexes from 13 on.
"""


def server_version(cr):
    """The server's version as an integer, e.g. 100023 for 10.23, 150004 for 15.4."""
    connection = getattr(cr, "_cnx", None)
    if connection is not None:
        return connection.server_version
    cr.execute("SHOW server_version_num")
    return int(cr.fetchone()[0])


def supports_jit(version):
    """Whether a server of ``version`` (``server_version_num``) has ``jit``."""
    return version >= 110000


def supports_trigram_siglen(version):
    """Whether a server of ``version`` takes ``siglen`` on trigram GiST indexes."""
    return version >= 130000


def has_jit(cr):
    return supports_jit(server_version(cr))


def has_trigram_siglen(cr):
    return supports_trigram_siglen(server_version(cr))
