# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from types import SimpleNamespace

from odoo import fields
from odoo.exceptions import UserError

from .common import ServiceCase

# ten days after the request of Friday 9 January: both SLA targets passed
LATE = fields.Datetime.from_string("2026-01-19 08:00:00")
REF_DATE = fields.Date.from_string("2026-01-20")


class TestCancel(ServiceCase):
    """Spam and duplicates are cancelled, not solved."""

    def setUp(self):
        super().setUp()
        self.stage_cancelled = self.env.ref("crm_service.stage_cancelled")
        self.spam = self._request(name="Cheap watches", type_id=self.type_complaint.id)
        self.Request._cron_sla(now=LATE)
        self.assertEqual(self.spam.sla_resolve_status, "failed")

    def _service_risk(self):
        """``(complaints, breaches)`` of customer A in its risk score."""
        # a customer without orders nor overdue invoices: the service part alone
        row = {"overdue": 0, "receivable": 0,
               "facts": SimpleNamespace(order_count=0)}
        components = self.env["crm.lifecycle.profile"]._risk_components(
            self.company, REF_DATE, {self.customer_a.id: row})
        complaints, breaches, _unhappy = [values for _w, values in components[-3:]]
        return (complaints.get(self.customer_a.id, 0.0),
                breaches.get(self.customer_a.id, 0.0))

    def test_cancelled_leaves_sla_survey_and_risk(self):
        """An agent cancels the spam complaint: no survey, no SLA verdict, no
        compliance figure, no complaint nor breach in the customer's risk."""
        self.assertEqual(self._service_risk(), (1 / 3.0, 1 / 3.0))
        mails_before = self.env["mail.mail"].search_count([])
        self.spam.sudo(self.agent).write({"stage_id": self.stage_cancelled.id})
        self.assertTrue(self.spam.is_closed)
        self.assertTrue(self.spam.is_cancelled)
        self.assertFalse(self.spam.survey_input_id)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before)
        self.assertEqual(self.spam.sla_response_status, "none")
        self.assertEqual(self.spam.sla_resolve_status, "none")
        self.assertTrue(self.spam.close_date)
        row = self.env["crm.service.analysis"].search(
            [("request_id", "=", self.spam.id)])
        self.assertTrue(row.is_cancelled)
        self.assertFalse(row.sla_compliance)
        self.assertEqual(self._service_risk(), (0.0, 0.0))

    def test_reopened_runs_its_sla_again(self):
        """A request cancelled by mistake and reopened has its SLA again, and is
        in the figures again."""
        self.spam.write({"stage_id": self.stage_cancelled.id})
        self.spam.sudo(self.agent).write({"stage_id": self.stage_progress.id})
        self.assertFalse(self.spam.is_cancelled)
        self.assertEqual(self.spam.sla_resolve_status, "ongoing")
        self.Request._cron_sla(now=LATE)
        self.assertEqual(self.spam.sla_resolve_status, "failed")
        self.assertEqual(self._service_risk(), (1 / 3.0, 1 / 3.0))

    def test_solved_needs_what_the_type_needs(self):
        """A complaint is closed as solved only with its root cause; cancelling
        needs nothing."""
        with self.assertRaises(UserError) as refused:
            self.spam.sudo(self.agent).write({"stage_id": self.stage_resolved.id})
        self.assertIn("is solved with its root cause", refused.exception.name)
        cause = self.env["crm.service.root.cause"].create({"name": "Spam filter"})
        self.spam.sudo(self.agent).write({"root_cause_id": cause.id,
                                          "stage_id": self.stage_resolved.id})
        self.assertTrue(self.spam.survey_input_id, "solved: the survey goes")
