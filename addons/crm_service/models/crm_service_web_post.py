# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Posts of the public form, counted in the database for the rate limit."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Advisory lock namespace: posts from one address are counted one at a time.
_LOCK_KEY = 7260512

_COUNT_SQL = """
SELECT count(*) FROM crm_service_web_post
 WHERE remote_addr = %s
   AND create_date > (now() at time zone 'UTC') - interval '10 minutes'
"""


class CrmServiceWebPost(models.Model):
    _name = "crm.service.web.post"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Service Web Form Post"
    _order = "id desc"

    remote_addr = fields.Char(
        string="Address",
        required=True,
        index=True,
    )
    email = fields.Char()
    request_id = fields.Many2one(
        comodel_name="crm.service.request",
        string="Request",
        ondelete="set null",
    )

    @api.model
    def _check_rate(self, remote_addr, company):
        """Refuse a post when the address posted the company's limit within ten
        minutes. Holds across worker processes: the count is in the database and
        the advisory lock makes two posts from one address wait for each other."""
        cr = self.env.cr
        cr.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                   (_LOCK_KEY, remote_addr))
        cr.execute(_COUNT_SQL, (remote_addr,))
        count = cr.fetchone()[0]
        limit = company.crm_service_web_rate_limit
        if limit and count >= limit:
            raise UserError(_(
                "Too many requests from your address: please try again in ten "
                "minutes."))
        return count

    @api.model
    def _cron_purge(self):
        self.env.cr.execute(
            "DELETE FROM crm_service_web_post WHERE create_date < "
            "(now() at time zone 'UTC') - interval '1 day'")
