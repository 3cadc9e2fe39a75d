# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import threading

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests.common import TransactionCase, at_install, post_install


# Under Odoo's runner (odoo -i ... --test-enable) the at_install tests run inside the
# install's open transaction, which the workers' cursors cannot see: run after it.
@at_install(False)
@post_install(True)
class TestConcurrentRedemption(TransactionCase):
    """Two workers redeem the same member's points at the same moment.

    The fixtures are committed through a cursor of their own so that the two
    workers' cursors see them, and removed at the end.
    """

    def setUp(self):
        super().setUp()
        self.registry = self.env.registry
        with self.registry.cursor() as cr:
            cr.execute("SET LOCAL lock_timeout = '5s'")
            env = api.Environment(cr, SUPERUSER_ID, {
                "tracking_disable": True, "mail_create_nosubscribe": True})
            club = env["crm.membership.club"].create({
                "name": "Concurrency club", "code": "CCY", "fee_type": "free",
                "points_validity_months": 0})
            partner = env["res.partner"].create({"name": "Concurrent member"})
            reward = env["crm.membership.reward"].create({
                "club_id": club.id, "points_cost": 80,
                "product_id": env["product.product"].create({
                    "name": "Concurrency reward", "type": "consu"}).id})
            member = env["crm.membership"].create({
                "club_id": club.id, "partner_id": partner.id, "state": "active",
                "join_date": "2026-01-01"})
            member._adjust_points(100, "Fixture")
            cr.commit()
            self.ids = {"club": club.id, "partners": [partner.id],
                        "member": member.id, "reward": reward.id,
                        "product": reward.product_id.id,
                        "sequence": club.sequence_id.id}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            ids = self.ids
            cr.execute("DELETE FROM crm_membership_points WHERE club_id = %s",
                       (ids["club"],))
            cr.execute("DELETE FROM mail_message WHERE model = 'crm.membership' "
                       "AND res_id IN (SELECT id FROM crm_membership "
                       "WHERE club_id = %s)", (ids["club"],))
            cr.execute("DELETE FROM crm_membership WHERE club_id = %s", (ids["club"],))
            cr.execute("DELETE FROM crm_membership_reward WHERE id = %s",
                       (ids["reward"],))
            cr.execute("DELETE FROM crm_membership_club WHERE id = %s", (ids["club"],))
            cr.execute("DELETE FROM ir_sequence WHERE id = %s", (ids["sequence"],))
            cr.execute("DELETE FROM product_product WHERE id = %s RETURNING "
                       "product_tmpl_id", (ids["product"],))
            cr.execute("DELETE FROM product_template WHERE id = %s",
                       (cr.fetchone()[0],))
            cr.execute("DELETE FROM res_partner WHERE id = ANY(%s)",
                       (ids["partners"],))
            cr.commit()

    def _redeem(self, cr):
        env = api.Environment(cr, SUPERUSER_ID, {})
        member = env["crm.membership"].browse(self.ids["member"])
        return member._redeem_points(
            reward=env["crm.membership.reward"].browse(self.ids["reward"]))

    def _balance(self):
        with self.registry.cursor() as cr:
            cr.execute("""
                SELECT m.points_balance, sum(p.points)
                  FROM crm_membership m
                  JOIN crm_membership_points p ON p.membership_id = m.id
                 WHERE m.id = %s GROUP BY m.id""", (self.ids["member"],))
            return cr.fetchone()

    def test_two_redemptions_only_one_succeeds(self):
        """Two redemptions of 80 out of 100 points in two open transactions: the
        second is refused at once (row locked, no wait), and refused again after
        the first commits (20 points left); the balance ends at 20, never below."""
        first = self.registry.cursor()
        second = self.registry.cursor()
        try:
            first.execute("SET LOCAL lock_timeout = '5s'")
            second.execute("SET LOCAL lock_timeout = '5s'")
            line = self._redeem(first)
            self.assertEqual(line.points, -80)
            with self.assertRaisesRegex(UserError, "being changed by another"):
                self._redeem(second)
            first.commit()
            second.rollback()
            with self.assertRaisesRegex(UserError,
                                        "has 20 points available; 80 cannot"):
                self._redeem(second)
            second.rollback()
        finally:
            first.close()
            second.close()
        self.assertEqual(self._balance(), (20, 20))

    def test_two_threads_at_the_same_moment(self):
        """Two threads redeem 80 at the same moment: exactly one succeeds."""
        barrier = threading.Barrier(2)
        outcome = []

        def worker():
            with api.Environment.manage(), self.registry.cursor() as cr:
                cr.execute("SET LOCAL lock_timeout = '5s'")
                try:
                    barrier.wait(timeout=10)
                    self._redeem(cr)
                    # hold the lock a moment, as a real request would
                    cr.execute("SELECT pg_sleep(0.3)")
                    cr.commit()
                    outcome.append("ok")
                except (UserError, psycopg2.Error):
                    # refused by the addon, or by PostgreSQL (serialization failure)
                    cr.rollback()
                    outcome.append("refused")
                except threading.BrokenBarrierError:
                    outcome.append("no start")

        threads = [threading.Thread(target=worker) for _index in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        self.assertEqual(sorted(outcome), ["ok", "refused"])
        self.assertEqual(self._balance(), (20, 20))

    def test_refusal_is_no_error_of_the_log(self):
        """The expected "being changed by another operation" refusal logs no
        ERROR line of Odoo's cursor (the NOWAIT query is not logged as failed)."""
        records = []

        class Collect(logging.Handler):
            def emit(self, record):
                records.append(record)

        handler = Collect(level=logging.ERROR)
        logger = logging.getLogger("odoo.sql_db")
        # the test run may silence this logger: production logs its ERRORs
        level = logger.level
        logger.setLevel(logging.ERROR)
        logger.addHandler(handler)
        first = self.registry.cursor()
        second = self.registry.cursor()
        try:
            first.execute("SET LOCAL lock_timeout = '5s'")
            second.execute("SET LOCAL lock_timeout = '5s'")
            self._redeem(first)
            with self.assertRaisesRegex(UserError, "being changed by another"):
                self._redeem(second)
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)
            first.rollback()
            second.rollback()
            first.close()
            second.close()
        self.assertEqual([r.getMessage()[:80] for r in records], [],
                         "no ERROR logged for an expected refusal")

    def _due_grants(self):
        """A second member; both hold 30 and 40 points granted on 2024-01-01,
        expired since 2025-01-01 (committed)."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {
                "tracking_disable": True, "mail_create_nosubscribe": True})
            club = env["crm.membership.club"].browse(self.ids["club"])
            club.points_validity_months = 12
            partner = env["res.partner"].create({"name": "Second member"})
            self.ids["partners"].append(partner.id)
            other = env["crm.membership"].create({
                "club_id": club.id, "partner_id": partner.id, "state": "active",
                "join_date": "2024-01-01"})
            member = env["crm.membership"].browse(self.ids["member"])
            member._adjust_points(30, "Old", day="2024-01-01")
            other._adjust_points(40, "Old", day="2024-01-01")
            cr.commit()
            return other.id

    def _balances(self, *ids):
        with self.registry.cursor() as cr:
            cr.execute("SELECT points_balance FROM crm_membership WHERE id = ANY(%s)"
                       " ORDER BY id", (list(ids),))
            return [row[0] for row in cr.fetchall()]

    def test_nightly_expiry_skips_a_member_being_redeemed(self):
        """The nightly expiry never waits for a member a redemption holds: it
        expires the others and leaves that one to the next run."""
        other = self._due_grants()
        busy = self.registry.cursor()
        nightly = self.registry.cursor()
        try:
            busy.execute("SELECT id FROM crm_membership WHERE id = %s FOR UPDATE",
                         (self.ids["member"],))
            nightly.execute("SET LOCAL lock_timeout = '2s'")
            env = api.Environment(nightly, SUPERUSER_ID, {})
            done = env["crm.membership.points"]._cron_expire_points("2026-12-01")
            self.assertEqual(done, 1, "the other member only")
            nightly.commit()
            busy.rollback()
        finally:
            busy.close()
            nightly.close()
        self.assertEqual(self._balances(self.ids["member"], other), [130, 0])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.assertEqual(
                env["crm.membership.points"]._cron_expire_points(
                    "2026-12-01", autocommit=True), 1, "caught the next night")
        self.assertEqual(self._balances(self.ids["member"], other), [100, 0])
