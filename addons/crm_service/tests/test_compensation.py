# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import ServiceCase


class TestCompensation(ServiceCase):

    def test_credit_note_posted_by_accounting(self):
        """An agent drafts a 75.00 credit note; once accounting posts it the
        request shows 75.00."""
        accountant = self.env["res.users"].create({
            "name": "Accountant", "login": "svc_accountant",
            "groups_id": [(6, 0, [self.env.ref("account.group_account_invoice").id])]})
        request = self._request(type_id=self.type_complaint.id,
                                compensation_type="credit_note",
                                compensation_proposed=75.0)
        request.sudo(self.agent).action_create_refund()
        refund = request.refund_ids
        self.assertEqual(len(refund), 1)
        self.assertEqual(refund.type, "out_refund")
        self.assertEqual(refund.state, "draft")
        self.assertEqual(refund.partner_id, self.customer_a)
        self.assertEqual(refund.amount_total, 75.0)
        self.assertEqual(request.compensation_posted, 0.0, "a draft is not posted")
        refund.sudo(accountant).action_invoice_open()
        self.assertEqual(refund.state, "open")
        request.invalidate_cache()
        self.assertEqual(request.compensation_posted, 75.0)
        analysis = self.env["crm.service.analysis"].search(
            [("request_id", "=", request.id)])
        self.assertEqual(analysis.compensation, 75.0)
