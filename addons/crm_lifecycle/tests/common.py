# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.tests.common import SavepointCase


class LifecycleCase(SavepointCase):
    """A company-neutral set of products and helpers to build order histories."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True, no_reset_password=True,
            mail_create_nosubscribe=True))
        cls.company = cls.env.ref("base.main_company")
        cls.category = cls.env["product.category"].create({"name": "Lifecycle test"})
        cls.product = cls.env["product.product"].create({
            "name": "Lifecycle widget", "type": "service", "list_price": 100.0,
            "standard_price": 60.0, "categ_id": cls.category.id,
            "invoice_policy": "order",
        })
        cls.Partner = cls.env["res.partner"]
        cls.stage = {
            s.code: s for s in cls.env["crm.lifecycle.stage"].search([])
        }
        # order confirmation recomputes at today's date: histories end today
        cls.ref_date = fields.Date.from_string(fields.Date.today())

    @classmethod
    def _user(cls, login, *groups, company=None):
        """A user of a real role: exactly the groups named (xml ids), in
        ``company`` (default: the main company)."""
        company = company or cls.company
        return cls.env["res.users"].create({
            "name": login.replace("_", " ").title(), "login": login,
            "email": "%s@example.com" % login,
            "company_id": company.id, "company_ids": [(6, 0, company.ids)],
            "groups_id": [(6, 0, [cls.env.ref(g).id for g in groups])],
        })

    @classmethod
    def _customer(cls, name, **values):
        return cls.Partner.create(dict(
            {"name": name, "customer": True, "is_company": True}, **values))

    @classmethod
    def _order(cls, partner, day, amount=100.0, confirm=True, company=None):
        company = company or cls.company
        order = cls.env["sale.order"].with_context(
            force_company=company.id).create({
                "partner_id": partner.id,
                "company_id": company.id,
                "date_order": "%s 10:00:00" % day,
                "order_line": [(0, 0, {
                    "product_id": cls.product.id,
                    "product_uom_qty": 1,
                    "price_unit": amount,
                    "tax_id": [(6, 0, [])],
                })],
            })
        if confirm:
            order.action_confirm()
        return order

    def _recompute(self, day=None):
        self.Partner._cron_update_lifecycle(ref_date=str(day or self.ref_date))

    def _profile(self, partner, company=None):
        return self.env["crm.lifecycle.profile"].search([
            ("partner_id", "=", partner.id),
            ("company_id", "=", (company or self.company).id),
        ])
