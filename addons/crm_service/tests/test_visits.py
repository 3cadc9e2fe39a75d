# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import json

from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError

from ..logic import signature as signature_logic
from .common import ServiceCase, signature_png

SIGNATURE = signature_png()


class TestVisits(ServiceCase):

    def test_done_and_signed_closes(self):
        """The request closes when every visit is done and signed."""
        technician = self.env["hr.employee"].create({"name": "Technician Li"})
        request = self._request(type_id=self.env.ref("crm_service.type_visit").id)
        first = self.env["crm.service.visit"].create({
            "request_id": request.id, "employee_id": technician.id,
            "date_start": "2026-01-13 01:00:00", "duration": 2.0,
            "check_ids": [(0, 0, {"name": "Check pressure"})],
            "part_ids": [(0, 0, {"product_id": self.env.ref(
                "product.product_product_3").id, "quantity": 2})],
        })
        second = self.env["crm.service.visit"].create({
            "request_id": request.id, "employee_id": technician.id,
            "date_start": "2026-01-14 01:00:00"})
        self.assertEqual(first.partner_id, self.customer_a)
        self.assertEqual(first.date_stop, "2026-01-13 03:00:00")
        with self.assertRaises(UserError):
            first.action_done()  # the checklist is not complete
        first.check_ids.done = True
        first.action_done()
        first.action_sign("Mr. A", SIGNATURE)
        self.assertTrue(first.signed)
        self.assertFalse(request.is_closed, "the second visit is still planned")
        second.action_done()
        self.assertFalse(request.is_closed, "done but not signed")
        second.action_sign("Mr. A", SIGNATURE)
        self.assertTrue(request.is_closed)
        self.assertTrue(request.close_date)

    def test_checklist_follows_the_visit(self):
        """An agent outside the request's team sees neither the visit nor its
        checklist and parts."""
        technician = self.env["hr.employee"].create({"name": "Technician Wu"})
        request = self._request(team_id=self.other_team.id, user_id=False)
        visit = self.env["crm.service.visit"].create({
            "request_id": request.id, "employee_id": technician.id,
            "date_start": "2026-01-13 01:00:00",
            "check_ids": [(0, 0, {"name": "Check valve"})],
            "part_ids": [(0, 0, {"product_id": self.env.ref(
                "product.product_product_3").id, "quantity": 1})],
        })
        for model, records in (("crm.service.visit", visit),
                               ("crm.service.visit.check", visit.check_ids),
                               ("crm.service.visit.part", visit.part_ids)):
            seen = self.env[model].sudo(self.agent).search([("id", "in", records.ids)])
            self.assertFalse(seen, model)
            self.assertEqual(
                self.env[model].sudo(self.manager).search([("id", "in", records.ids)]),
                records, model)

    def test_technician_records_signature(self):
        """The technician records the customer's signature in the backend: name,
        image and date are stored; a blank or broken image is refused."""
        technician = self.env["hr.employee"].create({"name": "Technician Zhao"})
        request = self._request()
        visit = self.env["crm.service.visit"].sudo(self.agent).create({
            "request_id": request.id, "employee_id": technician.id,
            "date_start": "2026-01-13 01:00:00"})
        with self.assertRaises(UserError):
            visit.action_sign("Mr. A", signature_png(drawn=False))
        with self.assertRaises(ValidationError):
            visit.write({"signed_by": "Mr. A", "signature": base64.b64encode(
                b"not an image")})
        self.assertFalse(visit.signed)
        visit.action_sign(" Mr. A ", SIGNATURE)
        self.assertTrue(visit.signed)
        self.assertEqual(visit.signed_by, "Mr. A")
        self.assertTrue(visit.signed_on)
        self.assertFalse(visit.signed_partner_id, "not signed through the portal")
        with self.assertRaises(UserError):
            visit.action_sign("Mr. B", SIGNATURE)  # already signed
        # an agent cannot sign as the customer through the portal method
        other = self.env["crm.service.visit"].sudo(self.agent).create({
            "request_id": request.id, "employee_id": technician.id})
        with self.assertRaises(AccessError):
            other.action_portal_sign("Mr. A", SIGNATURE)

    def test_signature_problems(self):
        """The signature checks name each problem."""
        self.assertIsNone(signature_logic.problem(SIGNATURE))
        self.assertEqual(signature_logic.problem(""), "missing")
        self.assertEqual(signature_logic.problem(signature_png(drawn=False)), "blank")
        self.assertEqual(signature_logic.problem("%%%"), "not_image")
        self.assertEqual(signature_logic.problem(
            base64.b64encode(b"GIF89a but not really")), "not_image")
        self.assertEqual(signature_logic.problem(
            base64.b64encode(b"\0" * (signature_logic.MAX_BYTES + 1))), "too_large")

    def _visit(self, **values):
        technician = self.env["hr.employee"].create({"name": "Technician Qian"})
        vals = {"request_id": self._request().id, "employee_id": technician.id,
                "date_start": "2026-01-13 01:00:00"}
        vals.update(values)
        return self.env["crm.service.visit"].create(vals)

    def test_portal_sign_needs_done_work(self):
        """The customer cannot sign off a visit whose work is not done; once done
        it can."""
        visit = self._visit()
        as_customer = visit.sudo(self.portal_a)
        with self.assertRaises(UserError) as refused:
            as_customer.action_portal_sign("Alice of A", SIGNATURE)
        self.assertEqual(
            refused.exception.name,
            "The work of this visit is not done yet: you can sign it off once the "
            "technician has finished it.")
        self.assertFalse(visit.signed)
        visit.action_done()
        as_customer.action_portal_sign("Alice of A", SIGNATURE)
        self.assertTrue(visit.signed)
        self.assertEqual(visit.signed_partner_id, self.portal_a.partner_id)

    def test_portal_signature_kept(self):
        """Once the customer signed in the portal, an agent can no longer replace
        the signature or the signer (clear error, nothing changed) and the form
        shows them read-only; a service manager still can."""
        visit = self._visit()
        visit.sudo(self.agent).action_done()
        visit.sudo(self.portal_a).action_portal_sign("Alice of A", SIGNATURE)
        as_agent = visit.sudo(self.agent)
        other = signature_png()
        message = ("The customer signed the visit %s off in the portal: only a "
                   "service manager can change its signature." % visit.name)
        for vals in ({"signed_by": "Someone Else"}, {"signature": other},
                     {"signed_by": False, "signature": False}):
            with self.assertRaises(UserError) as refused:
                as_agent.write(vals)
            self.assertEqual(refused.exception.name, message, vals)
        visit.invalidate_cache()
        self.assertEqual(visit.signed_by, "Alice of A")
        self.assertEqual(visit.signed_partner_id, self.portal_a.partner_id)
        as_agent.write({"notes": "<p>Customer happy.</p>"})  # other fields stay open
        arch = etree.fromstring(self.env["crm.service.visit"].sudo(
            self.agent).fields_view_get(view_type="form")["arch"])
        for name in ("signed_by", "signature"):
            modifiers = json.loads(arch.xpath("//field[@name='%s']" % name)[0].get(
                "modifiers"))
            self.assertEqual(modifiers.get("readonly"),
                             [["signed_partner_id", "!=", False]], name)
        visit.sudo(self.manager).write({"signed_by": "Alice A. (corrected)"})
        self.assertEqual(visit.signed_by, "Alice A. (corrected)")

    def test_technician_signature_stays_editable(self):
        """A signature the technician recorded (not the portal's) can still be
        corrected by the agent."""
        visit = self._visit()
        visit.sudo(self.agent).action_sign("Mr. A", SIGNATURE)
        visit.sudo(self.agent).write({"signed_by": "Mr. A. Wang"})
        self.assertEqual(visit.signed_by, "Mr. A. Wang")
