# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmCustomerAccess(models.Model):
    """Last time each user received each customer (read, search_read, export).

    One row per user and customer, refreshed by one INSERT ... ON CONFLICT per call;
    the rows of the last hour give the number of distinct customers a user received.
    """

    _name = "crm.customer.access"
    _description = "Customer Received by a User"
    _log_access = False

    user_id = fields.Many2one(
        comodel_name="res.users",
        required=True,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        required=True,
        ondelete="cascade",
    )
    access_time = fields.Datetime(
        required=True,
    )

    _sql_constraints = [
        ("user_partner_uniq", "unique(user_id, partner_id)",
         "One row per user and customer."),
    ]

    @api.model_cr
    def init(self):
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_customer_access_user_time_idx
                ON crm_customer_access (user_id, access_time)
        """)

    @api.model
    def _cron_purge(self):
        self.env.cr.execute("""
            DELETE FROM crm_customer_access
             WHERE access_time < (now() at time zone 'UTC') - interval '1 day'
        """)
