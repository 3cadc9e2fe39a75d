# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

CHANNEL_TYPES = [
    ("email", "Email"),
    ("phone", "Phone"),
    ("event", "Event"),
    ("offline", "Offline (cost only)"),
]


class CrmMarketingChannel(models.Model):
    """A way of reaching people: email, phone, event or an offline channel."""

    _name = "crm.marketing.channel"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Marketing Channel"
    _order = "sequence, name"

    name = fields.Char(
        required=True,
        translate=True,
    )
    sequence = fields.Integer(
        default=10,
    )
    channel_type = fields.Selection(
        selection=CHANNEL_TYPES,
        required=True,
        default="offline",
        help="Email channels send mailings, phone channels plan calls for the "
             "salespeople, event channels plan events; offline channels (print, "
             "outdoor, online ads) only carry costs.",
    )
    medium_id = fields.Many2one(
        comodel_name="utm.medium",
        string="UTM Medium",
        help="Leads and orders carrying this medium are counted for this channel.",
    )
    active = fields.Boolean(
        default=True,
    )
