# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests.common import SavepointCase


class MembershipCase(SavepointCase):
    """Two clubs (a paid one, a free loyalty one with tiers by points), products in
    a category tree, and helpers to invoice, pay and refund."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True, no_reset_password=True,
            mail_create_nosubscribe=True))
        cls.company = cls.env.ref("base.main_company")
        Product = cls.env["product.product"]
        cls.categ_goods = cls.env["product.category"].create({"name": "Club goods"})
        cls.categ_premium = cls.env["product.category"].create({
            "name": "Club premium", "parent_id": cls.categ_goods.id})
        cls.product_a = Product.create({
            "name": "Club widget", "type": "service", "list_price": 100.0,
            "categ_id": cls.categ_goods.id, "taxes_id": [(6, 0, [])],
            "invoice_policy": "order"})
        cls.product_b = Product.create({
            "name": "Club premium widget", "type": "service", "list_price": 50.0,
            "categ_id": cls.categ_premium.id, "taxes_id": [(6, 0, [])],
            "invoice_policy": "order"})
        cls.fee_product = Product.create({
            "name": "Club fee", "type": "service", "membership": True,
            "list_price": 120.0, "taxes_id": [(6, 0, [])]})
        cls.discount_product = Product.create({
            "name": "Points discount", "type": "service", "list_price": 0.0,
            "taxes_id": [(6, 0, [])]})
        cls.reward_product = Product.create({
            "name": "Reward mug", "type": "consu", "list_price": 8.0})
        Club = cls.env["crm.membership.club"]
        cls.club_fee = Club.create({
            "name": "Test owners", "code": "TOW", "fee_type": "fee",
            "fee_product_id": cls.fee_product.id, "period_months": 12,
            "reminder_days": 30, "points_per_unit": 0.0, "tier_basis": "spend",
        })
        cls.club = Club.create({
            "name": "Test loyalty", "code": "TLY", "fee_type": "free",
            "points_per_unit": 1.0, "point_value": 0.05,
            "points_validity_months": 12, "referral_bonus": 50,
            "discount_product_id": cls.discount_product.id,
            "point_rule_ids": [(0, 0, {"categ_id": cls.categ_premium.id,
                                       "points_per_unit": 2.0})],
            "reward_ids": [(0, 0, {"product_id": cls.reward_product.id,
                                   "points_cost": 80})],
        })
        Tier = cls.env["crm.membership.tier"]
        cls.tier_blue = Tier.create({
            "club_id": cls.club.id, "name": "Blue", "sequence": 1, "min_points": 0})
        cls.tier_silver = Tier.create({
            "club_id": cls.club.id, "name": "Silver", "sequence": 2,
            "min_points": 500, "color": "#aaaaaa"})
        cls.tier_gold = Tier.create({
            "club_id": cls.club.id, "name": "Gold", "sequence": 3,
            "min_points": 1000, "points_multiplier": 1.5, "color": "#c9a227",
            "event_access": True})
        cls.Partner = cls.env["res.partner"]
        cls.Membership = cls.env["crm.membership"]
        cls.Points = cls.env["crm.membership.points"]
        cls.income = cls.env["account.account"].search([
            ("company_id", "=", cls.company.id),
            ("user_type_id", "=", cls.env.ref("account.data_account_type_revenue").id),
        ], limit=1)
        cls.bank = cls.env["account.journal"].search([
            ("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1)

    @classmethod
    def _customer(cls, name, **values):
        return cls.Partner.create(dict(
            {"name": name, "customer": True, "is_company": True}, **values))

    @classmethod
    def _member(cls, partner, club=None, state="active", **values):
        return cls.Membership.create(dict({
            "club_id": (club or cls.club).id, "partner_id": partner.id,
            "state": state, "join_date": "2025-01-01"}, **values))

    @classmethod
    def _invoice(cls, partner, lines, day="2026-03-01", type_="out_invoice",
                 origin=None):
        invoice = cls.env["account.invoice"].create({
            "partner_id": partner.id,
            "type": type_,
            "date_invoice": day,
            "refund_invoice_id": origin.id if origin else False,
            "invoice_line_ids": [(0, 0, {
                "product_id": product.id, "name": product.name, "quantity": 1.0,
                "price_unit": price, "account_id": cls.income.id,
            }) for product, price in lines],
        })
        invoice.action_invoice_open()
        return invoice

    @classmethod
    def _order(cls, partner, price=100.0, **values):
        """A quotation of one widget at ``price``."""
        return cls.env["sale.order"].create(dict({
            "partner_id": partner.id,
            "order_line": [(0, 0, {"product_id": cls.product_a.id,
                                   "product_uom_qty": 1, "price_unit": price})],
        }, **values))

    @classmethod
    def _pay(cls, invoice, day="2026-03-02"):
        inbound = invoice.type == "out_invoice"
        payment = cls.env["account.payment"].create({
            "payment_type": "inbound" if inbound else "outbound",
            "partner_type": "customer",
            "partner_id": invoice.partner_id.id,
            "amount": invoice.residual,
            "payment_date": day,
            "journal_id": cls.bank.id,
            "invoice_ids": [(6, 0, invoice.ids)],
            "payment_method_id": cls.env.ref(
                "account.account_payment_method_manual_%s"
                % ("in" if inbound else "out")).id,
        })
        payment.post()
        return payment

    def _ledger(self, membership):
        """(origin, points) of the member's ledger, oldest first."""
        lines = self.Points.search([("membership_id", "=", membership.id)],
                                   order="date, id")
        return [(line.origin, line.points) for line in lines]

    def assertBalanced(self, membership):
        """The stored balance equals the sum of the ledger and of the grants'
        remaining points."""
        self.env.cr.execute("""
            SELECT m.points_balance, coalesce(sum(p.points), 0),
                   coalesce(sum(p.points_remaining), 0)
              FROM crm_membership m
              LEFT JOIN crm_membership_points p ON p.membership_id = m.id
             WHERE m.id = %s GROUP BY m.id
        """, (membership.id,))
        stored, total, remaining = self.env.cr.fetchone()
        self.env.cr.execute("""
            SELECT coalesce(sum(points_unsettled), 0) FROM crm_membership_points
             WHERE membership_id = %s""", (membership.id,))
        owed = self.env.cr.fetchone()[0]
        self.assertEqual((stored, total, remaining - owed), (total, total, total),
                         "balance, ledger and remaining grants less debts agree")
        self.assertGreaterEqual(stored, -owed, "a balance is negative by debts only")

    @classmethod
    def _user(cls, login, groups, **values):
        """A user of the given groups (xml ids), as the people who do the work."""
        return cls.env["res.users"].with_context(no_reset_password=True).create(
            dict({"name": login.title(), "login": login,
                  "email": "%s@x.test" % login,
                  "groups_id": [(6, 0, [cls.env.ref(g).id for g in groups])]},
                 **values))
