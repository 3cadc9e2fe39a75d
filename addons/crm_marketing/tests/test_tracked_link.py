# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import odoo
from odoo.tests import common

from odoo.addons.crm_lifecycle.tests.http_server import serve


class TestTrackedLink(common.HttpCase):
    """A visitor follows a campaign mailing's tracked link, then a lead is created in
    a request of the same browser: Odoo's link tracker and utm set the cookies, the
    utm mixin of the lead reads them."""

    def setUp(self):
        port = serve()
        common.PORT = port
        self._dbfilter = odoo.tools.config["dbfilter"]
        odoo.tools.config["dbfilter"] = ".*"
        super().setUp()
        self.base_url = "http://127.0.0.1:%s" % port
        # the server thread works in the registry's test transaction: set up and
        # check through it (it is rolled back when the test leaves test mode)
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID, {
            "tracking_disable": True, "mail_create_nosubscribe": True})
        env["ir.config_parameter"].set_param("web.base.url", self.base_url)
        self.campaign = env["crm.marketing.campaign"].create({
            "name": "Autumn tracked link", "date_start": "2026-10-01",
            "channel_ids": [(6, 0, env.ref("crm_marketing.channel_email").ids)]})
        self.email = env.ref("utm.utm_medium_email")
        # a mailing is its own UTM source (Odoo's mailing inherits utm.source)
        self.mailing = env["mail.mass_mailing"].create({
            "name": "Autumn range", "body_html": "<p>Autumn range</p>",
            "crm_marketing_campaign_id": self.campaign.id,
            "campaign_id": self.campaign.utm_campaign_id.id,
            "medium_id": self.email.id,
            "mailing_model_id": env["ir.model"]._get("res.partner").id,
            "mailing_domain": "[('id', '=', 0)]",
        })
        self.source = self.mailing.source_id
        self.stat = env["mail.mail.statistics"].create({
            "mass_mailing_id": self.mailing.id, "model": "res.partner",
            "res_id": env.ref("base.res_partner_2").id,
            "message_id": "<autumn-1@example.com>", "sent": "2026-10-02 09:00:00"})
        # the tracked link the mailing put in its email: its target is a page of
        # this server, where Odoo's utm sets the cookies
        self.link = env["link.tracker"].create({
            "url": self.base_url + "/web/login",
            "campaign_id": self.campaign.utm_campaign_id.id,
            "medium_id": self.email.id, "source_id": self.source.id,
            "mass_mailing_id": self.mailing.id,
        })

    def tearDown(self):
        odoo.tools.config["dbfilter"] = self._dbfilter
        super().tearDown()

    def _create_lead(self, name):
        """Create a lead over JSON-RPC, as the web client does."""
        response = self.opener.post(
            self.base_url + "/web/dataset/call_kw/crm.lead/create", timeout=60,
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
                "model": "crm.lead", "method": "create",
                "args": [{"name": name}], "kwargs": {}}})
        self.assertEqual(response.status_code, 200, response.text[:500])
        body = response.json()
        self.assertNotIn("error", body, body.get("error"))
        return self.campaign.env["crm.lead"].browse(body["result"])

    def test_lead_after_tracked_link(self):
        """Following the tracked link counts a click on the mailing and leaves the
        UTM cookies; the lead created next carries campaign, medium and source and
        counts for the campaign."""
        response = self.url_open(
            "/r/%s/m/%s" % (self.link.code, self.stat.id), timeout=60)
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertIn("utm_campaign=", response.url, "redirected with UTM parameters")
        cookies = self.opener.cookies
        self.assertEqual(
            {name for name in cookies.keys() if name.startswith("odoo_utm_")},
            {"odoo_utm_campaign", "odoo_utm_medium", "odoo_utm_source"})
        self.authenticate("admin", "admin")
        lead = self._create_lead("Visitor from the autumn mailing")
        self.assertEqual(lead.campaign_id, self.campaign.utm_campaign_id)
        self.assertEqual(lead.medium_id, self.email)
        self.assertEqual(lead.source_id, self.source)
        self.campaign.invalidate_cache()
        self.assertEqual(self.campaign.lead_count, 1)
        self.assertEqual(
            (self.campaign.reached_count, self.campaign.opened_count,
             self.campaign.clicked_count), (1, 1, 1),
            "the click on the mailing's link marks its email opened and clicked")

    def test_lead_without_tracked_link(self):
        """The same lead created without following the link carries no campaign."""
        self.authenticate("admin", "admin")
        lead = self._create_lead("Visitor from nowhere")
        self.assertFalse(lead.campaign_id)
        self.assertFalse(lead.source_id)
        self.campaign.invalidate_cache()
        self.assertEqual(self.campaign.lead_count, 0)
