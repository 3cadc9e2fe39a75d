# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The nightly jobs of the memberships."""
from odoo import api, fields, models

from .access import protected
from .crm_membership import BOOKED_PERIOD_STATES

# Active fee memberships expiring within their club's reminder period, not yet
# reminded of this expiry date, whose next period is not booked yet.
_DUE_REMINDERS_SQL = """
SELECT m.id
  FROM crm_membership m
  JOIN crm_membership_club c ON c.id = m.club_id
 WHERE m.state = 'active' AND c.fee_type = 'fee'
   AND m.expiry_date >= %(ref)s
   AND m.expiry_date <= %(ref)s::date + c.reminder_days
   AND m.reminded_expiry_date IS DISTINCT FROM m.expiry_date
   AND NOT EXISTS (SELECT 1 FROM membership_membership_line l
                    WHERE l.crm_membership_id = m.id AND l.date_to > m.expiry_date
                      AND l.crm_period_state IN %(booked)s)
 ORDER BY m.id
"""


class CrmMembership(models.Model):
    _inherit = "crm.membership"

    # ----------------------------------------------------------- crons
    @api.model
    def _cron_expire(self, ref_date=None):
        """Expire the memberships whose paid periods ended before ``ref_date``.
        Idempotent: an expired membership is not touched again."""
        ref = ref_date or fields.Date.context_today(self)
        expired = self.search([
            ("state", "in", ("active", "suspended")),
            ("expiry_date", "!=", False),
            ("expiry_date", "<", ref),
        ])
        if expired:
            protected(expired).write({"state": "expired"})
        return expired

    @api.model
    def _cron_renewal_reminder(self, ref_date=None):
        """Remind members whose membership expires within the club's reminder
        period, once per expiry date, unless the next period is already invoiced."""
        ref = ref_date or fields.Date.context_today(self)
        template = self.env.ref("crm_membership.mail_template_renewal_reminder")
        self.env.cr.execute(_DUE_REMINDERS_SQL, {
            "ref": ref, "booked": BOOKED_PERIOD_STATES})
        reminded = self.browse([row[0] for row in self.env.cr.fetchall()])
        for membership in reminded:
            template.send_mail(membership.id)
        if reminded:
            self.env.cr.execute(
                "UPDATE crm_membership SET reminded_expiry_date = expiry_date"
                " WHERE id = ANY(%s)", (reminded.ids,))
            reminded.invalidate_cache(["reminded_expiry_date"])
        return reminded

    @api.model
    def _cron_auto_enrol(self, ref_date=None):
        """Enrol the customers the automatic clubs' rules select: one statement per
        club, idempotent. Returns the new memberships."""
        ref = ref_date or fields.Date.context_today(self)
        ids = []
        for club in self.env["crm.membership.club"].search([
                ("fee_type", "=", "automatic"), ("auto_rule", "!=", False)]):
            ids += club._auto_enrol(ref)
        if ids:
            self.env["crm.membership.club"].invalidate_cache(["membership_ids"])
            self.env["res.partner"].invalidate_cache(["crm_membership_ids"])
        return self.browse(ids)

    @api.model
    def _cron_review_tiers(self, ref_date=None):
        return self.env["crm.membership.tier.history"]._review(ref_date)
