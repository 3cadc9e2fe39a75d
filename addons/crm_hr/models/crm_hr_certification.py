# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Certifications whose reminder is due and not yet given for their current expiry
# date; rows another cron run is handling are skipped.
_DUE_SQL = """
SELECT c.id
  FROM crm_hr_certification c
 WHERE c.active AND c.date_expiry IS NOT NULL
   AND c.date_expiry - c.reminder_days <= %(today)s
   AND c.reminded_expiry_date IS DISTINCT FROM c.date_expiry
 ORDER BY c.id
 FOR UPDATE SKIP LOCKED
"""

_MARK_SQL = """
UPDATE crm_hr_certification
   SET reminded_expiry_date = date_expiry, write_uid = %(uid)s,
       write_date = now() at time zone 'UTC'
 WHERE id = ANY(%(ids)s)
"""


class CrmHrCertification(models.Model):
    _name = "crm.hr.certification"
    _inherit = ["crm.hr.employee.record.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Certification of an Employee"
    _order = "date_expiry, id"

    active = fields.Boolean(
        default=True,
    )
    name = fields.Char(
        string="Certification",
        required=True,
    )
    authority = fields.Char(
        help="Who issued the certification.",
    )
    number = fields.Char(
        string="Certificate Number",
    )
    date_obtained = fields.Date(
        string="Obtained On",
    )
    date_expiry = fields.Date(
        string="Expires On",
        index=True,
        track_visibility="onchange",
        help="Leave empty for a certification that does not expire.",
    )
    reminder_days = fields.Integer(
        string="Remind Days Before",
        default=30,
        help="A to-do is given to the employee (or their manager) this many days "
             "before the expiry, once per expiry date.",
    )
    reminded_expiry_date = fields.Date(
        string="Reminded For",
        readonly=True,
        copy=False,
        help="The expiry date for which the reminder was given.",
    )

    @api.constrains("date_obtained", "date_expiry", "reminder_days")
    def _check_dates(self):
        for cert in self:
            if cert.date_obtained and cert.date_expiry \
                    and cert.date_expiry < cert.date_obtained:
                raise ValidationError(_("A certification cannot expire before it is "
                                        "obtained."))
            if cert.reminder_days < 0:
                raise ValidationError(_("The reminder days cannot be negative."))

    @api.multi
    def _crm_hr_reminder_user(self):
        self.ensure_one()
        employee = self.employee_id
        return employee.user_id or employee.parent_id.user_id or self.env.user

    @api.model
    def _cron_remind_expiry(self, today=None):
        """Give one to-do per certification about to expire; never a second one
        for the same expiry date (idempotent, safe with two cron runs at once)."""
        today = today or fields.Date.context_today(self)
        cr = self.env.cr
        cr.execute(_DUE_SQL, {"today": today})
        due = self.browse([row[0] for row in cr.fetchall()])
        if not due:
            return 0
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get(self._name).id
        activities = self.env["mail.activity"]
        # one activity per certification due: bounded by the certifications due
        for cert in due:
            deadline = fields.Date.from_string(cert.date_expiry) - timedelta(days=1)
            activities.create({
                "res_model_id": model_id,
                "res_id": cert.id,
                "activity_type_id": activity_type.id,
                "summary": _("Renew %(cert)s before %(date)s") % {
                    "cert": cert.name, "date": cert.date_expiry},
                "user_id": cert._crm_hr_reminder_user().id,
                "date_deadline": fields.Date.to_string(
                    max(deadline, fields.Date.from_string(today))),
            })
        cr.execute(_MARK_SQL, {"uid": self.env.uid, "ids": due.ids})
        due.invalidate_cache(["reminded_expiry_date"])
        return len(due)
