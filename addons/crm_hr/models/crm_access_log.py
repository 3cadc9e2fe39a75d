# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmAccessLog(models.Model):
    _inherit = "crm.access.log"

    event_type = fields.Selection(
        selection_add=[("handover", "Portfolio handover")],
    )
