# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import sql

from odoo import tools


def create_view(cr, table, query):
    """(Re)create the SQL view ``table`` (a name from the code) as ``query``."""
    tools.drop_view_if_exists(cr, table)
    cr.execute(sql.SQL("CREATE OR REPLACE VIEW {} AS ({})").format(
        sql.Identifier(table), sql.SQL(query)))
