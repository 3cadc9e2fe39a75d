# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests.common import SavepointCase


class MarketingCase(SavepointCase):
    """Users of each role, a tagged set of partners and campaign helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True, no_reset_password=True,
            mail_create_nosubscribe=True))
        cls.company = cls.env.ref("base.main_company")
        cls.Campaign = cls.env["crm.marketing.campaign"]
        cls.Partner = cls.env["res.partner"]
        salesman = cls.env.ref("sales_team.group_sale_salesman")
        mkt_user = cls.env.ref("crm_marketing.group_marketing_user")
        mkt_manager = cls.env.ref("crm_marketing.group_marketing_manager")

        def user(login, *groups):
            return cls.env["res.users"].create({
                "name": login.title(), "login": login,
                "email": "%s@example.com" % login,
                "groups_id": [(6, 0, [g.id for g in groups])],
            })
        cls.manager = user("mkt_boss", mkt_manager)
        cls.marketer = user("mkt_ann", mkt_user)
        cls.sam = user("mkt_sam", salesman, mkt_user)
        cls.tom = user("mkt_tom", salesman)
        cls.employee = user("mkt_emma", cls.env.ref("base.group_user"))
        cls.biller = user("mkt_bill", mkt_user,
                          cls.env.ref("account.group_account_invoice"))
        cls.tag = cls.env["res.partner.category"].create({"name": "Campaign test"})
        cls.stage = {s.code: s for s in cls.env["crm.lifecycle.stage"].search([])}
        cls.be = cls.env.ref("base.be")
        cls.fr = cls.env.ref("base.fr")

    @classmethod
    def _partner(cls, name, **values):
        return cls.Partner.create(dict({
            "name": name, "email": "%s@example.com" % name.lower().replace(" ", "."),
            "is_company": True, "category_id": [(6, 0, [cls.tag.id])],
        }, **values))

    @classmethod
    def _campaign(cls, domain=None, **values):
        audience = [("category_id", "in", [cls.tag.id])] + list(domain or [])
        return cls.Campaign.create(dict({
            "name": "Spring push", "objective": "acquisition",
            "date_start": "2026-03-01", "date_end": "2026-03-31",
            "budget": 1000.0, "audience_domain": repr(audience),
        }, **values))

    @classmethod
    def _run(cls, campaign, user=None):
        """Approve as the manager, start as ``user`` (the marketing user)."""
        campaign.sudo(cls.manager).action_approve()
        campaign.sudo(user or cls.marketer).action_start()
        return campaign
