# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

OPTED_OUT_EMAIL_INDEX = "crm_marketing_contact_opted_out_email_index"


class MailMassMailingContact(models.Model):
    _inherit = "mail.mass_mailing.contact"

    @api.model_cr
    def init(self):
        """Opted-out addresses looked up by their normalised email: a partner's
        form asks for one address, not a scan of every contact."""
        # the index name is a constant of this module
        self.env.cr.execute(  # pylint: disable=sql-injection
            "CREATE INDEX IF NOT EXISTS %s ON mail_mass_mailing_contact "
            "(lower(trim(email))) WHERE opt_out AND email IS NOT NULL"
            % OPTED_OUT_EMAIL_INDEX)
