# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An HTTP server for the suite's HttpCase tests under pytest-odoo."""
import socket

import odoo
from odoo.service.server import ThreadedServer
from odoo.service.wsgi_server import application

_SERVER = {}


def serve():
    """One HTTP server thread for this process, on a free port (pytest-odoo does not
    start Odoo's server as odoo-bin --test-enable does); returns the port."""
    if "port" not in _SERVER:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        sock.close()
        odoo.tools.config["http_interface"] = "127.0.0.1"
        odoo.tools.config["http_port"] = port
        ThreadedServer(application).http_spawn()
        _SERVER["port"] = port
    return _SERVER["port"]
