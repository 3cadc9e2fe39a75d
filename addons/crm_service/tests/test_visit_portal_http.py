# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import ServiceHttpCase, signature_png


class TestVisitSignOffHttp(ServiceHttpCase):
    """The customer signs a field visit off in the portal; nobody else can."""

    def setUp(self):
        super().setUp()
        env = self.Request.env
        portal = env.ref("base.group_portal")
        Users = env["res.users"].with_context(no_reset_password=True)
        Partner = env["res.partner"]
        self.customer = Partner.create({"name": "Sign Co", "is_company": True})
        other = Partner.create({"name": "Other Co", "is_company": True})
        self.alice = Users.create({
            "name": "Alice Sign", "login": "svc_sign_alice",
            "password": "svc_sign_alice", "parent_id": self.customer.id,
            "groups_id": [(6, 0, [portal.id])]})
        Users.create({
            "name": "Bob Other", "login": "svc_sign_bob", "password": "svc_sign_bob",
            "parent_id": other.id, "groups_id": [(6, 0, [portal.id])]})
        technician = env["hr.employee"].create({"name": "Technician Sun"})
        request = self.Request.create({"name": "Boiler leak",
                                       "partner_id": self.customer.id})
        self.visit = env["crm.service.visit"].create({
            "request_id": request.id, "employee_id": technician.id,
            "name": "Boiler repair", "date_start": "2026-01-13 01:00:00",
            "check_ids": [(0, 0, {"name": "Pressure checked", "done": True})],
            "part_ids": [(0, 0, {"product_id": env.ref(
                "product.product_product_3").id, "quantity": 1})],
        })
        self.visit.action_done()
        self.page = "/my/service-visits/%d" % self.visit.id
        self.sign = self.page + "/sign"
        # the server rolls the test cursor back to its last "commit" (a savepoint)
        env.cr.commit()

    def _sign(self, name, signature):
        return self._json(self.sign, {"partner_name": name, "signature": signature,
                                      "res_id": self.visit.id})

    def test_customer_signs(self):
        """The visit's customer sees the visit with its technician, checklist and
        parts, signs it off with a name and a drawn signature; the visit stores
        the signer, the date and the image, and the page then shows them."""
        self.authenticate("svc_sign_alice", "svc_sign_alice")
        request_page = self.url_open(
            "/my/service-requests/%d" % self.visit.request_id.id, timeout=60)
        self.assertEqual(request_page.status_code, 200)
        self.assertIn(self.page, request_page.text, "the request lists the visit")
        self.assertIn(">Sign</a>", request_page.text, "the work is done: sign it")
        page = self.url_open(self.page, timeout=60)
        self.assertEqual(page.status_code, 200)
        for text in ("Boiler repair", "Technician Sun", "Pressure checked",
                     "o_crm_service_signature_form", self.sign):
            self.assertIn(text, page.text)
        # the frontend bundle loads the signature pad (the portal's, for visits)
        script = "/crm_service/static/src/js/portal_visit_signature.js"
        files, _remains = self.Request.env["ir.qweb"]._get_asset_content(
            "web.assets_frontend", {})
        self.assertIn(script, [asset["url"] for asset in files])
        self.assertIn("portal.signature_form",
                      self.url_open(script, timeout=60).text)
        status, result = self._sign("Alice Sign", signature_png())
        self.assertEqual(status, 200)
        self.assertIn("success", result, result)
        self.visit.invalidate_cache()
        self.assertTrue(self.visit.signed)
        self.assertEqual(self.visit.signed_by, "Alice Sign")
        self.assertTrue(self.visit.signed_on)
        self.assertEqual(self.visit.signed_partner_id, self.alice.partner_id)
        self.assertEqual(self.visit.signature.decode(), signature_png())
        note = self.visit.message_ids.filtered(lambda m: "through the portal" in m.body)
        self.assertEqual(note.author_id, self.alice.partner_id)
        self.assertEqual(note.attachment_ids.mapped("name"), ["signature.png"])
        page = self.url_open(self.page, timeout=60)
        self.assertIn("o_crm_service_signed", page.text)
        self.assertNotIn("o_crm_service_signature_form", page.text)
        status, result = self._sign("Alice Sign", signature_png())
        self.assertEqual(result, {"error": "This visit is already signed off."})

    def test_empty_signature_refused(self):
        """A missing name, a missing or a blank signature are refused with a
        message and store nothing."""
        self.authenticate("svc_sign_alice", "svc_sign_alice")
        cases = [
            ("Alice Sign", "", "The signature is missing: draw it in the box."),
            ("Alice Sign", signature_png(drawn=False),
             "The signature is blank: draw it in the box."),
            ("  ", signature_png(), "Enter the name of the person who signs."),
        ]
        for name, signature, message in cases:
            status, result = self._sign(name, signature)
            self.assertEqual((status, result), (200, {"error": message}), message)
        self.visit.invalidate_cache()
        self.assertFalse(self.visit.signed)
        self.assertFalse(self.visit.signed_by)
        self.assertFalse(self.visit.signature)

    def test_other_customer_gets_404(self):
        """Another customer's portal user gets 404 for the page and for signing,
        and the visit stays unsigned."""
        self.authenticate("svc_sign_bob", "svc_sign_bob")
        page = self.url_open(self.page, timeout=60)
        self.assertEqual(page.status_code, 404)
        self.assertNotIn("Boiler repair", page.text)
        status, error = self._sign("Bob Other", signature_png())
        self.assertEqual(status, 404)
        self.assertEqual(error["code"], 404)
        self.visit.invalidate_cache()
        self.assertFalse(self.visit.signed)

    def test_planned_visit_not_signed(self):
        """A visit whose work is not done shows no Sign button nor signature pad
        (a note says when it can be signed), and signing it is refused with a
        message."""
        self.visit.write({"state": "planned"})
        self.visit.env.cr.commit()
        self.authenticate("svc_sign_alice", "svc_sign_alice")
        request_page = self.url_open(
            "/my/service-requests/%d" % self.visit.request_id.id, timeout=60)
        self.assertIn(self.page, request_page.text, "the request lists the visit")
        self.assertNotIn(">Sign</a>", request_page.text)
        page = self.url_open(self.page, timeout=60)
        self.assertEqual(page.status_code, 200)
        self.assertIn("once the technician has finished the work", page.text)
        self.assertNotIn("o_crm_service_signature_form", page.text)
        status, result = self._sign("Alice Sign", signature_png())
        self.assertEqual((status, result), (200, {"error": (
            "The work of this visit is not done yet: you can sign it off once the "
            "technician has finished it.")}))
        self.visit.invalidate_cache()
        self.assertFalse(self.visit.signed)
